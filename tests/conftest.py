"""The Taichung–Toulouse world every test can ask for, with one named user per role:
alice and bob apply, tina manages Taichung, theo manages Toulouse, hana works at a Toulouse
host, rita reviews for Taichung (once the review app gives her a seat), olga is an operator."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template import base as template_base
from django.test.utils import override_settings
from django.utils import timezone, translation

from jumelage.accounts.models import Role
from jumelage.calls import services as call_services
from jumelage.calls.queries import forget_form_definitions
from jumelage.demo import loader
from jumelage.notifications.models import OutboxMessage
from tests import factories as f


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for a module and rolled back after it (loading takes seconds);
    yields the folder of its files. A module asks for it with
    `pytest.mark.usefixtures("demo_loaded")`."""
    media = tmp_path_factory.mktemp("media")
    fast = override_settings(
        MEDIA_ROOT=media, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with fast, django_db_blocker.unblock(), transaction.atomic():
        loader.load()
        yield media
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fresh_form_definitions():
    """Each process keeps the forms it has read; a test starts with none."""
    forget_form_definitions()


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
        rita=f.UserFactory(email="rita@reviewers.example", full_name="Rita Reviewer"),
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


@pytest.fixture
def rich_world(world):
    """The world with something of everything: a submitted application with its file, a
    question, an offer, a budget line and an outbox message; and two more people for the
    role matrix (tests/roles.py), who hold no seat until the review app's rows give them
    one: carla, to chair Taichung's committee, and blake, to review blind for Toulouse."""
    world.users.carla = f.UserFactory(email="carla@reviewers.example", full_name="Carla Chair")
    world.users.blake = f.UserFactory(email="blake@reviewers.example", full_name="Blake Blind")
    alice = world.users.alice
    application = call_services.start_application(alice, world.call_tc, "en")
    answers = {
        "language": "en",
        "team_name": "Orchid",
        "organisation": "Orchid Ltd",
        "contact_name": "Alice",
        "contact_email": alice.email,
        "theme": world.theme.pk,
    }
    call_services.save_application(
        alice,
        application.pk,
        answers,
        {"pitch_deck": SimpleUploadedFile("deck.pdf", f.MINIMAL_PDF)},
    )
    assert call_services.submit_application(alice, application.pk).ok
    world.application = application
    world.question = f.QuestionFactory(call=world.call_tc)
    world.offer = f.HostingOfferFactory(cycle=world.cycle, organisation=world.host)
    world.budget_line = f.BudgetLineFactory(cycle=world.cycle, side=world.taichung)
    world.message = OutboxMessage.objects.create(
        template_key="verify-email",
        side=world.taichung,
        recipient_email="a@example.org",
        language="en",
        subject="s",
        body="b",
    )
    return world


@pytest.fixture(autouse=True)
def dates_through_moments(monkeypatch):
    """Every page a test renders is audited: a date or a time that a template prints bare
    (`{{ application.created }}`) would show in Django's format with no zone named, so it
    fails the test; templates show moments through `jumelage.core.moments`' filters."""
    original = template_base.localize

    def refusing_dates(value, use_l10n=None):
        if isinstance(value, dt.date | dt.time):
            raise AssertionError(f"a template printed {value!r} without the moments filters")
        return original(value, use_l10n=use_l10n)

    monkeypatch.setattr(template_base, "localize", refusing_dates)
