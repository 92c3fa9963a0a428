"""A committee's reviews: all of them for the managers of its side, their own for the
members who hold a seat; nobody else learns the committee's work exists (404)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from jumelage.api.common import PageQuery, listing, one
from jumelage.api.paging import detail, page
from jumelage.api.schemas import ReviewOut
from jumelage.review import permissions
from jumelage.review.enums import ReviewState
from jumelage.review.models import Committee, Review

router = Router(tags=["review"])


def _readable(user, committee):
    """The reviews of `committee` that `user` may read."""
    reviews = Review.objects.filter(member__committee=committee).select_related("member")
    if permissions.can_manage(user, committee):
        return reviews
    return reviews.filter(member=permissions.seat_or_404(user, committee))


@router.get("/committees/{committee_id}/reviews", response=listing(ReviewOut))
def list_reviews(
    request,
    committee_id: int,
    paging: Query[PageQuery],
    state: ReviewState | None = None,
    application: int | None = None,
):
    committee = get_object_or_404(Committee.objects.select_related("side"), pk=committee_id)
    reviews = _readable(request.user, committee)
    if state is not None:
        reviews = reviews.filter(state=state)
    if application is not None:
        reviews = reviews.filter(application_id=application)
    return page(request, reviews, ReviewOut, paging)


@router.get("/reviews/{review_id}", response=one(ReviewOut))
def get_review(request, review_id: int):
    review = get_object_or_404(
        Review.objects.select_related("member__committee__side"), pk=review_id
    )
    committee = review.member.committee
    if not _readable(request.user, committee).filter(pk=review.pk).exists():
        raise Http404
    return detail(request, review, ReviewOut)
