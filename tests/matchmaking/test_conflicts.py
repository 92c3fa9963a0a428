"""An itinerary change flags the scheduled meetings it breaks and tells the organisers; the
exchange app sends nothing itself (matchmaking listens to its model's signals)."""

import datetime as dt

import pytest
from django.urls import reverse

from jumelage.exchange.models import Delegation, ItineraryItem
from jumelage.matchmaking import scheduling, services
from jumelage.matchmaking.models import Meeting
from jumelage.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def trip(mm):
    """The team's delegation, with a meeting of the team's in the second slot."""
    world = mm.world
    day = mm.slots[0].starts_at.astimezone(dt.UTC).date()
    delegation = Delegation.objects.create(
        side=world.taichung,
        host_side=world.toulouse,
        cycle=world.cycle,
        slug="d",
        title="Taichung delegation",
        starts_on=day,
        ends_on=day,
    )
    mm.team.delegation = delegation
    mm.team.save()
    mm.meeting = services.add_meeting(
        mm.users.theo, mm.session, [mm.team, mm.investor], slot=mm.slots[1], place=mm.tables[0]
    )
    return delegation


def _item(delegation, slot, minutes=10):
    start = slot.starts_at.astimezone(dt.UTC)
    return ItineraryItem.objects.create(
        delegation=delegation,
        day=start.date(),
        starts_at=start.time(),
        ends_at=(start + dt.timedelta(minutes=minutes)).time(),
        timezone="UTC",
        activity="Visit of the Airbus plant",
    )


def _told():
    return OutboxMessage.objects.filter(template_key="matchmaking-itinerary-conflict")


def test_an_item_over_a_meeting_flags_it_and_tells_the_organisers(mm, trip):
    _item(trip, mm.slots[1])
    mm.meeting.refresh_from_db()
    assert "itinerary has them elsewhere" in mm.meeting.conflict
    told = _told()
    assert told.exists()
    assert mm.users.theo.email in told.values_list("recipient_email", flat=True)
    assert "Midi Capital" in told.first().body


def test_an_item_elsewhere_in_the_day_flags_nothing(mm, trip):
    _item(trip, mm.slots[3])
    mm.meeting.refresh_from_db()
    assert mm.meeting.conflict == ""
    assert not _told().exists()


def test_moving_the_item_away_clears_the_flag_and_a_second_save_tells_nobody_again(mm, trip):
    item = _item(trip, mm.slots[1])
    told = _told().count()
    item.notes = "Bring the badges"
    item.save()
    assert _told().count() == told
    later = mm.slots[3].starts_at.astimezone(dt.UTC)
    item.starts_at, item.ends_at = later.time(), (later + dt.timedelta(minutes=10)).time()
    item.save()
    mm.meeting.refresh_from_db()
    assert mm.meeting.conflict == ""


def test_deleting_the_item_clears_the_flag(mm, trip):
    item = _item(trip, mm.slots[1])
    item.delete()
    mm.meeting.refresh_from_db()
    assert mm.meeting.conflict == ""


def test_the_agenda_and_the_grid_show_the_conflict(client, mm, trip):
    _item(trip, mm.slots[1])
    client.force_login(mm.users.alice)
    agenda = client.get(reverse("matchmaking:agenda", args=[mm.session.pk]))
    assert "clashes with it" in agenda.content.decode()
    client.force_login(mm.users.theo)
    grid = client.get(reverse("matchmaking:grid", args=[mm.session.pk]))
    assert f'id="conflict-{mm.meeting.pk}"' in grid.content.decode()


def test_a_schedule_run_moves_a_broken_meeting_and_clears_its_flag(mm, trip):
    request = services.send_request(mm.users.alice, mm.team, mm.host)
    services.answer_request(mm.users.hana, request.pk, accept=True)
    scheduling.run(services.start_run(mm.users.theo, mm.session).pk, time_limit=5)
    meeting = Meeting.objects.get(request=request)
    first = meeting.slot
    _item(trip, first)
    meeting.refresh_from_db()
    assert meeting.conflict
    scheduling.run(services.start_run(mm.users.theo, mm.session).pk, time_limit=5)
    meeting.refresh_from_db()
    assert meeting.slot is not None and meeting.slot != first
    assert meeting.conflict == ""
