import pytest

from jumelage.accounts.privacy import erase, export_personal_data
from jumelage.matchmaking import panels, services
from jumelage.matchmaking.models import Request

pytestmark = pytest.mark.django_db


def test_the_cycle_panel_shows_figures_to_organisers_and_the_session_to_participants(mm):
    services.send_request(mm.users.alice, mm.team, mm.investor)
    organiser = panels.context(mm.users.theo, mm.session.cycle)
    assert organiser["sessions"][0][1]["requested"] == 1
    participant = panels.context(mm.users.alice, mm.session.cycle)
    assert participant["sessions"] == [(mm.session, None)]
    assert panels.context(mm.users.rita, mm.session.cycle) is None


def test_export_and_erasure_hold_the_persons_requests(mm):
    services.send_request(mm.users.alice, mm.team, mm.investor, message="Secret plan")
    exported = export_personal_data(mm.users.alice)["matchmaking"]
    assert exported[0]["requests"][0]["message"] == "Secret plan"
    erase(mm.users.alice)
    assert Request.objects.get().message == ""
    mm.team.refresh_from_db()
    assert mm.team.user_id is None


def test_an_organiser_sees_the_panel_before_any_session_to_create_one(world):
    panel = panels.context(world.users.theo, world.cycle)
    assert panel["sessions"] == [] and panel["organiser"]
    assert panels.context(world.users.alice, world.cycle) is None
