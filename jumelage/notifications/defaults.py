"""The message templates the platform ships with, in every language.

Loaded by a data migration; managers may edit them afterwards in the outbox pages.
Placeholders use Django's template syntax with plain-string values.
"""

from django.utils.translation import gettext_noop

TEMPLATES = {
    "verify-email": {
        "description": gettext_noop("Sent when someone registers, to confirm their email address."),
        "subject": {
            "en": "Confirm your email address for jumelage",
            "fr": "Confirmez votre adresse e-mail pour jumelage",
            "zh-hant": "請確認您在 jumelage 的電子郵件地址",
        },
        "body": {
            "en": "Hello {{ name }},\n\nPlease confirm your email address by opening this "
            "link:\n{{ link }}\n\nThe link is valid for 3 days. If you did not register, "
            "ignore this message.",
            "fr": "Bonjour {{ name }},\n\nVeuillez confirmer votre adresse e-mail en ouvrant ce "
            "lien :\n{{ link }}\n\nLe lien est valable 3 jours. Si vous ne vous êtes pas "
            "inscrit, ignorez ce message.",
            "zh-hant": "{{ name }} 您好：\n\n請開啟以下連結以確認您的電子郵件地址：\n{{ link }}\n\n"
            "連結 3 天內有效。若您未曾註冊，請忽略本信。",
        },
    },
    "registration-attempt": {
        "description": gettext_noop(
            "Sent when someone registers with an address that has an account already."
        ),
        "subject": {
            "en": "Someone tried to register with your address on jumelage",
            "fr": "Quelqu’un a tenté de s’inscrire avec votre adresse sur jumelage",
            "zh-hant": "有人嘗試以您的地址註冊 jumelage",
        },
        "body": {
            "en": "Hello {{ name }},\n\nSomeone tried to create a jumelage account with this "
            "e-mail address, which has an account already. If it was you, log in:\n{{ login }}"
            "\n\nIf you forgot your password, choose a new one here:\n{{ reset }}\n\nIf it "
            "was not you, ignore this message: nothing changed on your account.",
            "fr": "Bonjour {{ name }},\n\nQuelqu’un a tenté de créer un compte jumelage avec "
            "cette adresse e-mail, qui a déjà un compte. Si c’était vous, connectez-vous :\n"
            "{{ login }}\n\nSi vous avez oublié votre mot de passe, choisissez-en un nouveau "
            "ici :\n{{ reset }}\n\nSi ce n’était pas vous, ignorez ce message : rien n’a "
            "changé sur votre compte.",
            "zh-hant": "{{ name }} 您好：\n\n有人嘗試以此電子郵件地址建立 jumelage 帳號，但此地址已"
            "有帳號。若是您本人，請登入：\n{{ login }}\n\n若您忘記密碼，請在此設定新密碼：\n"
            "{{ reset }}\n\n若不是您本人，請忽略本信：您的帳號沒有任何變更。",
        },
    },
    "application-submitted": {
        "description": gettext_noop("Sent to the applicant when their application is submitted."),
        "subject": {
            "en": "Application received: {{ call }}",
            "fr": "Candidature reçue : {{ call }}",
            "zh-hant": "已收到您的申請：{{ call }}",
        },
        "body": {
            "en": "Hello {{ name }},\n\nWe have received the application of {{ team }} to "
            "“{{ call }}” (reference {{ reference }}).\n\nYou can still edit it until the "
            "deadline, {{ deadline }} ({{ timezone }}). The selection committee reviews the "
            "applications after the call closes; you will be told the outcome.",
            "fr": "Bonjour {{ name }},\n\nNous avons bien reçu la candidature de {{ team }} à "
            "« {{ call }} » (référence {{ reference }}).\n\nVous pouvez encore la modifier "
            "jusqu’à la date limite, le {{ deadline }} ({{ timezone }}). Le comité de sélection "
            "examine les candidatures après la clôture ; vous serez informé du résultat.",
            "zh-hant": "{{ name }} 您好：\n\n我們已收到 {{ team }} 對「{{ call }}」的申請"
            "（編號 {{ reference }}）。\n\n截止時間 {{ deadline }}（{{ timezone }}）前您仍可修改。"
            "徵件截止後由評選委員會審查，結果將另行通知。",
        },
    },
    "application-withdrawn": {
        "description": gettext_noop("Sent to the applicant when they withdraw their application."),
        "subject": {
            "en": "Application withdrawn: {{ call }}",
            "fr": "Candidature retirée : {{ call }}",
            "zh-hant": "申請已撤回：{{ call }}",
        },
        "body": {
            "en": "Hello {{ name }},\n\nThe application of {{ team }} to “{{ call }}” "
            "(reference {{ reference }}) is withdrawn. You can reopen it until the deadline, "
            "{{ deadline }} ({{ timezone }}).",
            "fr": "Bonjour {{ name }},\n\nLa candidature de {{ team }} à « {{ call }} » "
            "(référence {{ reference }}) est retirée. Vous pouvez la rouvrir jusqu’à la date "
            "limite, le {{ deadline }} ({{ timezone }}).",
            "zh-hant": "{{ name }} 您好：\n\n{{ team }} 對「{{ call }}」的申請"
            "（編號 {{ reference }}）已撤回。"
            "截止時間 {{ deadline }}（{{ timezone }}）前您可重新開啟。",
        },
    },
}


def translated_columns(field: str, texts: dict) -> dict:
    """{"en": …, "zh-hant": …} as modeltranslation's columns: subject_en, subject_zh_hant, …"""
    columns = {f"{field}_{code.replace('-', '_')}": text for code, text in texts.items()}
    columns[field] = texts["en"]
    return columns
