import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jumelage.matchmaking import scheduling, services
from jumelage.matchmaking.enums import MeetingState, Priority, RequestState, RunState
from jumelage.matchmaking.models import Availability, Meeting, Participant, Session

pytestmark = pytest.mark.django_db


def test_a_request_to_oneself_is_refused(mm):
    with pytest.raises(ValidationError, match="yourself"):
        services.send_request(mm.users.alice, mm.team, mm.team)


def test_a_request_outside_the_session_is_refused(mm):
    other = Session.objects.create(
        cycle=mm.session.cycle, host_side=mm.session.host_side, title="x", timezone="UTC"
    )
    stranger = Participant.objects.create(session=other, kind="corporate", name="Elsewhere")
    with pytest.raises(ValidationError, match="not in your matchmaking session"):
        services.send_request(mm.users.alice, mm.team, stranger)


def test_only_the_sender_sends_for_themselves(mm):
    with pytest.raises(ValidationError, match="for yourself"):
        services.send_request(mm.users.bob, mm.team, mm.investor)


def test_a_second_open_request_between_the_same_pair_is_refused(mm):
    services.send_request(mm.users.alice, mm.team, mm.investor)
    with pytest.raises(ValidationError, match="already open"):
        services.send_request(mm.users.bob, mm.investor, mm.team)


def test_the_request_cap_counts_open_requests(mm):
    mm.session.request_cap = 1
    mm.session.save()
    services.send_request(mm.users.alice, mm.team, mm.investor)
    with pytest.raises(ValidationError, match="limit of 1"):
        services.send_request(mm.users.alice, mm.team, mm.host)


def test_an_expired_request_frees_the_cap_and_cannot_be_accepted(mm):
    mm.session.request_cap = 1
    mm.session.save()
    request = services.send_request(mm.users.alice, mm.team, mm.investor)
    request.expires_at = timezone.now() - dt.timedelta(minutes=1)
    request.save()
    with pytest.raises(ValidationError, match="expired"):
        services.answer_request(mm.users.bob, request.pk, accept=True)
    request.refresh_from_db()
    assert request.state == RequestState.EXPIRED
    services.send_request(mm.users.alice, mm.team, mm.host)


def test_accepting_makes_a_meeting_to_schedule_and_a_second_accept_is_refused(mm):
    request = services.send_request(
        mm.users.alice, mm.team, mm.investor, priority=Priority.MUST, message="Hello"
    )
    services.answer_request(mm.users.bob, request.pk, accept=True, answer="Gladly")
    meeting = Meeting.objects.get(request=request)
    assert meeting.state == MeetingState.TO_SCHEDULE
    assert set(meeting.parties.values_list("pk", flat=True)) == {mm.team.pk, mm.investor.pk}
    with pytest.raises(ValidationError, match="already been answered"):
        services.answer_request(mm.users.bob, request.pk, accept=True)
    assert Meeting.objects.count() == 1


def test_only_the_recipient_answers(mm):
    request = services.send_request(mm.users.alice, mm.team, mm.investor)
    with pytest.raises(ValidationError, match="Only the participant asked"):
        services.answer_request(mm.users.alice, request.pk, accept=True)


def test_an_organiser_meeting_in_a_blocked_slot_is_refused(mm):
    Availability.objects.create(participant=mm.team, slot=mm.slots[0], available=False)
    with pytest.raises(ValidationError, match="Not available in this slot: Orchid"):
        services.add_meeting(
            mm.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[0], place=mm.tables[0]
        )
    meeting = services.add_meeting(
        mm.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[1], place=mm.tables[0]
    )
    assert meeting.pinned and meeting.state == MeetingState.SCHEDULED


def test_a_participant_cannot_add_meetings(mm):
    with pytest.raises(ValidationError, match="Only the organisers"):
        services.add_meeting(mm.users.alice, mm.session, [mm.team, mm.host])


def test_a_run_while_another_runs_is_refused(mm):
    services.start_run(mm.users.theo, mm.session)
    with pytest.raises(ValidationError, match="already under way"):
        services.start_run(mm.users.theo, mm.session)


def test_a_run_whose_lease_expired_is_replaced(mm):
    first = services.start_run(mm.users.theo, mm.session)
    first.lease_until = timezone.now() - dt.timedelta(seconds=1)
    first.save()
    services.start_run(mm.users.theo, mm.session)
    first.refresh_from_db()
    assert first.state == RunState.FAILED


def _accepted(mm, sender_user, sender, recipient_user, recipient):
    request = services.send_request(sender_user, sender, recipient)
    services.answer_request(recipient_user, request.pk, accept=True)
    return Meeting.objects.get(request=request)


def test_a_run_schedules_accepted_meetings_without_double_booking(mm):
    first = _accepted(mm, mm.users.alice, mm.team, mm.users.bob, mm.investor)
    second = _accepted(mm, mm.users.alice, mm.team, mm.users.hana, mm.host)
    run = scheduling.run(services.start_run(mm.users.theo, mm.session).pk, time_limit=5)
    assert run.state == RunState.DONE and run.scheduled == 2
    assert run.upper_bound >= run.weight
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == second.state == MeetingState.SCHEDULED
    assert first.slot_id != second.slot_id


def test_a_rerun_keeps_confirmed_meetings_in_place(mm):
    first = _accepted(mm, mm.users.alice, mm.team, mm.users.bob, mm.investor)
    scheduling.run(services.start_run(mm.users.theo, mm.session).pk, time_limit=5)
    first.refresh_from_db()
    _accepted(mm, mm.users.alice, mm.team, mm.users.hana, mm.host)
    run = scheduling.run(services.start_run(mm.users.theo, mm.session).pk, time_limit=5)
    before = (first.slot_id, first.place_id)
    first.refresh_from_db()
    assert (first.slot_id, first.place_id) == before
    assert run.moved == 0 and run.scheduled == 2


def test_the_itinerary_makes_a_team_unavailable(mm):
    from jumelage.exchange.models import Delegation, ItineraryItem

    world = mm.world
    start = mm.slots[0].starts_at.astimezone(dt.UTC)
    delegation = Delegation.objects.create(
        side=world.taichung,
        host_side=world.toulouse,
        cycle=world.cycle,
        slug="d",
        title="d",
        starts_on=start.date(),
        ends_on=start.date(),
    )
    ItineraryItem.objects.create(
        delegation=delegation,
        day=start.date(),
        starts_at=start.time(),
        ends_at=(start + dt.timedelta(minutes=30)).time(),
        timezone="UTC",
        activity="Visit of the Airbus plant",
    )
    mm.team.delegation = delegation
    mm.team.save()
    available = scheduling.available_slot_ids(mm.team)
    assert mm.slots[0].pk not in available and mm.slots[1].pk not in available
    assert mm.slots[2].pk in available


def test_check_in_and_feedback(mm):
    meeting = services.add_meeting(
        mm.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[1], place=mm.tables[0]
    )
    with pytest.raises(ValidationError, match="held"):
        services.leave_feedback(mm.users.alice, meeting, mm.team, interest="pilot", satisfaction=4)
    services.check_in(mm.users.hana, meeting, MeetingState.HELD)
    with pytest.raises(ValidationError, match="Only the organisers and the meeting's parties"):
        services.check_in(mm.users.bob, meeting, MeetingState.NO_SHOW)
    meeting.refresh_from_db()
    feedback = services.leave_feedback(
        mm.users.alice, meeting, mm.team, interest="pilot", satisfaction=4, note="A pilot in May"
    )
    with pytest.raises(ValidationError, match="what came of this meeting from"):
        services.record_outcome(mm.users.alice, feedback, outcome="negotiation")
    later = meeting.slot.starts_at + dt.timedelta(days=183)
    services.record_outcome(mm.users.alice, feedback, outcome="negotiation", now=later)
    feedback.refresh_from_db()
    assert feedback.outcome == "negotiation"


def test_a_confirmed_meeting_that_moves_is_told_to_its_parties(mm):
    from jumelage.notifications.models import OutboxMessage

    first = _accepted(mm, mm.users.alice, mm.team, mm.users.bob, mm.investor)
    scheduling.run(services.start_run(mm.users.theo, mm.session).pk, time_limit=5)
    first.refresh_from_db()
    # The investor can no longer meet then: the meeting must move, and both are told.
    Availability.objects.create(participant=mm.investor, slot=first.slot, available=False)
    run = scheduling.run(services.start_run(mm.users.theo, mm.session).pk, time_limit=5)
    assert run.moved == 1
    told = OutboxMessage.objects.filter(template_key="matchmaking-agenda-changed")
    assert sorted(told.values_list("recipient_email", flat=True)) == [
        mm.users.alice.email,
        mm.users.bob.email,
    ]
    assert "Midi Capital" in told.get(recipient=mm.users.alice).body
