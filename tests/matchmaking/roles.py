"""Who may see the matchmaking URLs (see tests/roles.py). alice's team, bob's fund and
hana's La Cantine take part; the partnership's managers organise; rita is an outsider.
A participant sees only their own profile, agenda and requests."""

from jumelage.matchmaking import services
from jumelage.matchmaking.enums import MeetingState
from tests.matchmaking.factories import session_world
from tests.roles import OK, POST_ONLY, everyone, members_only

PARTICIPANTS_AND_ORGANISERS = members_only(alice=OK, bob=OK, hana=OK, tina=OK, theo=OK, olga=OK)
PARTICIPANTS = members_only(alice=OK, bob=OK, hana=OK)
ORGANISERS = members_only(tina=OK, theo=OK, olga=OK)


def extend(world):
    world.mm = session_world(world)
    mm = world.mm
    world.mm_meeting = services.add_meeting(
        mm.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[0], place=mm.tables[0]
    )
    world.mm_request = services.send_request(mm.users.alice, mm.team, mm.investor)
    services.check_in(mm.users.theo, world.mm_meeting, MeetingState.HELD)
    world.mm_meeting.refresh_from_db()
    world.mm_feedback = services.leave_feedback(
        mm.users.alice, world.mm_meeting, mm.team, interest="pilot", satisfaction=4
    )


def _s(c):
    return {"pk": c.mm.session.pk}


def _meeting(c):
    return {"pk": c.mm_meeting.pk}


ROWS = {
    "matchmaking:session": (_s, PARTICIPANTS_AND_ORGANISERS),
    "matchmaking:profile_edit": (_s, PARTICIPANTS),
    "matchmaking:agenda": (_s, PARTICIPANTS),
    "matchmaking:agenda_pdf": (_s, PARTICIPANTS),
    "matchmaking:request_send": (_s, POST_ONLY),
    "matchmaking:grid": (_s, ORGANISERS),
    "matchmaking:meeting_add": (_s, ORGANISERS),
    "matchmaking:schedule_run": (_s, POST_ONLY),
    "matchmaking:request_answer": (lambda c: {"pk": c.mm_request.pk}, POST_ONLY),
    "matchmaking:check_in": (_meeting, members_only(alice=OK, hana=OK, tina=OK, theo=OK, olga=OK)),
    "matchmaking:feedback": (_meeting, members_only(alice=OK, hana=OK)),
    "matchmaking:agenda_ical": (lambda c: {"token": c.mm.team.ical_token}, everyone(OK)),
    "matchmaking:session_create": (lambda c: {"cycle": c.mm.session.cycle_id}, ORGANISERS),
    "matchmaking:session_edit": (_s, ORGANISERS),
    "matchmaking:setup": (_s, ORGANISERS),
    "matchmaking:venue_add": (_s, ORGANISERS),
    "matchmaking:venue_edit": (lambda c: {"pk": c.mm.venue.pk}, ORGANISERS),
    "matchmaking:place_add": (_s, ORGANISERS),
    "matchmaking:place_edit": (lambda c: {"pk": c.mm.tables[0].pk}, ORGANISERS),
    "matchmaking:slots_add": (_s, ORGANISERS),
    "matchmaking:slot_delete": (lambda c: {"pk": c.mm.slots[3].pk}, POST_ONLY),
    "matchmaking:invite": (_s, POST_ONLY),
    "matchmaking:partner_add": (_s, ORGANISERS),
    "matchmaking:outcome": (lambda c: {"pk": c.mm_feedback.pk}, members_only(alice=OK)),
}
