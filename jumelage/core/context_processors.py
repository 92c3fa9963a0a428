from django.conf import settings
from django.urls import translate_url

from jumelage.notifications.permissions import can_use_outbox


def site(request):
    """The language switcher: the same page in each language (i18n_patterns prefixes URLs)."""
    path = request.get_full_path()
    return {
        "SITE_LANGUAGES": [
            (code, name, translate_url(path, code)) for code, name in settings.LANGUAGES
        ],
        "can_use_outbox": can_use_outbox(request.user),
    }
