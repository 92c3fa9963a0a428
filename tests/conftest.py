"""The Taichung–Toulouse world every test can ask for, with one named user per role:
alice and bob apply, tina manages Taichung, theo manages Toulouse, hana works at a Toulouse
host, olga is an operator."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.utils import timezone, translation

from jumelage.accounts.models import Role
from tests import factories as f


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """A request in another language leaves that language active in the thread, and
    reverse() then prefixes every URL with it: start and end each test in the default one."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def world(db):
    partnership = f.PartnershipFactory()
    taichung = f.SideFactory(
        partnership=partnership,
        slug="taichung",
        city="Taichung",
        city_fr="Taichung",
        city_zh_hant="臺中",
        country_code="TW",
        timezone="Asia/Taipei",
        languages=["zh-hant", "en"],
        currency="TWD",
    )
    toulouse = f.SideFactory(
        partnership=partnership,
        slug="toulouse",
        city="Toulouse",
        city_zh_hant="土魯斯",
        country_code="FR",
        timezone="Europe/Paris",
        languages=["fr", "en"],
        currency="EUR",
    )
    cycle = f.cycle_factory(partnership, start=timezone.localdate() - dt.timedelta(days=300))
    theme = f.ThemeFactory(cycle=cycle, proposed_by=taichung, title="Internet of Things")
    call_tc = f.CallFactory(
        cycle=cycle, side=taichung, slug="taichung-2019", title="Taichung call for startups"
    )
    call_tl = f.CallFactory(
        cycle=cycle, side=toulouse, slug="toulouse-2019", title="Appel à candidatures de Toulouse"
    )
    host = f.HostOrganisationFactory(side=toulouse, slug="la-cantine", name="La Cantine")
    users = SimpleNamespace(
        alice=f.UserFactory(email="alice@example.org", full_name="Alice Applicant"),
        bob=f.UserFactory(email="bob@example.org", full_name="Bob Applicant"),
        tina=f.UserFactory(email="tina@taichung.example", full_name="Tina Manager"),
        theo=f.UserFactory(email="theo@toulouse.example", full_name="Théo Manager"),
        hana=f.UserFactory(email="hana@cantine.example", full_name="Hana Host"),
        olga=f.UserFactory(
            email="olga@example.org", full_name="Olga Operator", is_staff=True, is_superuser=True
        ),
    )
    f.MembershipFactory(user=users.tina, side=taichung, role=Role.MANAGER)
    f.MembershipFactory(user=users.theo, side=toulouse, role=Role.MANAGER)
    f.MembershipFactory(user=users.hana, side=toulouse, role=Role.HOST_STAFF, organisation=host)
    return SimpleNamespace(
        partnership=partnership,
        taichung=taichung,
        toulouse=toulouse,
        cycle=cycle,
        theme=theme,
        call_tc=call_tc,
        call_tl=call_tl,
        host=host,
        users=users,
        password=f.PASSWORD,
    )
