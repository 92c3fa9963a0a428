"""The interface ships complete in zh-Hant, fr and en."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "jumelage" / "locale"
# Scripts read their words from data- attributes of the page, so one domain serves both.
CATALOGUES = [LOCALE / lang / "LC_MESSAGES" / "django.po" for lang in ("fr", "zh_Hant")]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_catalogue_has_no_untranslated_or_fuzzy_message(path):
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert (missing, fuzzy) == ([], [])


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_compiled_catalogue_is_up_to_date(path):
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    source = polib.pofile(str(path))
    translated = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in source if e.translated()
    }
    shipped = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in compiled}
    assert translated == shipped


def test_placeholders_survive_translation():
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if "python-format" in entry.flags and not entry.msgid_plural:
                assert _placeholders(entry.msgid) == _placeholders(entry.msgstr), entry.msgid


def _placeholders(text):
    return sorted(re.findall(r"%\((\w+)\)[sd]|\{(\w+)\}", text))


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogues_hold_every_message_of_the_source(tmp_path):
    """Catches a new string that was never extracted with `make messages`."""
    fresh = tmp_path / "jumelage"
    shutil.copytree(LOCALE.parent, fresh, ignore=shutil.ignore_patterns("locale"))
    (fresh / "locale").mkdir()
    manage = LOCALE.parents[1] / "manage.py"
    command = [sys.executable, str(manage), "makemessages", "-l", "fr", "--no-location"]
    subprocess.run(command, cwd=fresh, check=True, capture_output=True)
    extracted = polib.pofile(str(fresh / "locale/fr/LC_MESSAGES/django.po"))
    for path in CATALOGUES:
        known = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path))}
        new = [e.msgid for e in extracted if (e.msgctxt, e.msgid) not in known]
        assert new == [], f"run `make messages`: {path.parts[-3]} lacks {new[:10]}"
