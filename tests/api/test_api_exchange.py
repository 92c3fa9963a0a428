"""Delegations and itineraries through each role's token, as the exchange pages answer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.exchange.factories import ItineraryItemFactory, trip

ROLES = ["alice", "bob", "tina", "theo", "hana", "rita", "olga"]


@pytest.fixture
def delegation(world):
    """Taichung's trip to Toulouse; bob travels with it; two items on its programme."""
    delegation, traveller = trip(world, user=world.users.bob)
    first = ItineraryItemFactory(delegation=delegation)
    first.attendees.add(traveller)
    ItineraryItemFactory(delegation=delegation)
    delegation.traveller = traveller
    return delegation


@pytest.mark.parametrize(
    ("name", "expected"), [(n, 200 if n in {"tina", "theo", "olga"} else 403) for n in ROLES]
)
def test_the_delegations_are_for_the_partnerships_managers(api, delegation, name, expected):
    response = api(name).get(f"/delegations?cycle={delegation.cycle_id}")
    assert response.status_code == expected
    if expected == 200:
        assert [d["slug"] for d in response.json()["items"]] == ["taichung-trip"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [(n, 200 if n in {"tina", "theo", "olga", "bob"} else 403) for n in ROLES],
)
def test_an_itinerary_is_for_both_cities_managers_and_its_travellers(
    api, delegation, name, expected
):
    response = api(name).get(f"/delegations/{delegation.pk}/itinerary")
    assert response.status_code == expected
    if expected == 200:
        items = response.json()["items"]
        assert len(items) == 2
        assert items[0]["attendee_ids"] == [delegation.traveller.pk]


def test_a_missing_delegation_is_404(api, delegation):
    assert api("tina").get("/delegations/999/itinerary").status_code == 404


def test_the_itinerary_costs_the_same_queries_for_more_items(api, delegation):
    caller = api("tina")
    caller.get(f"/delegations/{delegation.pk}/itinerary")
    with CaptureQueriesContext(connection) as before:
        caller.get(f"/delegations/{delegation.pk}/itinerary")
    for _ in range(3):
        ItineraryItemFactory(delegation=delegation).attendees.add(delegation.traveller)
    with CaptureQueriesContext(connection) as after:
        caller.get(f"/delegations/{delegation.pk}/itinerary")
    assert len(after) == len(before)
