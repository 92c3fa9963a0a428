"""A reviewer scores in their queue and submits; a conflicted reviewer is refused; the
managers see the ranking. In each of the site's languages; elements found by address,
id and name, never by their (translated) text."""

import pytest
from playwright.sync_api import expect

from jumelage.review import services
from jumelage.review.enums import ReviewState
from jumelage.review.models import Review
from tests import factories as f
from tests.browser.steps import LOCALES
from tests.review import helpers

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(params=["zh-hant", "fr", "en"])
def language(request):
    return request.param


@pytest.fixture
def browser_locale(language):
    return LOCALES[language]


@pytest.fixture
def committee(world, language):
    """Taichung's closed call, three applications, rita and omar on the committee."""
    world.applications = [
        helpers.submitted_application(world, world.call_tc, f.UserFactory(), name)
        for name in ("Orchid Sensors", "Jade Robotics", "Lotus Data")
    ]
    helpers.close_call(world.call_tc)
    committee = helpers.committee(world, blind=True)
    world.criteria = [helpers.criterion(committee), helpers.criterion(committee, "Market")]
    world.users.rita.language = language
    world.users.rita.save()
    world.seat = helpers.seat(committee, world.users.rita, language=language)
    world.omar = helpers.seat(committee, f.UserFactory(full_name="Omar"), language=language)
    for member in (world.seat, world.omar):
        services.assign(world.users.tina, member, world.applications)
    world.committee = committee
    return world


def _base(live_server, language, world):
    return (
        f"{live_server.url}/{language}/review/{world.partnership.slug}/{world.cycle.slug}/taichung"
    )


def test_a_reviewer_drafts_and_submits_a_review(
    page, live_server, log_in, committee, language, screenshot, problems
):
    log_in(committee.users.rita)
    page.goto(_base(live_server, language, committee) + "/queue/")
    expect(page.locator("html")).to_have_attribute(
        "lang", {"zh-hant": "zh-Hant"}.get(language, language)
    )
    screenshot("queue")
    first = committee.applications[0]
    page.locator(f'a[href$="/queue/{first.pk}/"]').click()
    expect(page.locator("main h1")).to_contain_text(first.reference)
    assert "Orchid" not in page.content()  # a blind committee
    team, market = committee.criteria
    page.locator(f'input[name="score_{team.pk}"][value="4"]').check()
    page.fill("#id_comment", "Convincing pilot customers.")
    page.locator("button[name=action][value=save]").click()
    expect(page.locator(f'input[name="score_{team.pk}"][value="4"]')).to_be_checked()
    screenshot("draft")
    page.locator("button[name=action][value=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()  # the market score is missing
    page.locator(f'input[name="score_{market.pk}"][value="2"]').check()
    page.locator("button[name=action][value=submit]").click()
    expect(page.locator("main h1 .badge.submitted")).to_be_visible()
    screenshot("submitted")
    review = Review.objects.get(member=committee.seat, application=first)
    assert review.state == ReviewState.SUBMITTED
    assert review.scores == {str(team.pk): 4, str(market.pk): 2}
    assert review.comment == "Convincing pilot customers."
    assert problems == []


def test_a_conflicted_reviewer_is_refused(page, live_server, log_in, committee, language):
    log_in(committee.omar.user)
    application = committee.applications[1]
    review_url = _base(live_server, language, committee) + f"/queue/{application.pk}/"
    page.goto(review_url)
    page.locator("details.panel summary").click()
    page.fill("#id_reason", "I advise this team.")
    page.locator('form[action$="/conflict/"] button.danger').click()
    expect(page.locator(f'a[href$="/queue/{application.pk}/"]')).to_have_count(0)
    response = page.goto(review_url)
    assert response.status == 404
    assert not Review.objects.filter(member=committee.omar, application=application).exists()


def test_the_managers_see_the_ranking(page, live_server, log_in, committee, language, screenshot):
    team, market = committee.criteria
    for application, score in zip(committee.applications, (2, 5, 3), strict=True):
        helpers.submit_review(committee.seat, application, {team.pk: score, market.pk: score})
    log_in(committee.users.tina)
    page.goto(_base(live_server, language, committee) + "/ranking/")
    rows = page.locator("table.ranking tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(committee.applications[1].reference)
    expect(rows.nth(2)).to_contain_text(committee.applications[0].reference)
    screenshot("ranking")
