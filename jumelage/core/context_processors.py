from django.conf import settings
from django.urls import translate_url


def site(request):
    """The language switcher: the same page in each language (i18n_patterns prefixes URLs)."""
    path = request.get_full_path()
    return {
        "SITE_LANGUAGES": [
            (code, name, translate_url(path, code)) for code, name in settings.LANGUAGES
        ],
    }
