"""Who may see and do what in a committee. Every review view asks here first.

Managers of the committee's side run it; members with a seat review what is assigned to
them and nothing else; nobody of the partner side sees a committee's work."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from jumelage.accounts.permissions import is_manager
from jumelage.calls.models import Application
from jumelage.review.enums import MemberRole
from jumelage.review.models import Committee, Conflict, Member


def can_manage(user, committee) -> bool:
    return is_manager(user, committee.side)


def seat_of(user, committee) -> Member | None:
    """The member row the user holds on this committee, once they accepted the invitation."""
    if not user.is_authenticated:
        return None
    return committee.members.filter(user=user).first()


def is_chair(user, committee) -> bool:
    seat = seat_of(user, committee)
    return seat is not None and seat.role == MemberRole.CHAIR


def may_review(member, application) -> bool:
    """Assigned and not conflicted: the only way a reviewer sees an application."""
    return (
        member.assignments.filter(application=application).exists()
        and not Conflict.objects.filter(member=member, application=application).exists()
    )


def sees_identity(user, committee) -> bool:
    """In a blind committee, reviewers see neither names, organisation, contact nor file
    names; the managers who run it always do."""
    return not committee.blind or can_manage(user, committee)


def committee_or_404(partnership_slug, cycle_slug, side_slug) -> Committee:
    return get_object_or_404(
        Committee.objects.select_related("cycle__partnership", "side"),
        cycle__partnership__slug=partnership_slug,
        cycle__slug=cycle_slug,
        side__slug=side_slug,
    )


def seat_or_404(user, committee) -> Member:
    """Reviewers' pages: a user without a seat learns nothing about the committee."""
    seat = seat_of(user, committee)
    if seat is None:
        raise Http404
    return seat


def application_for_member(member, pk) -> Application:
    """The application if this member may review it; 404 otherwise, so that a conflicted
    or unassigned reviewer cannot even tell it exists."""
    application = get_object_or_404(
        Application.objects.select_related("call__side", "call__cycle", "theme"),
        pk=pk,
        call__cycle_id=member.committee.cycle_id,
        call__side_id=member.committee.side_id,
    )
    if not may_review(member, application):
        raise Http404
    return application
