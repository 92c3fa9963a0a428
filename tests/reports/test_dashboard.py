import datetime as dt

import pytest
from django.urls import reverse

from jumelage.followup import services
from jumelage.followup.enums import Stage
from jumelage.reports.funnel import funnel
from tests import factories as f
from tests.exchange.factories import TravellerFactory, selected_team, trip

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(world):
    """Taichung: a draft, two received, one picked who travelled and reached proof of concept.
    Toulouse: one received."""
    f.ApplicationFactory(call=world.call_tc, state="draft")
    f.ApplicationFactory(call=world.call_tc, state="submitted")
    team = selected_team(world)
    delegation, _traveller = trip(world)
    TravellerFactory(delegation=delegation, name="Lin", application=team)
    services.validate_milestone(
        world.users.tina, team, Stage.PROOF_OF_CONCEPT, reached_on=dt.date(2020, 1, 1), evidence="x"
    )
    f.ApplicationFactory(call=world.call_tl, state="submitted")
    return world.cycle


def _counts(steps):
    return {key: count for key, _label, count in steps}


def test_the_funnel_counts_each_step_of_a_side(world, cycle):
    assert _counts(funnel(cycle, world.taichung)) == {
        "applications": 2,
        "reviewed": 0,
        "nominated": 1,
        "picked": 1,
        "travelled": 1,
        "milestones": 1,
        "outcomes": 0,
    }


def test_the_partnership_funnel_adds_both_sides(world, cycle):
    assert _counts(funnel(cycle))["applications"] == 3


def test_the_funnel_costs_a_query_per_step_however_many_applications(
    django_assert_num_queries, world, cycle
):
    # The cycle's calls, the applications received, then one query for each later step.
    with django_assert_num_queries(8):
        funnel(cycle)
    f.ApplicationFactory.create_batch(3, call=world.call_tl, state="submitted")
    with django_assert_num_queries(8):
        assert _counts(funnel(cycle))["applications"] == 6


def _page(client, user, cycle, side=""):
    client.force_login(user)
    url = reverse("reports:dashboard", args=["taichung-toulouse", cycle.slug])
    return client.get(url, {"side": side} if side else {})


def _chart(response, key):
    return next(chart for chart in response.context["charts"] if chart.key == key)


def test_the_dashboard_shows_the_funnel_per_side_and_for_the_partnership(client, world, cycle):
    response = _page(client, world.users.theo, cycle)
    assert response.status_code == 200
    funnel_chart = _chart(response, "funnel")
    assert funnel_chart.header[-1] == "Partnership"
    assert funnel_chart.rows[0][1:] == [2, 1, 3]
    assert 'aria-labelledby="funnel-title funnel-desc"' in response.content.decode()


def test_every_figure_of_the_dashboard_is_a_chart_with_its_table(client, world, cycle):
    response = _page(client, world.users.theo, cycle)
    keys = [chart.key for chart in response.context["charts"]]
    assert keys == ["funnel", "per-day", "themes", "scores", "budget", "outcomes", "cycles"]
    page = response.content.decode()
    assert page.count('class="chart-table"') == sum(
        1 for chart in response.context["charts"] if chart.rows
    )
    assert "<script" not in page.split("<main")[1].split("</main>")[0]


def test_a_sides_dashboard_counts_only_its_own_applications(client, world, cycle):
    response = _page(client, world.users.tina, cycle, side=world.taichung.slug)
    assert _chart(response, "funnel").table == [
        ["Step", "Taichung"],
        *[[row[0], row[1]] for row in _chart(response, "funnel").rows],
    ]
    assert _chart(response, "funnel").rows[0][1] == 2
    assert _chart(response, "themes").header == ["Theme", "Taichung"]


def test_an_unknown_side_is_a_404_with_a_message(client, world, cycle):
    assert _page(client, world.users.tina, cycle, side="paris").status_code == 404


def test_the_cycles_are_compared_oldest_first(client, world, cycle):
    comparison = _chart(_page(client, world.users.tina, cycle), "cycles")
    assert comparison.header[:2] == ["Cycle", "Applications"]
    assert comparison.rows == [[str(cycle.name), 3, 0, 1, 1, 1, 1, 0]]


def test_the_dashboard_costs_the_same_queries_however_many_applications(
    client, world, cycle, django_assert_max_num_queries
):
    client.force_login(world.users.tina)
    url = reverse("reports:dashboard", args=["taichung-toulouse", cycle.slug])
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(20):
        f.ApplicationFactory(call=world.call_tl, state="submitted")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def _export(client, world, cycle, table, fmt):
    client.force_login(world.users.tina)
    return client.get(
        reverse("reports:dashboard_export", args=["taichung-toulouse", cycle.slug, table, fmt])
    )


def test_the_funnel_table_downloads_as_csv_and_xlsx(client, world, cycle):
    csv = _export(client, world, cycle, "funnel", "csv")
    assert (
        b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()[1] == "Applications,2,1,3"
    )
    xlsx = _export(client, world, cycle, "funnel", "xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_every_table_downloads_together_as_one_workbook(client, world, cycle):
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(_export(client, world, cycle, "all", "xlsx").content))
    assert len(workbook.sheetnames) == 7


def test_an_unknown_export_format_or_table_is_refused_with_a_message(client, world, cycle):
    response = _export(client, world, cycle, "funnel", "pdf")
    assert response.status_code == 400
    assert "CSV or XLSX" in response.content.decode()
    assert _export(client, world, cycle, "nothing", "csv").status_code == 400
    assert _export(client, world, cycle, "all", "csv").status_code == 400
