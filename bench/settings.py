"""The production settings (jumelage.settings), plus one workaround the bench needs today.

jumelage keeps its own CSS and JavaScript in jumelage/static/, which is not an app's static
folder and is not listed in STATICFILES_DIRS, so `collectstatic` leaves it out and, with
DEBUG=false (ManifestStaticFilesStorage), every page that links it fails with
"Missing staticfiles manifest entry". Until jumelage.settings lists it, this module does;
once the project collects those files itself, the workaround turns itself off.
"""

from jumelage.settings import *  # noqa: F403
from jumelage.settings import BASE_DIR, INSTALLED_APPS

_PACKAGE_STATIC = BASE_DIR / "static"
_LISTED = globals().get("STATICFILES_DIRS", [])
STATIC_WORKAROUND = _PACKAGE_STATIC.is_dir() and "jumelage" not in INSTALLED_APPS and not _LISTED
if STATIC_WORKAROUND:
    STATICFILES_DIRS = [_PACKAGE_STATIC]
