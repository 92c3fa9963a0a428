"""A committee's reviews through each role's token: the side's managers read them all, a
member with a seat their own, nobody else anything."""

import pytest

from tests.selection.factories import committee_with_reviews, submitted

ROLES = ["alice", "bob", "tina", "theo", "hana", "rita", "olga"]


@pytest.fixture
def committee(world):
    applications = [submitted(world.call_tc, f"Team {i}") for i in range(2)]
    committee = committee_with_reviews(world.cycle, world.taichung, applications)
    seat = committee.members.order_by("pk").first()
    seat.user = world.users.rita
    seat.save()
    committee.seat = seat
    return committee


def _ids(response):
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize("name", ROLES)
def test_who_reads_a_committees_reviews(api, committee, name):
    response = api(name).get(f"/committees/{committee.pk}/reviews")
    everything = set(committee.members.values_list("reviews", flat=True))
    own = set(committee.seat.reviews.values_list("pk", flat=True))
    expected = {"tina": everything, "olga": everything, "rita": own}.get(name)
    if expected is None:
        assert response.status_code == 404
    else:
        assert set(_ids(response)) == expected
    for review in committee.members.last().reviews.all():
        status = api(name).get(f"/reviews/{review.pk}").status_code
        assert status == (200 if name in {"tina", "olga"} else 404)
    for review in committee.seat.reviews.all():
        status = api(name).get(f"/reviews/{review.pk}").status_code
        assert status == (200 if name in {"tina", "olga", "rita"} else 404)


def test_reviews_filter_by_application_and_state(api, committee):
    application = committee.seat.reviews.first().application_id
    path = f"/committees/{committee.pk}/reviews?application={application}"
    assert len(_ids(api("tina").get(path))) == 2
    assert _ids(api("tina").get(f"/committees/{committee.pk}/reviews?state=draft")) == []


def test_a_missing_committee_or_review_is_404(api, committee):
    assert api("tina").get("/committees/999/reviews").status_code == 404
    assert api("tina").get("/reviews/999").status_code == 404
