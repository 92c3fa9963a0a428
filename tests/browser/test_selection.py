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
from tests.browser.test_apply import log_in
from tests.selection.factories import reviewed

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: it must see committed rows. The
    # serialized rollback restores the rows that migrations create (message templates).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HTML_LANG = {"zh-hant": "zh-Hant", "fr": "fr", "en": "en"}


def shot(page, name):
    page.screenshot(path=f"/tmp/sel-{name}.png", full_page=True)


class Selection:
    """The addresses of the cycle's selection pages, in one language."""

    def __init__(self, live_server, world):
        self.base = live_server.url
        self.cycle = f"selection/{world.partnership.slug}/{world.cycle.slug}"

    def __call__(self, language, path=""):
        return f"{self.base}/{language}/{self.cycle}/{path}"


def nominate(page, urls, language, side, applications):
    page.goto(urls(language, f"{side}/nominate/"))
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])
    for application in applications:
        page.select_option(f"#id_kind_{application.pk}", "nominated")
        page.fill(f"#id_justification_{application.pk}", f"Top of the ranking: {application}")
    expect(page.locator("#nominated-count")).to_have_attribute("data-count", "5")
    shot(page, f"nominate-{side}-{language}")
    page.locator("#send").click()
    expect(page.locator("#pick")).to_be_visible()
    shot(page, f"nominated-{side}-{language}")


def pick(page, urls, language, side, world):
    """Select the first two of `side`'s nominees and keep the third in reserve."""
    page.goto(urls(language, f"{side}/pick/"))
    nomination = Nomination.objects.get(cycle=world.cycle, side__slug=side)
    entries = list(nomination.entries.order_by("order"))
    page.locator(f'a[href$="/pick/{entries[0].application_id}/"]').click()
    expect(page.locator("#privacy-note")).to_be_visible()
    shot(page, f"application-{side}-{language}")
    page.go_back()
    for entry in entries[:2]:
        page.select_option(f"#id_choice_{entry.pk}", "selected")
        page.fill(f"#id_reason_{entry.pk}", "Fits our incubators")
    page.select_option(f"#id_choice_{entries[2].pk}", "reserve")
    page.fill(f"#id_order_{entries[2].pk}", "1")
    expect(page.locator("#selected-count")).to_have_attribute("data-count", "2")
    for hidden in world.ranked[side][5:]:
        expect(page.locator("main")).not_to_contain_text(hidden.team_name)
    shot(page, f"pick-{side}-{language}")
    page.locator("#propose").click()
    expect(page.locator("#pick-state")).to_have_class(re.compile(r"\bproposed\b"))
    shot(page, f"proposed-{side}-{language}")


def confirm(page, urls, language, side):
    page.goto(urls(language, f"{side}/nominate/"))
    page.locator("#confirm-pick").click()
    expect(page.locator("#pick-state")).to_have_class(re.compile(r"\bsent\b"))
    shot(page, f"confirmed-{side}-{language}")


def test_both_cities_select_and_announce(page, client, live_server, world, problems):
    reviewed(world)
    page.on("dialog", lambda dialog: dialog.accept())  # the "send now?" confirmations
    urls = Selection(live_server, world)
    tina, theo = world.users.tina, world.users.theo

    log_in(page, client, live_server, tina)
    nominate(page, urls, "zh-hant", "taichung", world.ranked["taichung"][:5])
    log_in(page, client, live_server, theo)
    pick(page, urls, "fr", "taichung", world)
    nominate(page, urls, "fr", "toulouse", world.ranked["toulouse"][:5])
    log_in(page, client, live_server, tina)
    pick(page, urls, "zh-hant", "toulouse", world)
    confirm(page, urls, "zh-hant", "taichung")
    log_in(page, client, live_server, theo)
    confirm(page, urls, "fr", "toulouse")
    assert set(Nomination.objects.values_list("pick__state", flat=True)) == {PickState.CONFIRMED}

    page.goto(urls("fr"))
    shot(page, "overview-fr")
    page.locator("#decisions-toulouse").click()
    page.wait_for_url(re.compile(r"/fr/outbox/\?state=draft$"))
    shot(page, "outbox-fr")
    log_in(page, client, live_server, tina)
    page.goto(urls("zh-hant"))
    page.locator("#decisions-taichung").click()
    page.wait_for_url(re.compile(r"/zh-hant/outbox/\?state=draft$"))
    shot(page, "outbox-zh-hant")

    decisions = decision_messages(world.cycle)
    applicants = [*world.ranked["taichung"], *world.ranked["toulouse"]]
    assert sorted(decisions.values_list("recipient", flat=True)) == sorted(
        a.applicant_id for a in applicants
    )
    page.locator("#release-all-taichung").click()
    expect(page.locator("#drafts")).to_be_hidden()
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
    log_in(page, client, live_server, first.applicant)
    page.goto(f"{live_server.url}/zh-hant/selection/places/{first.place.pk}/")
    shot(page, "place-zh-hant")
    page.locator("#confirm-place").click()
    expect(page.locator("#place-state")).to_have_class(re.compile(r"\bsent\b"))
    shot(page, "place-confirmed-zh-hant")
    assert problems == []
