"""One way to show dates: the helper in three languages, the reader's zone, and an audit
that templates and code show dates only through it (the rendered side of the audit is the
`dates_through_moments` fixture that every test runs under)."""

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation

from jumelage.accounts.zones import reader_zone
from jumelage.core import moments
from tests import factories as f

PACKAGE = Path(__file__).resolve().parents[2] / "jumelage"
TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
DEADLINE = dt.datetime(2027, 1, 17, 17, 0, tzinfo=TAIPEI)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "17 Jan 2027, 17:00 (Taiwan Standard Time)"),
        ("fr", "17 janv. 2027, 17:00 (heure normale de Taipei)"),
        ("zh-hant", "2027年1月17日 17:00 (台北標準時間)"),
    ],
)
def test_a_moment_is_written_in_the_readers_language_with_its_zone_named(language, expected):
    with translation.override(language):
        assert moments.moment(DEADLINE, "Asia/Taipei") == expected


def test_a_sides_deadline_adds_the_readers_own_time_when_it_differs():
    with translation.override("fr"), timezone.override(PARIS):
        text = moments.moment_for_reader(DEADLINE, TAIPEI)
    assert text == (
        "17 janv. 2027, 17:00 (heure normale de Taipei) · "
        "17 janv. 2027, 10:00 (heure normale d’Europe centrale)"
    )
    with timezone.override(TAIPEI):
        assert "·" not in moments.moment_for_reader(DEADLINE, TAIPEI)


def test_the_zone_name_follows_the_season():
    summer = dt.datetime(2027, 7, 1, 12, 0, tzinfo=PARIS)
    assert moments.zone_name(summer, PARIS, "fr") == "heure d’été d’Europe centrale"
    assert moments.zone_name(DEADLINE, PARIS, "fr") == "heure normale d’Europe centrale"


def test_days_and_spans_of_days():
    assert moments.day(dt.date(2027, 5, 20), "en") == "20 May 2027"
    french = moments.days(dt.date(2027, 5, 20), dt.date(2027, 6, 2), "fr")
    assert french == "20 mai\u2009–\u20092 juin 2027"
    assert (
        moments.days(dt.date(2027, 5, 20), dt.date(2027, 6, 2), "zh-hant")
        == "2027年5月20日至6月2日"
    )
    assert moments.day_of_week(dt.date(2018, 7, 15), "en") == "Sun 15 Jul"
    assert moments.moment(None) == moments.day(None) == ""


def _request(user=None, cookie=None):
    request = RequestFactory().get("/")
    if user is not None:
        request.user = user
    if cookie is not None:
        request.COOKIES["tz"] = cookie
    return request


@pytest.mark.django_db
def test_the_readers_zone_is_their_own_then_their_browsers_then_their_languages(world):
    manager = world.users.tina
    manager.refresh_from_db()
    assert manager.time_zone == world.taichung.timezone  # given when they joined the side
    assert reader_zone(_request(manager, cookie="America/New_York")) == TAIPEI
    applicant = f.UserFactory()
    assert applicant.time_zone == ""
    assert reader_zone(_request(applicant, cookie="America/New_York")).key == "America/New_York"
    with translation.override("fr"):
        assert reader_zone(_request(applicant, cookie="Not/AZone")) == PARIS
    with translation.override("zh-hant"):
        assert reader_zone(_request()) == TAIPEI


# Machine-readable values are not a person's reading: ISO attributes (`date:'c'`) for the
# browser and spreadsheets' cells (whose header names the zone), and the backup's file name.
ALLOWED_CODE = {
    "calls/exports.py",
    "review/exports.py",
    "core/management/commands/backup.py",
    "core/moments.py",
}
TEMPLATE_FORMATTING = re.compile(
    r"""\|date(?!:['"]c['"])|\|time\b|\|timezone\b|{%\s*(timezone|now)\b"""
)
CODE_FORMATTING = re.compile(r"\bdate_format\(|\btime_format\(|\.strftime\(|:%Y|:%H")


def test_templates_show_dates_only_through_the_moments_filters():
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in (PACKAGE / "templates").rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if TEMPLATE_FORMATTING.search(line)
    ]
    assert found == []


def test_code_formats_dates_only_through_the_moments_helper():
    found = [
        f"{relative}:{number}: {line.strip()}"
        for path in PACKAGE.rglob("*.py")
        if (relative := str(path.relative_to(PACKAGE))) not in ALLOWED_CODE
        and "migrations" not in relative
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CODE_FORMATTING.search(line)
    ]
    assert found == []
