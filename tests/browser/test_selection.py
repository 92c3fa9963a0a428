"""Both cities nominate, pick among the partner's nominees and confirm each other's pick;
the results are announced in every language and each applicant has one decision waiting
in the outbox. Elements are found by address, id and name, never by their (translated) text.
Screenshots of each page land in /tmp/sel-*.png for people to look at."""

import re

import pytest
from playwright.sync_api import expect

from jumelage.notifications.models import OutboxState
from jumelage.selection.enums import PickState
from jumelage.selection.models import Nomination
from jumelage.selection.queries import decision_messages
from tests.browser.steps import HTML_LANG, Selection, confirm, nominate, pick, shot
from tests.selection.factories import reviewed

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: it must see committed rows. The
    # serialized rollback restores the rows that migrations create (message templates).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_both_cities_select_and_announce(page, log_in, live_server, world, problems):
    reviewed(world)
    page.on("dialog", lambda dialog: dialog.accept())  # the "send now?" confirmations
    urls = Selection(live_server, world)
    tina, theo = world.users.tina, world.users.theo

    log_in(tina)
    nominate(page, urls, "zh-hant", "taichung", world.ranked["taichung"][:5])
    log_in(theo)
    pick(page, urls, "fr", "taichung", world)
    nominate(page, urls, "fr", "toulouse", world.ranked["toulouse"][:5])
    log_in(tina)
    pick(page, urls, "zh-hant", "toulouse", world)
    confirm(page, urls, "zh-hant", "taichung")
    log_in(theo)
    confirm(page, urls, "fr", "toulouse")
    assert set(Nomination.objects.values_list("pick__state", flat=True)) == {PickState.CONFIRMED}

    page.goto(urls("fr"))
    shot(page, "overview-fr")
    page.locator("#decisions-toulouse").click()
    page.locator("#draft-decisions").click()
    expect(page.locator("#publish-decisions")).to_be_visible()
    shot(page, "decisions-fr")
    log_in(tina)
    page.goto(urls("zh-hant"))
    page.locator("#decisions-taichung").click()
    page.locator("#draft-decisions").click()
    shot(page, "decisions-zh-hant")

    decisions = decision_messages(world.cycle)
    applicants = [*world.ranked["taichung"], *world.ranked["toulouse"]]
    assert sorted(decisions.values_list("recipient", flat=True)) == sorted(
        a.applicant_id for a in applicants
    )
    page.locator("#publish-decisions").click()
    expect(page.locator("#published")).to_be_visible()
    assert set(decisions.filter(side=world.taichung).values_list("state", flat=True)) <= {
        OutboxState.QUEUED,
        OutboxState.SENT,
    }

    page.context.clear_cookies()
    selected = [*world.ranked["taichung"][:2], *world.ranked["toulouse"][:2]]
    for language in ("zh-hant", "fr", "en"):
        page.goto(urls(language, "results/"))
        expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])
        expect(page.locator(".selected-team")).to_have_count(4)
        for application in selected:
            expect(page.locator("main")).to_contain_text(application.team_name)
        shot(page, f"results-{language}")

    first = world.ranked["taichung"][0]
    log_in(first.applicant)
    page.goto(f"{live_server.url}/zh-hant/selection/places/{first.place.pk}/")
    shot(page, "place-zh-hant")
    page.locator("#confirm-place").click()
    expect(page.locator("#place-state")).to_have_class(re.compile(r"\bsent\b"))
    shot(page, "place-confirmed-zh-hant")
    assert problems == []
