"""The outcome surveys' messages, in every language; loaded into the notifications'
templates by a data migration (followup/migrations), editable by managers afterwards.

Both go to a survey's recipient: {{ name }}, {{ survey }}, {{ team }}, {{ cycle }},
{{ closes }} (when it closes, in the recipient's language) and {{ link }}.
"""

from django.utils.translation import gettext_noop

TEMPLATES = {
    "survey-invitation": {
        "description": gettext_noop("To a team or a host: an outcome survey to answer."),
        "subject": {
            "en": "Your news, please: {{ survey }}",
            "fr": "Donnez-nous de vos nouvelles : {{ survey }}",
            "zh-hant": "請分享您的近況：{{ survey }}",
        },
        "body": {
            "en": "Hello {{ name }},\n\nWhat came out of the {{ cycle }} startup exchange "
            "for {{ team }}? Please answer the survey “{{ survey }}” by {{ closes }}:\n"
            "{{ link }}\n\nYour answers feed the programme's outcome report.",
            "fr": "Bonjour {{ name }},\n\nQu’est-il sorti de l’échange de startups {{ cycle }} "
            "pour {{ team }} ? Merci de répondre à l’enquête « {{ survey }} » avant le "
            "{{ closes }} :\n{{ link }}\n\nVos réponses nourrissent le bilan du programme.",
            "zh-hant": "{{ name }} 您好：\n\n{{ cycle }} 年度新創交流計畫為 {{ team }} "
            "帶來了哪些成果？請於 {{ closes }} 前填寫問卷「{{ survey }}」：\n{{ link }}\n\n"
            "您的回覆將納入計畫的成果報告。",
        },
    },
    "survey-reminder": {
        "description": gettext_noop("To a team or a host who has not answered a survey yet."),
        "subject": {
            "en": "Reminder: {{ survey }}",
            "fr": "Rappel : {{ survey }}",
            "zh-hant": "提醒：{{ survey }}",
        },
        "body": {
            "en": "Hello {{ name }},\n\nThe survey “{{ survey }}” about {{ team }} is still "
            "waiting for your answers; it closes on {{ closes }}:\n{{ link }}",
            "fr": "Bonjour {{ name }},\n\nL’enquête « {{ survey }} » sur {{ team }} attend "
            "toujours vos réponses ; elle se clôt le {{ closes }} :\n{{ link }}",
            "zh-hant": "{{ name }} 您好：\n\n關於 {{ team }} 的問卷「{{ survey }}」仍待您填寫，"
            "將於 {{ closes }} 截止：\n{{ link }}",
        },
    },
}
