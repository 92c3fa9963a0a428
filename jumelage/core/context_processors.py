from django.conf import settings
from django.urls import translate_url

from jumelage.core.pages import NAVIGATION


def site(request):
    """The language switcher (the same page in each language: i18n_patterns prefixes URLs)
    and the links later apps add to the top bar for a signed-in person."""
    path = request.get_full_path()
    return {
        "SITE_LANGUAGES": [
            (code, name, translate_url(path, code)) for code, name in settings.LANGUAGES
        ],
        "navigation": _navigation(request),
    }


def _navigation(request):
    # Error pages render before authentication has run (a bad Host header answers 400
    # from the first middleware): no user there, and so no personal links.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return NAVIGATION.shown(user)
