"""The message templates of matchmaking, in every language (loaded by a data migration)."""

from django.utils.translation import gettext_noop

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
