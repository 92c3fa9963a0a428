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


def test_the_funnel_is_one_query(django_assert_num_queries, cycle):
    with django_assert_num_queries(1):
        funnel(cycle)


def test_the_dashboard_shows_the_funnel_table_per_side(client, world, cycle):
    client.force_login(world.users.theo)
    response = client.get(reverse("reports:dashboard", args=["taichung-toulouse", cycle.slug]))
    assert response.status_code == 200
    assert response.context["header"][-1] == "Partnership"
    assert response.context["rows"][0][1:] == [2, 1, 3]


def test_the_funnel_table_downloads_as_csv_and_xlsx(client, world, cycle):
    client.force_login(world.users.tina)
    url = "reports:dashboard_export"
    csv = client.get(reverse(url, args=["taichung-toulouse", cycle.slug, "csv"]))
    assert (
        b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()[1] == "Applications,2,1,3"
    )
    xlsx = client.get(reverse(url, args=["taichung-toulouse", cycle.slug, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_an_unknown_export_format_is_refused_with_a_message(client, world, cycle):
    client.force_login(world.users.tina)
    response = client.get(
        reverse("reports:dashboard_export", args=["taichung-toulouse", cycle.slug, "pdf"])
    )
    assert response.status_code == 400
    assert "CSV or XLSX" in response.content.decode()
