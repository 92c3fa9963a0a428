"""The committee's message templates, in every language; loaded by a data migration and
editable afterwards in the outbox pages. They never name a team: a blind committee's
reviewers read them too."""

from django.utils.translation import gettext_noop

TEMPLATES = {
    "committee-invitation": {
        "description": gettext_noop("Sent to a person invited to a selection committee."),
        "subject": {
            "en": "You are invited to the selection committee of {{ city }} ({{ cycle }})",
            "fr": "Vous êtes invité au comité de sélection de {{ city }} ({{ cycle }})",
            "zh-hant": "誠摯邀請您擔任{{ city }}評選委員會委員（{{ cycle }}）",
        },
        "body": {
            "en": "Hello {{ name }},\n\nThe programme team of {{ city }} invites you to its "
            "selection committee for the {{ cycle }} startup exchange, as {{ role }}.\n\n"
            "To accept, open this link and sign in (or register) with this email address:\n"
            "{{ link }}\n\nThe link is valid for 30 days.",
            "fr": "Bonjour {{ name }},\n\nL’équipe du programme de {{ city }} vous invite à "
            "son comité de sélection pour l’échange de startups {{ cycle }}, en tant que "
            "{{ role }}.\n\nPour accepter, ouvrez ce lien et connectez-vous (ou inscrivez-vous) "
            "avec cette adresse e-mail :\n{{ link }}\n\nLe lien est valable 30 jours.",
            "zh-hant": "{{ name }} 您好：\n\n{{ city }}計畫團隊誠摯邀請您以「{{ role }}」身分，"
            "擔任 {{ cycle }} 新創交流評選委員會委員。\n\n請開啟以下連結，並以本電子郵件地址登入"
            "（或註冊）後接受邀請：\n{{ link }}\n\n連結 30 天內有效。",
        },
    },
    "review-reminder": {
        "description": gettext_noop(
            "Sent to a committee member whose reviews are not all submitted."
        ),
        "subject": {
            "en": "Reminder: {{ count }} review(s) to submit for {{ city }}",
            "fr": "Rappel : {{ count }} évaluation(s) à remettre pour {{ city }}",
            "zh-hant": "提醒：您在{{ city }}尚有 {{ count }} 份評審待送出",
        },
        "body": {
            "en": "Hello {{ name }},\n\n{{ count }} of the applications assigned to you still "
            "wait for your submitted review. Reviews are due {{ deadline }}.\n\nYour queue: "
            "{{ link }}\n\nThank you for your time.",
            "fr": "Bonjour {{ name }},\n\n{{ count }} des candidatures qui vous sont confiées "
            "attendent encore votre évaluation. Date limite : {{ deadline }}.\n\nVotre liste : "
            "{{ link }}\n\nMerci de votre temps.",
            "zh-hant": "{{ name }} 您好：\n\n分配給您的申請案中，尚有 {{ count }} 件待您送出評審。"
            "評審截止時間：{{ deadline }}。\n\n您的待審清單：{{ link }}\n\n感謝您撥冗協助。",
        },
    },
}
