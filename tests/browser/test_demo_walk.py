"""A newcomer's walk through the demo as loaded, without moving any date: the cycle whose
calls closed four days ago is mid-review. Its chairs and its blind reviewer review in the
browser, the managers watch the ranking forming, the other reviews come in, each side's manager
nominates and sends, the partner picks, both confirm and publish; then the public, a
selected and a refused applicant read the outcome, and the finished cycle's traveller opens
the trip. Taichung acts in Chinese, Toulouse in French, the public and the teams in
English."""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test.utils import override_settings
from playwright.sync_api import expect

from jumelage.accounts.models import User
from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application
from jumelage.demo import loader
from jumelage.exchange.models import Delegation
from jumelage.partnerships.models import Cycle
from jumelage.review import services as review_services
from jumelage.review.enums import ReviewState
from jumelage.review.models import Committee, Member, Review
from jumelage.review.queries import ranking_of
from jumelage.selection.enums import PlaceState
from jumelage.selection.models import Place
from tests.browser.steps import HTML_LANG, Selection, cross_select

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGE = {"taichung": "zh-hant", "toulouse": "fr"}
SHOTS = Path(os.environ.get("JUMELAGE_DEMO_SHOTS", "/tmp/demo-shots"))


@pytest.fixture
def demo():
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        loader.load()
    return Cycle.objects.get(slug__contains="-")


@pytest.fixture
def snap(page):
    """Screenshots for people to look at, only when asked for (JUMELAGE_DEMO_SHOTS)."""

    def take(name):
        if "JUMELAGE_DEMO_SHOTS" in os.environ:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    return take


def _committee(live_server, language, cycle, side, path=""):
    base = f"{live_server.url}/{language}/review/{cycle.partnership.slug}/{cycle.slug}"
    return f"{base}/{side}/{path}"


def _review_one(page, live_server, cycle, member, language, snap):
    """The member opens an application of their queue not reviewed yet and submits it."""
    done = Review.objects.filter(member=member, state=ReviewState.SUBMITTED)
    todo = member.assignments.exclude(application__in=done.values("application")).first()
    side = member.committee.side.slug
    page.goto(_committee(live_server, language, cycle, side, "queue/"))
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])
    snap(f"queue-{side}-{member.role}")
    page.goto(_committee(live_server, language, cycle, side, f"queue/{todo.application_id}/"))
    for criterion in member.committee.criteria.all():
        page.locator(f'input[name="score_{criterion.pk}"][value="4"]').check()
    page.fill("#id_comment", "Solid plan for the partner city.")
    snap(f"review-{side}-{member.role}")
    page.locator("button[name=action][value=submit]").click()
    expect(page.locator("main h1 .badge.submitted")).to_be_visible()
    assert done.filter(application=todo.application).exists()
    return todo.application


def _the_others_review(committee):
    """The reviews the other members write in the days after: every one submitted."""
    criteria = list(committee.criteria.all())
    for member in committee.members.select_related("user"):
        submitted = member.reviews.filter(state=ReviewState.SUBMITTED).values("application")
        for assignment in member.assignments.exclude(application__in=submitted):
            scores = {str(c.pk): (assignment.application_id + c.pk) % 5 + 1 for c in criteria}
            data = {"scores": scores, "answers": {}, "comment": "", "comment_for_applicant": ""}
            review_services.save_review(
                member.user, member, assignment.application, data, submit=True
            )


def test_a_newcomer_walks_the_demo_from_review_to_trip(page, log_in, live_server, demo, snap):
    cycle = demo
    page.on("dialog", lambda dialog: dialog.accept())
    committees = {c.side.slug: c for c in Committee.objects.filter(cycle=cycle)}
    assert all(c.blind == (slug == "toulouse") for slug, c in committees.items())

    # Reviewers: each chair, and Toulouse's blind reviewer, review live.
    for slug, committee in committees.items():
        language = LANGUAGE[slug]
        chair = committee.members.get(role="chair")
        assert chair.assignments.exclude(
            application__in=chair.reviews.filter(state=ReviewState.SUBMITTED).values("application")
        ).exists(), "the demo leaves the chair reviews to write"
        log_in(chair.user)
        _review_one(page, live_server, cycle, chair, language, snap)
        # The ranking forming is the managers' page (a chair is refused it: 403).
        log_in(committee.side.memberships.filter(role="manager").first().user)
        page.goto(_committee(live_server, language, cycle, slug, "ranking/"))
        expect(page.locator("main table tbody tr").first).to_be_visible()
        snap(f"ranking-forming-{slug}")
    blind = Member.objects.get(committee=committees["toulouse"], email="reviewer2@toulouse.demo")
    log_in(blind.user)
    reviewed = _review_one(page, live_server, cycle, blind, "fr", snap)
    expect(page.locator("main")).not_to_contain_text(reviewed.team_name)

    for committee in committees.values():
        _the_others_review(committee)
    ranked = {slug: [line.application for line in ranking_of(c)] for slug, c in committees.items()}

    # Managers: nominate and send, the partner picks, both confirm and publish.
    managers = {
        slug: c.side.memberships.filter(role="manager").first().user
        for slug, c in committees.items()
    }
    world = SimpleNamespace(partnership=cycle.partnership, cycle=cycle, ranked=ranked)
    urls = Selection(live_server, world)
    cross_select(page, urls, log_in, managers, world)
    for slug in ("toulouse", "taichung"):
        log_in(managers[slug])
        page.goto(urls(LANGUAGE[slug]))
        page.locator(f"#decisions-{slug}").click()
        page.locator("#draft-decisions").click()
        page.locator("#publish-decisions").click()
        expect(page.locator("#published")).to_be_visible()
        snap(f"published-{slug}")

    # The public reads the results in the three languages.
    page.context.clear_cookies()
    selected = [*ranked["taichung"][:2], *ranked["toulouse"][:2]]
    for language in ("zh-hant", "fr", "en"):
        page.goto(urls(language, "results/"))
        expect(page.locator(".selected-team")).to_have_count(4)
        for application in selected:
            expect(page.locator("main")).to_contain_text(application.team_name)
    snap("results-en")

    # Applicants: a selected team and a refused one read their outcome on their page.
    refused = (
        Application.objects.filter(call__cycle=cycle, state=ApplicationState.SUBMITTED)
        .exclude(pk__in=[a.pk for a in ranked["taichung"][:6] + ranked["toulouse"][:6]])
        .first()
    )
    for application, shown in ((selected[0], "Selected"), (refused, "Not selected")):
        log_in(application.applicant)
        page.goto(f"{live_server.url}/en/calls/applications/{application.pk}/")
        expect(page.locator(f"#application-state #outcome-{application.pk}")).to_have_text(shown)
        snap(f"applicant-{shown.replace(' ', '-').lower()}")
    assert Place.objects.get(application=selected[0]).state == PlaceState.OFFERED

    # The trip: the finished cycle's traveller opens the delegation, itinerary and briefing.
    delegation = Delegation.objects.get(cycle__isnull=False, side__slug="taichung")
    traveller = delegation.travellers.exclude(application=None).first()
    log_in(User.objects.get(pk=traveller.user_id))
    trip = f"{live_server.url}/en/exchange/d/{delegation.slug}/"
    page.goto(trip)
    expect(page.locator("main")).to_contain_text(traveller.name_en)
    snap("trip-traveller-en")
    page.goto(f"{trip}itinerary/")
    expect(page.locator("main")).to_contain_text("La Cantine")
    snap("itinerary-traveller-en")
    page.goto(f"{trip}briefing/")
    expect(page.locator("main")).to_contain_text("Schengen")
    snap("briefing-traveller-en")
