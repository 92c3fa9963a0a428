"""What the committees hold of a person: their seats and reviews, and the comments
written about their applications."""

from django.utils.translation import gettext as _

from jumelage.accounts.privacy import erased_address, register_personal_data
from jumelage.review.models import Member, Review


def register() -> None:
    register_personal_data("committee_seats", 400, export=export, erase=erase)


def export(user) -> list[dict]:
    return [_seat(m) for m in _seats(user)]


def erase(user) -> None:
    """The member's seat is anonymised; comments about the person's applications go, their
    scores stay in the rankings they were part of."""
    Review.objects.filter(application__applicant=user).update(comment="", comment_for_applicant="")
    Member.objects.filter(user=user).update(
        email=erased_address(user), name=_("Erased member"), organisation="", expertise=""
    )


def _seats(user):
    return Member.objects.filter(user=user).select_related("committee__side", "committee__cycle")


def _seat(member) -> dict:
    reviews = Review.objects.filter(member=member).select_related("application__call")
    return {
        "committee": str(member.committee),
        "role": member.role,
        "organisation": member.organisation,
        "expertise": member.expertise,
        "reviews": [
            {
                "application": r.application.reference,
                "state": r.state,
                "scores": r.scores,
                "comment": r.comment,
                "comment_for_applicant": r.comment_for_applicant,
            }
            for r in reviews
        ],
    }
