"""The whole selection on the demo's current cycle, once its calls have closed: the
committees' reviewers score (one refused for a conflict), Taichung nominates 5, Toulouse
picks 2, Toulouse nominates 5, Taichung picks 2, each confirms, the results page shows the
four teams in every language and the outbox holds one decision per applicant."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test.utils import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application, Call
from jumelage.demo import loader
from jumelage.partnerships.models import Cycle
from jumelage.review import services as review_services
from jumelage.review.models import Committee, Member
from jumelage.review.queries import ranking_of
from jumelage.selection.queries import decision_messages
from tests.browser.steps import HTML_LANG, Selection, cross_select

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(settings, tmp_path):
    """The demo loaded, its current cycle's calls closed yesterday."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        loader.load()
    cycle = Cycle.objects.order_by("created", "pk").first()
    now = timezone.now()
    Call.objects.filter(cycle=cycle).update(
        opens_at=now - dt.timedelta(days=40), closes_at=now - dt.timedelta(days=1)
    )
    return cycle


def _committee_url(live_server, language, cycle, side, path=""):
    return (
        f"{live_server.url}/{language}/review/{cycle.partnership.slug}/{cycle.slug}/{side}/{path}"
    )


def _score_in_the_browser(page, live_server, cycle, member, language):
    """The member opens the first application of their queue and submits top scores."""
    page.goto(_committee_url(live_server, language, cycle, member.committee.side.slug, "queue/"))
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])
    page.locator('main table a[href*="/queue/"]').first.click()
    for criterion in member.committee.criteria.all():
        page.locator(f'input[name="score_{criterion.pk}"][value="{criterion.scale_max}"]').check()
    page.fill("#id_comment", "Ready for the exchange.")
    page.locator("button[name=action][value=submit]").click()
    expect(page.locator("main h1 .badge.submitted")).to_be_visible()


def _declare_a_conflict(page, live_server, cycle, member, language):
    assignment = member.assignments.select_related("application").first()
    url = _committee_url(
        live_server,
        language,
        cycle,
        member.committee.side.slug,
        f"queue/{assignment.application_id}/",
    )
    page.goto(url)
    page.locator("details.panel summary").click()
    page.locator('form[action$="/conflict/"] button.danger').click()
    assert page.goto(url).status == 404


def _review_the_rest(committee):
    """What the other reviewers would do in the weeks after: every review submitted."""
    criteria = list(committee.criteria.all())
    for member in committee.members.select_related("user"):
        for assignment in member.assignments.select_related("application__call"):
            data = {
                "scores": {
                    str(c.pk): (assignment.application_id * 7 + c.pk) % 5 + 1 for c in criteria
                },
                "answers": {},
                "comment": "",
                "comment_for_applicant": "",
            }
            if not member.reviews.filter(
                application=assignment.application, state="submitted"
            ).exists():
                review_services.save_review(
                    member.user, member, assignment.application, data, submit=True
                )


def test_the_whole_selection_on_demo_data(page, log_in, live_server, demo, problems):
    cycle = demo
    page.on("dialog", lambda dialog: dialog.accept())
    committees = {
        c.side.slug: c for c in Committee.objects.filter(cycle=cycle).select_related("side")
    }
    managers = {slug: c.side.memberships.get(role="manager").user for slug, c in committees.items()}

    for slug, language in (("taichung", "zh-hant"), ("toulouse", "fr")):
        log_in(managers[slug])
        page.goto(_committee_url(live_server, language, cycle, slug, "assignments/"))
        page.locator('form[action$="/assignments/auto/"] button').click()
        expect(page.locator("main table tbody tr").first).to_be_visible()
        chair, other = Member.objects.filter(committee=committees[slug]).order_by("-role", "pk")[:2]
        log_in(chair.user)
        _score_in_the_browser(page, live_server, cycle, chair, language)
        log_in(other.user)
        _declare_a_conflict(page, live_server, cycle, other, language)
        _review_the_rest(committees[slug])

    ranked = {
        slug: [line.application for line in ranking_of(committee)]
        for slug, committee in committees.items()
    }
    world = SimpleNamespace(partnership=cycle.partnership, cycle=cycle, ranked=ranked)
    urls = Selection(live_server, world)
    cross_select(page, urls, log_in, managers, world)

    for slug, language in (("toulouse", "fr"), ("taichung", "zh-hant")):
        log_in(managers[slug])
        page.goto(urls(language))
        page.locator(f"#decisions-{slug}").click()
        page.locator("#draft-decisions").click()
        page.locator("#publish-decisions").click()
        expect(page.locator("#published")).to_be_visible()

    page.context.clear_cookies()
    selected = [*ranked["taichung"][:2], *ranked["toulouse"][:2]]
    for language in ("zh-hant", "fr", "en"):
        page.goto(urls(language, "results/"))
        expect(page.locator(".selected-team")).to_have_count(4)
        for application in selected:
            expect(page.locator("main")).to_contain_text(application.team_name)

    applicants = Application.objects.filter(
        call__cycle=cycle, state=ApplicationState.SUBMITTED
    ).values_list("applicant_id", flat=True)
    decisions = decision_messages(cycle)
    assert sorted(decisions.values_list("recipient_id", flat=True)) == sorted(applicants)
    assert problems == []
