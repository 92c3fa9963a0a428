"""A manager plans a small trip (delegation, traveller, itinerary, briefing), the traveller
acknowledges the briefing pack, and the manager writes and generates the trip report, in
each of the site's languages. Elements are found by address, id and name, not by text."""

import re

import pytest
from playwright.sync_api import expect

from jumelage.exchange.models import Acknowledgement, Delegation, ItineraryItem
from jumelage.reports.models import TripReport
from tests.browser.steps import HTML_LANG, LANGUAGES, LOCALES, wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = {
    "zh-hant": "臺中代表團訪問土魯斯",
    "fr": "Délégation à Toulouse",
    "en": "Delegation to Toulouse",
}
VISIT = {
    "zh-hant": "拜會大土魯斯副主席",
    "fr": "Rencontre au Capitole",
    "en": "Meeting at the Capitole",
}
SUMMARY = {
    "zh-hant": "本次訪問確立了新創交流計畫。",
    "fr": "La visite a confirmé le programme d'échange.",
    "en": "The visit confirmed the startup exchange programme.",
}


@pytest.fixture
def language():
    return "en"


@pytest.fixture
def browser_locale(language):
    return LOCALES[language]


def submit(page):
    page.locator("main form.panel button.primary").first.click()


def create_delegation(page, base, language):
    page.goto(f"{base}/taichung-toulouse/2019/delegations/add/")
    column = language.replace("-", "_")
    page.fill(f"#id_title_{column}", TITLE[language])
    page.fill("#id_starts_on", "2019-10-07")
    page.fill("#id_ends_on", "2019-10-12")
    submit(page)
    page.wait_for_url(re.compile(r"/exchange/d/taichung-2019/$"))


def add_traveller(page, base, language, email):
    page.goto(f"{base}/d/taichung-2019/travellers/add/")
    page.fill(f"#id_name_{language.replace('-', '_')}", "Alice Chen")
    page.select_option("#id_role", "team_member")
    page.fill("#id_email", email)
    submit(page)
    page.wait_for_url(re.compile(r"/exchange/d/taichung-2019/$"))


def add_item(page, base, language, day, time, activity):
    page.goto(f"{base}/d/taichung-2019/itinerary/add/")
    page.fill("#id_day", day)
    page.fill("#id_starts_at", time)
    page.fill(f"#id_activity_{language.replace('-', '_')}", activity)
    page.fill("#id_address", "1 Place du Capitole, 31000 Toulouse")
    submit(page)
    page.wait_for_url(re.compile(r"/exchange/d/taichung-2019/itinerary/$"))


def write_briefing(page, base, language):
    page.goto(f"{base}/d/taichung-2019/briefing/edit/")
    page.fill(f"#id_visa_{language.replace('-', '_')}", "Schengen: no visa under 90 days.")
    page.fill("#id_meeting_at", "2019-09-20T10:00")
    submit(page)
    page.wait_for_url(re.compile(r"/exchange/d/taichung-2019/briefing/$"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_manager_plans_a_trip_the_traveller_reads_the_briefing_and_the_report_is_made(
    page, live_server, log_in, world, language, problems
):
    users = world.users
    base = f"{live_server.url}/{language}/exchange"
    log_in(users.tina)
    create_delegation(page, base, language)
    add_traveller(page, base, language, users.alice.email)
    add_item(page, base, language, "2019-10-08", "14:30", VISIT[language])
    add_item(page, base, language, "2019-10-07", "09:00", "FAB14")
    rows = page.locator("table.itinerary tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("FAB14")  # grouped by day, earliest first
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])
    page.screenshot(path=f"/tmp/exchange-itinerary-{language}.png", full_page=True)
    write_briefing(page, base, language)
    delegation = Delegation.objects.get(slug="taichung-2019")
    assert ItineraryItem.objects.filter(delegation=delegation).count() == 2

    page.context.clear_cookies()
    log_in(users.alice)
    page.goto(f"{base}/d/taichung-2019/briefing/")
    page.screenshot(path=f"/tmp/exchange-briefing-{language}.png", full_page=True)
    page.locator('form[action$="/briefing/acknowledge/"] button').click()
    wait_until(page, Acknowledgement.objects.filter(traveller__user=users.alice).exists, "ack")
    expect(page.locator('form[action$="/briefing/acknowledge/"]')).to_have_count(0)

    page.context.clear_cookies()
    log_in(users.tina)
    page.goto(f"{base}/d/taichung-2019/briefing/")
    expect(page.locator("tr.unread")).to_have_count(0)  # everyone has read it
    reports = f"{live_server.url}/{language}/reports/trip/taichung-2019"
    page.goto(f"{reports}/edit/")
    column = language.replace("-", "_")
    page.fill(f"#id_summary_{column}", SUMMARY[language])
    wait_until(
        page,
        lambda: TripReport.objects.filter(**{f"summary_{column}": SUMMARY[language]}).exists(),
        "the draft to be saved",
    )
    expect(page.locator("#autosave-status")).not_to_have_class(re.compile("error"))
    page.goto(f"{reports}/")
    expect(page.locator("article.trip-report")).to_contain_text(SUMMARY[language])
    expect(page.locator("article.trip-report table.itinerary")).to_contain_text(VISIT[language])
    page.screenshot(path=f"/tmp/exchange-report-{language}.png", full_page=True)
    pdf_path = page.locator('a[href$="/pdf/"]').get_attribute("href")
    pdf = page.request.get(live_server.url + pdf_path)
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert problems == []
