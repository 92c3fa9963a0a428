import datetime as dt

import pytest
from django.template.loader import render_to_string

from jumelage.followup import panels, services
from jumelage.followup.enums import Stage
from tests import factories as f
from tests.exchange.factories import selected_team
from tests.followup.factories import hosted

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(world):
    """Two selected teams; La Cantine hosts the first, which reached proof of concept."""
    first = selected_team(world, team_name="Orchid")
    second = selected_team(world, team_name="Banyan")
    hosted(first, f.HostingOfferFactory(cycle=world.cycle, organisation=world.host))
    services.validate_milestone(
        world.users.tina,
        first,
        Stage.PROOF_OF_CONCEPT,
        reached_on=dt.date(2020, 1, 1),
        evidence="x",
    )
    return first, second


def test_a_manager_sees_every_selected_team_with_its_last_milestone(world, teams):
    panel = panels.context(world.users.theo, world.cycle)
    assert panel["teams"] == [(teams[1], None), (teams[0], Stage.PROOF_OF_CONCEPT)]


def test_a_host_sees_only_the_team_it_hosts(world, teams):
    assert panels.context(world.users.hana, world.cycle)["teams"] == [
        (teams[0], Stage.PROOF_OF_CONCEPT)
    ]


def test_an_applicant_gets_no_panel(world, teams):
    assert panels.context(world.users.alice, world.cycle) is None


def test_the_panel_links_each_team_to_its_page(world, teams):
    html = render_to_string(
        panels.TEMPLATE, {"panel": panels.context(world.users.theo, world.cycle)}
    )
    assert f"/followup/teams/{teams[0].pk}/" in html
    assert "Proof of concept" in html
