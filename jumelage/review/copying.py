"""What the review carries into next year's cycle: each committee's settings, criteria,
reviewer questions and members. The members are invited again (a draft invitation each in
their side's outbox, released by its managers); no review, score or conflict comes along."""

from django.utils import timezone
from django.utils.translation import ngettext

from jumelage.partnerships.copying import CYCLE_COPY, a_year_later_at, copied_row
from jumelage.review.models import Committee
from jumelage.review.services import draft_invitation


def register() -> None:
    CYCLE_COPY.register("review", 400, copy_committees)


def copy_committees(plan) -> None:
    committees = Committee.objects.filter(cycle=plan.source).prefetch_related(
        "criteria", "reviewer_questions", "members__themes"
    )
    seats = 0
    for committee in committees:
        criteria, questions = (
            list(committee.criteria.all()),
            list(committee.reviewer_questions.all()),
        )
        members = list(committee.members.all())
        deadline = committee.review_deadline
        new = copied_row(
            committee,
            cycle=plan.target,
            review_deadline=a_year_later_at(deadline) if deadline else None,
        )
        for row in (*criteria, *questions):
            copied_row(row, committee=new)
        for member in members:
            _seat_again(member, new, plan)
        seats += len(members)
    plan.note(
        ngettext(
            "%(count)s committee member invited again (a draft invitation in the side's "
            "outbox, to release when ready), with the committees' criteria and questions.",
            "%(count)s committee members invited again (a draft invitation each in their "
            "side's outbox, to release when ready), with the committees' criteria and "
            "questions.",
            seats,
        )
        % {"count": seats}
    )


def _seat_again(member, committee, plan) -> None:
    themes = [plan.themes[t.pk] for t in member.themes.all() if t.pk in plan.themes]
    seat = copied_row(
        member, committee=committee, user=None, joined_at=None, invited_at=timezone.now()
    )
    seat.themes.set(themes)
    draft_invitation(seat)
