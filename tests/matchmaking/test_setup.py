"""The organisers' pages that set a session up: the session, its venues, slots and places,
and the participants invited from the selection and the hosting inventory."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from jumelage.hosting.models import HostOrganisation
from jumelage.matchmaking import services
from jumelage.matchmaking.enums import ParticipantKind
from jumelage.matchmaking.models import Participant, Place, Session, Slot
from tests.selection.factories import finish, reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def theo(client, mm):
    client.force_login(mm.users.theo)
    return client


def _text(page):
    return page.content.decode()


def test_an_organiser_creates_a_session_and_lands_on_its_setup(client, world):
    client.force_login(world.users.theo)
    url = reverse("matchmaking:session_create", args=[world.cycle.pk])
    data = {
        "title": "Business meetings",
        "host_side": world.toulouse.pk,
        "timezone": "Europe/Paris",
        "slot_minutes": 20,
        "travel_minutes": 30,
        "request_cap": 8,
        "request_expiry_days": 5,
    }
    page = client.post(url, data)
    session = Session.objects.get()
    assert page["Location"].endswith(reverse("matchmaking:setup", args=[session.pk]))
    assert (session.cycle, session.host_side, session.request_cap) == (
        world.cycle,
        world.toulouse,
        8,
    )


def test_a_session_with_zero_minute_slots_is_refused_with_a_message(client, world):
    client.force_login(world.users.theo)
    url = reverse("matchmaking:session_create", args=[world.cycle.pk])
    page = client.post(url, {"title": "x", "host_side": world.toulouse.pk, "slot_minutes": 0})
    assert page.status_code == 200
    assert "greater than or equal to 5" in _text(page)
    assert not Session.objects.exists()


def test_a_participant_cannot_create_a_session(client, world):
    client.force_login(world.users.alice)
    page = client.get(reverse("matchmaking:session_create", args=[world.cycle.pk]))
    assert page.status_code == 403


def test_slots_are_added_back_to_back_in_the_sessions_zone(theo, mm):
    url = reverse("matchmaking:slots_add", args=[mm.session.pk])
    page = theo.post(url, {"venue": mm.venue.pk, "first": "2030-10-08T09:00", "count": 3})
    assert page.status_code == 302
    added = list(Slot.objects.filter(starts_at__year=2030).order_by("starts_at"))
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    assert [s.starts_at.astimezone(paris).time() for s in added] == [
        dt.time(9, 0),
        dt.time(9, 20),
        dt.time(9, 40),
    ]


def test_slots_overlapping_the_venues_slots_are_refused_whole(theo, mm):
    first = mm.slots[1].starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Paris"))
    before = first - dt.timedelta(minutes=30)
    page = theo.post(
        reverse("matchmaking:slots_add", args=[mm.session.pk]),
        {"venue": mm.venue.pk, "first": before.strftime("%Y-%m-%dT%H:%M"), "count": 3},
    )
    assert page.status_code == 200
    assert "overlap the slot at" in _text(page)
    assert Slot.objects.count() == 4


def test_a_slot_with_a_meeting_cannot_be_removed(theo, mm):
    services.add_meeting(
        mm.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[0], place=mm.tables[0]
    )
    page = theo.post(reverse("matchmaking:slot_delete", args=[mm.slots[0].pk]), follow=True)
    assert "move or cancel it first" in _text(page)
    theo.post(reverse("matchmaking:slot_delete", args=[mm.slots[3].pk]))
    assert Slot.objects.count() == 3


def test_a_virtual_room_needs_its_link(theo, mm):
    url = reverse("matchmaking:place_add", args=[mm.session.pk])
    page = theo.post(url, {"name": "Visio", "seats": 4})
    assert "needs its meeting link" in _text(page)
    theo.post(url, {"name": "Visio", "seats": 4, "link": "https://visio.example.org/r1"})
    assert Place.objects.get(name="Visio").is_virtual


def test_a_venue_of_another_session_is_not_offered(theo, mm):
    other = Session.objects.create(
        cycle=mm.session.cycle, host_side=mm.session.host_side, title="x", timezone="UTC"
    )
    page = theo.post(
        reverse("matchmaking:place_add", args=[other.pk]),
        {"name": "T9", "venue": mm.venue.pk, "seats": 4},
    )
    assert page.status_code == 200
    assert "Select a valid choice" in _text(page)


def test_host_organisations_are_invited_once(theo, mm):
    incubator = HostOrganisation.objects.create(
        side=mm.session.host_side, slug="iot-valley", name="IoT Valley", kind="accelerator"
    )
    url = reverse("matchmaking:invite", args=[mm.session.pk])
    theo.post(url, {"organisations": [incubator.pk]})
    again = theo.post(url, {"organisations": [incubator.pk, mm.world.host.pk]}, follow=True)
    assert "0 participants invited" in _text(again)
    invited = Participant.objects.get(organisation=incubator)
    assert invited.kind == ParticipantKind.INCUBATOR


def test_an_empty_invitation_is_refused_with_a_message(theo, mm):
    page = theo.post(reverse("matchmaking:invite", args=[mm.session.pk]), {}, follow=True)
    assert "Tick at least one team or organisation" in _text(page)


def test_the_selected_teams_are_invited_with_their_delegation(world, mm):
    reviewed(world)
    finish(world)
    teams = services.invitable_teams(mm.session)
    assert teams and all(a.call.side == world.taichung for a in teams)
    added = services.invite(world.users.theo, mm.session, applications=teams)
    assert {p.application_id for p in added} == {a.pk for a in teams}
    assert all(p.kind == ParticipantKind.TEAM for p in added)


def test_a_team_not_selected_for_this_side_is_refused(world, mm):
    reviewed(world)
    finish(world)
    toulouse_team = world.call_tl.applications.first()
    with pytest.raises(services.ValidationError, match="selected to visit this side"):
        services.invite(world.users.theo, mm.session, applications=[toulouse_team])


def test_the_setup_page_costs_the_same_queries_whatever_its_size(
    theo, mm, django_assert_max_num_queries
):
    for i in range(6):
        Place.objects.create(session=mm.session, venue=mm.venue, name=f"R{i}")
        Participant.objects.create(session=mm.session, kind="corporate", name=f"Corp {i}")
    with django_assert_max_num_queries(16):
        page = theo.get(reverse("matchmaking:setup", args=[mm.session.pk]))
    assert _text(page).count("/places/") >= 8
