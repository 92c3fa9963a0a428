"""The public and applicant pages pass axe-core's WCAG 2.1 A and AA checks, in the three
languages. axe-core comes inside the axe-playwright-python package: nothing is fetched."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from jumelage.calls import services as call_services
from jumelage.calls.enums import QuestionKind
from jumelage.selection.models import Place
from tests.browser.steps import LANGUAGES
from tests.factories import QuestionChoiceFactory, QuestionFactory
from tests.selection.factories import finish, reviewed

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def violations(axe, page, url) -> list[str]:
    page.goto(url)
    found = axe.run(page, options=WCAG_21_AA).response["violations"]
    return [
        f"{url}: {rule['id']} ({rule['impact']}) at {node['target']}: {node['failureSummary']}"
        for rule in found
        for node in rule["nodes"]
    ]


def every_question_kind(call):
    """A form that asks one question of each kind, some required, one shown on a condition."""
    for kind in QuestionKind:
        QuestionFactory(call=call, key=kind.value, kind=kind, required=kind != QuestionKind.FILE)
    for question in call.questions.filter(kind__in=QuestionKind.with_choices()):
        QuestionChoiceFactory(question=question, value="a", label="First")
        QuestionChoiceFactory(question=question, value="b", label="Second")


def localized(live_server, language, path) -> str:
    return f"{live_server.url}/{language}{path.removeprefix('/en')}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_open_call_pages_pass_wcag_21_aa(page, live_server, log_in, world, axe, language):
    every_question_kind(world.call_tc)
    draft = call_services.start_application(world.users.alice, world.call_tc, language)
    public = [
        reverse("core:home"),
        reverse("calls:detail", args=[world.call_tc.slug]),
        reverse("accounts:login"),
        reverse("accounts:register"),
        reverse("accounts:password_reset"),
        reverse("hosting:organisations", args=[world.partnership.slug]),
        reverse("hosting:schemes", args=[world.partnership.slug]),
        reverse("partnerships:detail", args=[world.partnership.slug]),
        reverse("partnerships:cycle", args=[world.partnership.slug, world.cycle.slug]),
        reverse("partnerships:themes", args=[world.partnership.slug, world.cycle.slug]),
    ]
    found = [
        v for path in public for v in violations(axe, page, localized(live_server, language, path))
    ]
    log_in(world.users.alice)
    form = localized(live_server, language, reverse("calls:application", args=[draft.pk]))
    found += violations(axe, page, form)
    page.locator("button[name=action][value=submit]").click()  # every error shown at once
    page.wait_for_selector("#error-summary")
    found += [
        f"after submitting empty: {v}"
        for v in axe.run(page, options=WCAG_21_AA).response["violations"]
    ]
    found += violations(axe, page, localized(live_server, language, reverse("accounts:home")))
    found += violations(axe, page, localized(live_server, language, reverse("accounts:privacy")))
    assert found == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_results_and_a_selected_team_s_pages_pass_wcag_21_aa(
    page, live_server, log_in, world, axe, language
):
    reviewed(world)
    finish(world)
    place = Place.objects.select_related("application__applicant").first()
    results = reverse("selection:results", args=[world.partnership.slug, world.cycle.slug])
    found = violations(axe, page, localized(live_server, language, results))
    log_in(place.application.applicant)
    for path in (
        reverse("selection:place", args=[place.pk]),
        reverse("calls:application", args=[place.application.pk]),
        reverse("accounts:home"),
    ):
        found += violations(axe, page, localized(live_server, language, path))
    assert found == []
