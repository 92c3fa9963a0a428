"""A manager opens the cycle dashboard in each language, reads its charts (SVG text in the
page's language) and the tables behind them, downloads the funnel table, opens a side's
dashboard, opens the outcome report and downloads its PDF; then follows a team's path from
its page. Elements are found by address and name, never by their (translated) text."""

import pytest
from playwright.sync_api import expect

from jumelage.followup.models import Milestone
from tests import factories as f
from tests.browser.steps import HTML_LANG, LANGUAGES, LOCALES
from tests.exchange.factories import selected_team

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


@pytest.fixture
def browser_locale(language):
    return LOCALES[language]


def test_a_manager_reads_the_dashboard_downloads_its_table_and_validates_a_milestone(
    page, live_server, log_in, world, language, problems
):
    f.ApplicationFactory(call=world.call_tl, state="submitted")
    team = selected_team(world)
    log_in(world.users.theo)
    page.goto(f"{live_server.url}/{language}/reports/cycle/taichung-toulouse/2019/dashboard/")
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])
    funnel = page.locator('table[data-chart="funnel"] tbody tr')
    expect(funnel).to_have_count(7)
    expect(funnel.first.locator("td")).to_have_text(["1", "1", "2"])
    first_step = funnel.first.locator("th").inner_text()
    chart = page.locator("svg#chart-funnel")
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator("text", has_text=first_step).first).to_be_visible()
    expect(page.locator("svg#chart-themes")).to_have_count(1)
    tables = page.locator("table.chart-table").count()
    assert tables >= 5 and tables == page.locator("svg.pygal-chart").count()
    page.screenshot(path=f"/tmp/charts-dashboard-{language}.png", full_page=True)
    with page.expect_download() as download:
        page.locator('a[href$="funnel.csv"]').click()
    assert download.value.suggested_filename == "funnel-taichung-toulouse-2019.csv"

    page.locator('nav.actions a[href$="?side=taichung"]').click()
    expect(page.locator('table[data-chart="funnel"] thead th')).to_have_count(2)

    page.locator('nav.actions a[href$="/outcome/"]').click()
    expect(page.locator("article.outcome-report")).to_have_attribute("lang", HTML_LANG[language])
    expect(page.locator("section.team-page")).to_have_count(1)
    expect(page.locator("#figures svg.pygal-chart").first).to_be_visible()
    page.screenshot(path=f"/tmp/outcome-report-{language}.png", full_page=True)
    with page.expect_download() as download:
        page.locator('a[href$="/report.pdf"]').click()
    name = f"outcome-taichung-toulouse-2019-{language}.pdf"
    assert download.value.suggested_filename == name
    with open(download.value.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"

    page.goto(f"{live_server.url}/{language}/followup/teams/{team.pk}/")
    page.fill("input[name=reached_on]", "2020-03-01")
    page.fill("textarea[name=evidence]", "Pilot with a Toulouse company")
    page.locator('form[action$="/milestones/"] button').click()
    expect(page.locator("ol.milestone-path li.reached")).to_have_count(1)
    page.screenshot(path=f"/tmp/follow-team-{language}.png", full_page=True)
    assert Milestone.objects.filter(application=team).count() == 1
    assert problems == []
