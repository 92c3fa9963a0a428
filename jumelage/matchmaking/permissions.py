"""Who may see and change a matchmaking session. Views ask here.

The partnership's managers organise the session (participants, meetings, schedule runs,
figures); a participant sees the session, their own profile, agenda and requests, and
nothing of anyone else's agenda or requests."""

from django.core.exceptions import PermissionDenied

from jumelage.partnerships.permissions import is_partnership_manager


def is_organiser(user, session) -> bool:
    return is_partnership_manager(user, session.cycle.partnership)


def participant_for(user, session):
    """The user's participant in `session`, or None."""
    if not user.is_authenticated:
        return None
    return session.participants.filter(user=user).first()


def can_see(user, session) -> bool:
    return is_organiser(user, session) or participant_for(user, session) is not None


def can_act_for(user, participant) -> bool:
    """Edit the profile, send and answer requests, leave feedback: the person themselves."""
    return user.is_authenticated and participant.user_id == user.pk


def can_answer_for(user, participant) -> bool:
    """The person, or the organisers for a partner who has no account (they relay)."""
    if participant.user_id is None:
        return is_organiser(user, participant.session)
    return can_act_for(user, participant)


def can_check_in(user, meeting) -> bool:
    """Organisers, or any party of the meeting."""
    if is_organiser(user, meeting.session):
        return True
    return user.is_authenticated and any(p.user_id == user.pk for p in meeting.parties.all())


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
