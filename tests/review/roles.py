"""Who may see the review URLs (see tests/roles.py): Taichung's managers run its committee,
rita reviews for it and carla chairs it (a seat like rita's: the chair reviews what is
assigned to her, the managers' pages stay theirs), and nobody else sees its work: not the
partner side, nor blake, who reviews blind on Toulouse's committee."""

from jumelage.review import services
from jumelage.review.enums import MemberRole
from jumelage.review.models import Assignment, Member, ReviewerQuestion
from tests.review import helpers
from tests.roles import (
    LOGIN,
    MISSING,
    OK,
    POST_ONLY,
    REDIRECT,
    ROLES,
    TAICHUNG_MANAGERS,
    cycle_kwargs,
)

# With nothing running, the progress page sends managers back to the assignments.
TAICHUNG_MANAGERS_REDIRECTED = {**TAICHUNG_MANAGERS, "tina": REDIRECT, "olga": REDIRECT}
SEATED = {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], MISSING), "rita": OK, "carla": OK}
INVITEES = {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], OK)}


def extend(world):
    """Taichung's committee with rita on it and carla in the chair, alice's application
    assigned to both; Toulouse's committee, blind, with blake on it."""
    helpers.close_call(world.call_tc)
    committee = helpers.committee(world)
    world.criterion = helpers.criterion(committee)
    world.reviewer_question = ReviewerQuestion.objects.create(
        committee=committee, label="Would you mentor this team?"
    )
    world.seat = helpers.seat(committee, world.users.rita)
    world.assignment = Assignment.objects.create(
        member=world.seat, application=world.application, source="hand"
    )
    world.chair_seat = helpers.seat(committee, world.users.carla, role=MemberRole.CHAIR)
    Assignment.objects.create(member=world.chair_seat, application=world.application, source="hand")
    world.blind_committee = helpers.committee(world, world.toulouse, blind=True)
    world.blind_seat = helpers.seat(world.blind_committee, world.users.blake)
    invitee = Member.objects.create(committee=committee, email="new@example.org", name="New")
    world.invitation_token = services.invitation_token(invitee)
    world.committee = committee


def taichung(c, **extra):
    return cycle_kwargs(c, side_slug="taichung", **extra)


ROWS = {
    "review:invitation": (lambda c: {"token": c.invitation_token}, INVITEES),
    "review:dashboard": (taichung, TAICHUNG_MANAGERS),
    "review:setup": (taichung, TAICHUNG_MANAGERS),
    "review:members": (taichung, TAICHUNG_MANAGERS),
    "review:member_remove": (lambda c: taichung(c, pk=c.seat.pk), POST_ONLY),
    "review:criteria": (taichung, TAICHUNG_MANAGERS),
    "review:criterion_edit": (lambda c: taichung(c, pk=c.criterion.pk), TAICHUNG_MANAGERS),
    "review:criterion_delete": (lambda c: taichung(c, pk=c.criterion.pk), POST_ONLY),
    "review:question_delete": (lambda c: taichung(c, pk=c.reviewer_question.pk), POST_ONLY),
    "review:assignments": (taichung, TAICHUNG_MANAGERS),
    "review:auto_assign": (taichung, POST_ONLY),
    "review:assignment_progress": (taichung, TAICHUNG_MANAGERS_REDIRECTED),
    "review:unassign": (lambda c: taichung(c, pk=c.assignment.pk), POST_ONLY),
    "review:pin": (lambda c: taichung(c, pk=c.assignment.pk), POST_ONLY),
    "review:forbid": (lambda c: taichung(c, pk=c.assignment.pk), POST_ONLY),
    "review:bids": (taichung, SEATED),
    "review:ranking": (taichung, TAICHUNG_MANAGERS),
    "review:export": (lambda c: taichung(c, fmt="csv"), TAICHUNG_MANAGERS),
    "review:remind": (taichung, POST_ONLY),
    "review:reopen": (lambda c: taichung(c, pk=1), POST_ONLY),
    "review:queue": (taichung, SEATED),
    "review:review": (lambda c: taichung(c, pk=c.application.pk), SEATED),
    "review:conflict": (lambda c: taichung(c, pk=c.application.pk), POST_ONLY),
    "review:attachment": (lambda c: taichung(c, pk=c.application.pk, key="pitch_deck"), SEATED),
}
