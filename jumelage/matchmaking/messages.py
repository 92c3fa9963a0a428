"""The message templates of matchmaking, in every language (loaded by a data migration)."""

from django.utils.translation import gettext_noop

from jumelage.notifications.defaults import translated_columns

TEMPLATES = {
    "matchmaking-agenda-changed": {
        "description": gettext_noop(
            "Sent to a participant whose confirmed meeting a schedule run moved."
        ),
        "subject": {
            "en": "Your meetings agenda changed: {{ session }}",
            "fr": "Votre agenda de rendez-vous a changé : {{ session }}",
            "zh-hant": "您的會面行程已變更：{{ session }}",
        },
        "body": {
            "en": "Hello {{ name }},\n\nThe schedule of “{{ session }}” changed:\n{{ changes }}"
            "\n\nYour agenda, always up to date:\n{{ link }}",
            "fr": "Bonjour {{ name }},\n\nLe planning de « {{ session }} » a changé :\n"
            "{{ changes }}\n\nVotre agenda, toujours à jour :\n{{ link }}",
            "zh-hant": "{{ name }} 您好：\n\n「{{ session }}」的排程已變更：\n{{ changes }}"
            "\n\n您的最新行程：\n{{ link }}",
        },
    },
}

TEMPLATES["matchmaking-outcome-due"] = {
    "description": gettext_noop(
        "Sent six months after a meeting whose feedback wanted a follow-up."
    ),
    "subject": {
        "en": "Six months on: what came of your meeting with {{ others }}?",
        "fr": "Six mois après : qu'est-il advenu de votre rendez-vous avec {{ others }} ?",
        "zh-hant": "六個月後：您與 {{ others }} 的會面有何進展？",
    },
    "body": {
        "en": "Hello {{ name }},\n\nSix months ago, at “{{ session }}”, you met {{ others }} "
        "and hoped for {{ interest }}. What came of it? One question, one click:\n{{ link }}",
        "fr": "Bonjour {{ name }},\n\nIl y a six mois, lors de « {{ session }} », vous avez "
        "rencontré {{ others }} en espérant {{ interest }}. Qu'en est-il ? Une question, un "
        "clic :\n{{ link }}",
        "zh-hant": "{{ name }} 您好：\n\n六個月前，您在「{{ session }}」與 {{ others }} 會面，"
        "期待{{ interest }}。後來有何進展？只需回答一個問題：\n{{ link }}",
    },
}

TEMPLATES["matchmaking-itinerary-conflict"] = {
    "description": gettext_noop(
        "Sent to the organisers when an itinerary change breaks scheduled meetings."
    ),
    "subject": {
        "en": "Itinerary change: {{ count }} meetings to move in “{{ session }}”",
        "fr": "Itinéraire modifié : {{ count }} rendez-vous à déplacer dans « {{ session }} »",
        "zh-hant": "行程變更：「{{ session }}」有 {{ count }} 場會面需要調整",
    },
    "body": {
        "en": "Hello {{ name }},\n\nThe itinerary of {{ delegation }} changed; these meetings "
        "now clash with it:\n{{ meetings }}\n\nThe schedule grid:\n{{ link }}",
        "fr": "Bonjour {{ name }},\n\nL'itinéraire de {{ delegation }} a changé ; ces "
        "rendez-vous le heurtent désormais :\n{{ meetings }}\n\nLa grille du planning :\n"
        "{{ link }}",
        "zh-hant": "{{ name }} 您好：\n\n{{ delegation }} 的行程已變更，以下會面與其衝突：\n"
        "{{ meetings }}\n\n排程表：\n{{ link }}",
    },
}


def load(apps, keys=None) -> None:
    """Write the templates `keys` (all by default) into the message table; data migrations
    call it with their historical models."""
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for key in keys or TEMPLATES:
        spec = TEMPLATES[key]
        MessageTemplate.objects.update_or_create(
            key=key,
            defaults={
                "description": spec["description"],
                **translated_columns("subject", spec["subject"]),
                **translated_columns("body", spec["body"]),
            },
        )
