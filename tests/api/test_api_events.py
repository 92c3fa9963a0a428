"""The stage services announce what webhooks carry: each event once its change commits,
with the sides it concerns and the ids of what changed."""

import pytest

from jumelage.core import events
from jumelage.matchmaking import scheduling
from jumelage.matchmaking import services as matchmaking
from jumelage.matchmaking.models import Meeting
from jumelage.selection import services as selection
from tests.matchmaking.factories import session_world
from tests.selection.factories import finish, reviewed


@pytest.fixture
def heard():
    found = []

    def listen(sender, side_ids, data, **kwargs):
        found.append((sender, side_ids, data))

    events.happened.connect(listen)
    yield found
    events.happened.disconnect(listen)


def test_the_selection_announces_nominations_picks_and_results(
    world, heard, django_capture_on_commit_callbacks
):
    w = reviewed(world)
    sides = sorted([w.taichung.pk, w.toulouse.pk])
    with django_capture_on_commit_callbacks(execute=True):
        tc, _tl = finish(w)
    names = [name for name, _sides, _data in heard]
    assert names == [events.NOMINATION_SENT] * 2 + [events.PICK_CONFIRMED] * 2
    assert heard[0] == (events.NOMINATION_SENT, sides, {"nomination_id": tc.pk})
    assert heard[2][1] == sides and set(heard[2][2]) == {"pick_id"}
    heard.clear()
    selection.draft_decisions(w.users.tina, w.cycle, w.taichung)
    with django_capture_on_commit_callbacks(execute=True):
        selection.publish_decisions(w.users.tina, w.cycle, w.taichung)
    data = {"cycle_id": w.cycle.pk, "side_id": w.taichung.pk}
    assert heard == [(events.RESULTS_PUBLISHED, [w.taichung.pk], data)]


def test_a_nomination_sent_twice_is_announced_once(
    world, heard, django_capture_on_commit_callbacks
):
    w = reviewed(world)
    with django_capture_on_commit_callbacks(execute=True):
        finish(w)
        selection.send_nomination(w.users.tina, w.cycle, w.taichung)
    assert [name for name, *_rest in heard].count(events.NOMINATION_SENT) == 2


def test_a_meeting_placed_by_an_organiser_is_announced(
    world, heard, django_capture_on_commit_callbacks
):
    mm = session_world(world)
    with django_capture_on_commit_callbacks(execute=True):
        unplaced = matchmaking.add_meeting(mm.users.theo, mm.session, [mm.team, mm.investor])
        placed = matchmaking.add_meeting(
            mm.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[0], place=mm.tables[0]
        )
    assert unplaced.pk != placed.pk
    assert heard == [(events.MEETING_SCHEDULED, [world.toulouse.pk], {"meeting_id": placed.pk})]


def test_nothing_is_announced_before_the_commit(world, heard):
    mm = session_world(world)
    matchmaking.add_meeting(
        mm.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[0], place=mm.tables[0]
    )
    assert heard == []


def test_a_schedule_run_announces_each_meeting_it_places(
    world, heard, django_capture_on_commit_callbacks
):
    mm = session_world(world)
    request = matchmaking.send_request(mm.users.alice, mm.team, mm.investor)
    matchmaking.answer_request(mm.users.bob, request.pk, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        run = scheduling.run(matchmaking.start_run(mm.users.theo, mm.session).pk, time_limit=5)
    assert run.scheduled == 1
    meeting = Meeting.objects.get(request=request)
    assert heard == [(events.MEETING_SCHEDULED, [world.toulouse.pk], {"meeting_id": meeting.pk})]
