"""The decisions of a matchmaking session: requests and their answers, meetings added by
the organisers, check-in, feedback and schedule runs. Each takes the actor and refuses a
move it does not allow with a ValidationError whose message a person understands."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.accounts.models import User
from jumelage.core import events, moments
from jumelage.exchange.models import Delegation
from jumelage.hosting.enums import OrganisationKind
from jumelage.matchmaking import outcomes, permissions, scheduling
from jumelage.matchmaking.enums import (
    Interest,
    MeetingOrigin,
    MeetingState,
    Outcome,
    ParticipantKind,
    Priority,
    RequestState,
    RunState,
)
from jumelage.matchmaking.models import (
    Feedback,
    Meeting,
    Participant,
    Profile,
    Request,
    ScheduleRun,
    Slot,
)
from jumelage.selection import queries as selection_queries


def _refuse(message: str):
    raise ValidationError(message)


# Requests


def send_request(actor, sender, recipient, *, priority=Priority.WOULD_LIKE, message=""):
    """`sender` asks to meet `recipient`; both must be in the same session."""
    if not permissions.can_act_for(actor, sender):
        _refuse(_("You can only send requests for yourself."))
    if recipient.pk == sender.pk:
        _refuse(_("You cannot ask to meet yourself."))
    if recipient.session_id != sender.session_id:
        _refuse(_("This participant is not in your matchmaking session."))
    if priority not in Priority.values:
        _refuse(_("Choose a priority."))
    session = sender.session
    expire_requests(session)
    with transaction.atomic():
        sent = Request.objects.select_for_update().filter(sender=sender)
        if sum(1 for r in sent if r.state in RequestState.open()) >= session.request_cap:
            _refuse(
                _("You have reached the session's limit of %(cap)d requests.")
                % {"cap": session.request_cap}
            )
        if _open_between(sender, recipient):
            _refuse(_("A request between you and this participant is already open."))
        return Request.objects.create(
            session=session,
            sender=sender,
            recipient=recipient,
            priority=priority,
            message=message,
            expires_at=timezone.now() + dt.timedelta(days=session.request_expiry_days),
        )


def _open_between(first, second) -> bool:
    pairs = Request.objects.filter(state__in=RequestState.open())
    return (
        pairs.filter(sender=first, recipient=second).exists()
        or pairs.filter(sender=second, recipient=first).exists()
    )


def answer_request(actor, request_id: int, *, accept: bool, answer: str = "") -> Request:
    """The recipient accepts (a meeting to schedule is made) or declines. Of two answers at
    once, the first wins; the second is refused."""
    Request.objects.filter(
        pk=request_id, state=RequestState.PENDING, expires_at__lte=timezone.now()
    ).update(state=RequestState.EXPIRED)
    with transaction.atomic():
        request = (
            Request.objects.select_for_update()
            .select_related("recipient", "session")
            .get(pk=request_id)
        )
        if not permissions.can_answer_for(actor, request.recipient):
            _refuse(_("Only the participant asked can answer this request."))
        if request.state == RequestState.EXPIRED:
            _refuse(_("This request has expired."))
        if request.state != RequestState.PENDING:
            _refuse(_("This request has already been answered."))
        request.state = RequestState.ACCEPTED if accept else RequestState.DECLINED
        request.answer, request.answered_at = answer, timezone.now()
        request.save(update_fields=["state", "answer", "answered_at"])
        if accept:
            meeting = Meeting.objects.create(
                session=request.session,
                request=request,
                priority=request.priority,
                origin=MeetingOrigin.REQUEST,
            )
            meeting.parties.set([request.sender_id, request.recipient_id])
        return request


def expire_requests(session, now=None) -> int:
    """Requests unanswered past their expiry stop counting against the sender's cap."""
    now = now or timezone.now()
    waiting = session.requests.filter(state=RequestState.PENDING, expires_at__lte=now)
    return waiting.update(state=RequestState.EXPIRED)


# Meetings


def add_meeting(actor, session, parties, *, slot=None, place=None, priority=Priority.MUST):
    """An organiser's meeting (the programme's must-meetings); with a slot and place it is
    pinned there and a schedule run keeps it."""
    if not permissions.is_organiser(actor, session):
        _refuse(_("Only the organisers can add meetings."))
    parties = list(parties)
    if len({p.pk for p in parties}) < 2:
        _refuse(_("A meeting needs at least two different participants."))
    if any(p.session_id != session.pk for p in parties):
        _refuse(_("Every party must be a participant of this session."))
    if (slot is None) != (place is None):
        _refuse(_("Give both a slot and a place, or neither."))
    if slot is not None:
        _check_placement(session, parties, slot, place)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            session=session,
            slot=slot,
            place=place,
            priority=priority,
            origin=MeetingOrigin.ORGANISER,
            pinned=slot is not None,
            state=MeetingState.SCHEDULED if slot is not None else MeetingState.TO_SCHEDULE,
        )
        meeting.parties.set(parties)
        if slot is not None:
            events.announce(events.MEETING_SCHEDULED, [session.host_side_id], meeting_id=meeting.pk)
    return meeting


def _check_placement(session, parties, slot, place):
    if slot.session_id != session.pk or place.session_id != session.pk:
        _refuse(_("This slot or place belongs to another session."))
    if place.venue_id is not None and place.venue_id != slot.venue_id:
        _refuse(_("This place is not at the slot's venue."))
    if len(parties) > place.seats:
        _refuse(_("This place seats %(seats)d people.") % {"seats": place.seats})
    unavailable = [p.name for p in parties if slot.pk not in scheduling.available_slot_ids(p)]
    if unavailable:
        _refuse(_("Not available in this slot: %(names)s.") % {"names": ", ".join(unavailable)})
    busy = Meeting.objects.filter(slot=slot, state=MeetingState.SCHEDULED)
    if busy.filter(parties__in=parties).exists():
        _refuse(_("A party already has a meeting in this slot."))
    if busy.filter(place=place).exists():
        _refuse(_("This place is taken in this slot."))


CHECK_IN = {MeetingState.HELD, MeetingState.NO_SHOW}


def check_in(actor, meeting, state) -> Meeting:
    """Mark a scheduled meeting held or a no-show (and correct that mark)."""
    if not permissions.can_check_in(actor, meeting):
        _refuse(_("Only the organisers and the meeting's parties can check it in."))
    if state not in CHECK_IN:
        _refuse(_("Mark the meeting held or a no-show."))
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.state not in (MeetingState.SCHEDULED, *CHECK_IN):
            _refuse(_("Only a scheduled meeting can be checked in."))
        locked.state, locked.checked_by = state, actor
        locked.save(update_fields=["state", "checked_by"])
    return locked


def cancel_meeting(actor, meeting) -> Meeting:
    if not permissions.is_organiser(actor, meeting.session):
        _refuse(_("Only the organisers can cancel a meeting."))
    Meeting.objects.filter(pk=meeting.pk).update(state=MeetingState.CANCELLED)
    meeting.state = MeetingState.CANCELLED
    return meeting


def leave_feedback(actor, meeting, participant, *, interest, satisfaction, note=""):
    """A party's feedback on a meeting that was held; one per party, editable."""
    if not permissions.can_act_for(actor, participant):
        _refuse(_("You can only leave feedback for yourself."))
    if not meeting.parties.filter(pk=participant.pk).exists():
        _refuse(_("You were not a party to this meeting."))
    if meeting.state != MeetingState.HELD:
        _refuse(_("Feedback is for meetings that were held."))
    if interest not in Interest.values or satisfaction not in range(1, 6):
        _refuse(_("Choose an interest and a satisfaction from 1 to 5."))
    feedback, _created = Feedback.objects.update_or_create(
        meeting=meeting,
        participant=participant,
        defaults={"interest": interest, "satisfaction": satisfaction, "note": note},
    )
    return feedback


def record_outcome(actor, feedback, *, outcome, note="", now=None):
    """The second rating, six months on: what came of the meeting (the organisers answer
    for a partner who has no account)."""
    if not permissions.can_answer_for(actor, feedback.participant):
        _refuse(_("You can only answer for yourself."))
    if not outcomes.is_due(feedback, now):
        _refuse(outcomes.not_yet_message(feedback))
    if outcome not in Outcome.values:
        _refuse(_("Choose what came of the meeting."))
    feedback.outcome, feedback.outcome_note, feedback.outcome_at = outcome, note, timezone.now()
    feedback.save(update_fields=["outcome", "outcome_note", "outcome_at"])
    return feedback


# Schedule runs


def start_run(actor, session) -> ScheduleRun:
    """Take the session's schedule lease; a second run while one is alive is refused, a run
    whose worker stopped beating is failed and replaced."""
    if not permissions.is_organiser(actor, session):
        _refuse(_("Only the organisers can schedule the meetings."))
    now = timezone.now()
    with transaction.atomic():
        stale = session.runs.select_for_update().filter(
            state=RunState.RUNNING, lease_until__lte=now
        )
        stale.update(state=RunState.FAILED, message="lease expired", finished=now)
        try:
            with transaction.atomic():
                return ScheduleRun.objects.create(
                    session=session, actor=actor, heartbeat=now, lease_until=now + scheduling.LEASE
                )
        except IntegrityError:
            _refuse(_("A schedule run is already under way for this session; wait for it."))


def blank_profile(participant):
    """An unsaved profile in the participant's session's first language."""
    return Profile(participant=participant, language=_first_language(participant))


def _first_language(participant) -> str:
    languages = participant.session.host_side.languages or ["en"]
    return languages[0]


# Setting up a session

KIND_OF_ORGANISATION = {
    OrganisationKind.INCUBATOR: ParticipantKind.INCUBATOR,
    OrganisationKind.ACCELERATOR: ParticipantKind.INCUBATOR,
    OrganisationKind.COWORKING: ParticipantKind.HOST,
    OrganisationKind.CORPORATE: ParticipantKind.CORPORATE,
    OrganisationKind.INVESTOR: ParticipantKind.INVESTOR,
    OrganisationKind.LAW_FIRM: ParticipantKind.LEGAL,
    OrganisationKind.PUBLIC_AGENCY: ParticipantKind.AGENCY,
}


def add_slots(actor, session, *, venue, first, count) -> list[Slot]:
    """`count` back-to-back slots of the session's length from `first`, at `venue` (or
    online); refused whole when one would overlap a slot already there."""
    if not permissions.is_organiser(actor, session):
        _refuse(_("Only the organisers can add slots."))
    if venue is not None and venue.session_id != session.pk:
        _refuse(_("This venue belongs to another session."))
    length = dt.timedelta(minutes=session.slot_minutes)
    new = [(first + i * length, first + (i + 1) * length) for i in range(count)]
    with transaction.atomic():
        taken = session.slots.select_for_update().filter(
            venue=venue, starts_at__lt=new[-1][1], ends_at__gt=new[0][0]
        )
        clash = taken.order_by("starts_at").first()
        if clash is not None:
            _refuse(
                _("These slots overlap the slot at %(when)s at the same venue.")
                % {"when": moments.moment(clash.starts_at, session.timezone)}
            )
        return [
            Slot.objects.create(session=session, venue=venue, starts_at=start, ends_at=end)
            for start, end in new
        ]


def remove_slot(actor, slot) -> None:
    if not permissions.is_organiser(actor, slot.session):
        _refuse(_("Only the organisers can remove slots."))
    if slot.meetings.exclude(state=MeetingState.CANCELLED).exists():
        _refuse(_("A meeting is set in this slot: move or cancel it first."))
    slot.meetings.update(slot=None, place=None)
    slot.delete()


def invitable_teams(session) -> list:
    """The applications selected to visit the session's host side in its cycle."""
    found = []
    for result in selection_queries.results(session.cycle):
        if result.host.pk == session.host_side_id:
            found += [team.application for team in result.teams]
    return found


def invite(actor, session, *, applications=(), organisations=()) -> list[Participant]:
    """Selected teams (with their delegation, whose itinerary bounds their availability)
    and host organisations join the session; those already in it are left as they are."""
    if not permissions.is_organiser(actor, session):
        _refuse(_("Only the organisers can invite participants."))
    allowed = {a.pk for a in invitable_teams(session)}
    if any(a.pk not in allowed for a in applications):
        _refuse(_("Only the teams selected to visit this side can be invited."))
    if any(o.side_id != session.host_side_id for o in organisations):
        _refuse(_("Only the host side's organisations can be invited."))
    with transaction.atomic():
        present = session.participants.select_for_update()
        teams = set(present.exclude(application=None).values_list("application_id", flat=True))
        hosts = set(present.exclude(organisation=None).values_list("organisation_id", flat=True))
        added = [_team(session, a) for a in applications if a.pk not in teams]
        added += [_host(session, o) for o in organisations if o.pk not in hosts]
    return added


def _team(session, application) -> Participant:
    delegation = Delegation.objects.filter(
        cycle=session.cycle, host_side=session.host_side, side=application.call.side
    ).first()
    return Participant.objects.create(
        session=session,
        kind=ParticipantKind.TEAM,
        name=application.team_name or application.organisation or str(application),
        application=application,
        delegation=delegation,
        user=_free_user(session, application.applicant),
        email=application.contact_email or application.applicant.email,
    )


def _host(session, organisation) -> Participant:
    return Participant.objects.create(
        session=session,
        kind=KIND_OF_ORGANISATION.get(organisation.kind, ParticipantKind.HOST),
        name=organisation.name,
        organisation=organisation,
    )


def _free_user(session, user):
    """`user`, unless they already take part in the session under another name."""
    if user is None or session.participants.filter(user=user).exists():
        return None
    return user


def add_partner(actor, session, form) -> Participant:
    """An invited partner (a corporate, an investor…) from the partner form; an account
    with the partner's email is linked so they see their own agenda."""
    if not permissions.is_organiser(actor, session):
        _refuse(_("Only the organisers can invite participants."))
    partner = form.save(commit=False)
    partner.session = session
    if partner.email:
        user = User.objects.filter(email__iexact=partner.email).first()
        partner.user = _free_user(session, user)
    partner.save()
    return partner
