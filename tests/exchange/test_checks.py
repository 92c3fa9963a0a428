import datetime as dt

import pytest

from jumelage.exchange import checks
from jumelage.exchange.queries import items_of, legs_of, stays_of, travellers_of
from tests.exchange.factories import (
    PARIS,
    TAIPEI,
    ItineraryItemFactory,
    StayFactory,
    TravelLegFactory,
    TravellerFactory,
    trip,
)

pytestmark = pytest.mark.django_db


def _plan(delegation):
    return (
        list(travellers_of(delegation)),
        list(legs_of(delegation)),
        list(stays_of(delegation)),
        list(items_of(delegation)),
    )


def _outbound(traveller, **overrides):
    """Taipei → Paris → Toulouse on 15 July 2018, with a comfortable connection."""
    first = TravelLegFactory(
        delegation=traveller.delegation,
        carrier="BR",
        origin="Taoyuan",
        destination="Paris CDG",
        departs_at=dt.datetime(2018, 7, 15, 10, 25, tzinfo=TAIPEI),
        departure_timezone="Asia/Taipei",
        arrives_at=dt.datetime(2018, 7, 15, 18, 15, tzinfo=PARIS),
        travellers=[traveller],
    )
    second = TravelLegFactory(delegation=traveller.delegation, travellers=[traveller], **overrides)
    return first, second


def test_a_consistent_plan_has_no_problem(world):
    delegation, traveller = trip(world)
    delegation.ends_on = dt.date(2018, 7, 19)
    _outbound(traveller)
    StayFactory(delegation=delegation, travellers=[traveller])
    ItineraryItemFactory(delegation=delegation)
    travellers, legs, stays, items = _plan(delegation)
    assert checks.all_problems(delegation, travellers, legs, stays, items) == []


def test_overlapping_legs_put_a_traveller_in_two_places(world):
    delegation, traveller = trip(world)
    _outbound(traveller, departs_at=dt.datetime(2018, 7, 15, 18, 0, tzinfo=PARIS))
    travellers, legs, _stays, items = _plan(delegation)
    problems = checks.double_bookings(travellers, legs, items)
    assert [(p.kind, p.traveller) for p in problems] == [("double_booking", "Lee Yi-an")]


def test_an_item_during_a_flight_is_a_double_booking(world):
    delegation, traveller = trip(world)
    _outbound(traveller)
    ItineraryItemFactory(delegation=delegation, day=dt.date(2018, 7, 15), starts_at=dt.time(21))
    travellers, legs, _stays, items = _plan(delegation)
    assert len(checks.double_bookings(travellers, legs, items)) == 1


def test_an_item_for_someone_else_is_no_double_booking(world):
    delegation, traveller = trip(world)
    other = TravellerFactory(delegation=delegation)
    _outbound(traveller)
    item = ItineraryItemFactory(
        delegation=delegation, day=dt.date(2018, 7, 15), starts_at=dt.time(21)
    )
    item.attendees.set([other])
    travellers, legs, _stays, items = _plan(delegation)
    assert checks.double_bookings(travellers, legs, items) == []


def test_a_line_that_shows_a_leg_does_not_clash_with_it(world):
    delegation, traveller = trip(world)
    first, _second = _outbound(traveller)
    ItineraryItemFactory(
        delegation=delegation,
        day=dt.date(2018, 7, 15),
        starts_at=dt.time(10, 25),
        timezone="Asia/Taipei",
        leg=first,
    )
    travellers, legs, _stays, items = _plan(delegation)
    assert checks.double_bookings(travellers, legs, items) == []
    assert checks.late_arrivals(travellers, legs, items) == []


def test_a_connection_under_the_threshold_is_flagged(world):
    delegation, traveller = trip(world)
    _outbound(traveller, departs_at=dt.datetime(2018, 7, 15, 18, 50, tzinfo=PARIS))
    travellers, legs, _stays, _items = _plan(delegation)
    problems = checks.short_connections(travellers, legs)
    assert len(problems) == 1
    assert "35 minutes" in problems[0].message
    assert checks.short_connections(travellers, legs, minimum=dt.timedelta(minutes=30)) == []


def test_a_night_without_lodging_is_flagged_but_not_one_on_board(world):
    delegation, traveller = trip(world)
    delegation.starts_on, delegation.ends_on = dt.date(2018, 7, 15), dt.date(2018, 7, 18)
    TravelLegFactory(
        delegation=delegation,
        departs_at=dt.datetime(2018, 7, 17, 23, 0, tzinfo=PARIS),
        arrives_at=dt.datetime(2018, 7, 18, 9, 0, tzinfo=TAIPEI),
        arrival_timezone="Asia/Taipei",
        travellers=[traveller],
    )
    StayFactory(
        delegation=delegation,
        check_in=dt.date(2018, 7, 15),
        check_out=dt.date(2018, 7, 16),
        travellers=[traveller],
    )
    travellers, legs, stays, _items = _plan(delegation)
    problems = checks.nights_without_lodging(delegation, travellers, legs, stays)
    assert len(problems) == 1  # the 16th; the 15th is booked, the 17th is spent flying
    assert "16 Jul 2018" in problems[0].message


def test_an_item_before_the_arrival_is_flagged(world):
    delegation, traveller = trip(world)
    _outbound(traveller)
    ItineraryItemFactory(delegation=delegation, day=dt.date(2018, 7, 15), starts_at=dt.time(15))
    ItineraryItemFactory(
        delegation=delegation, day=dt.date(2018, 7, 16), starts_at=None, period="morning"
    )
    travellers, legs, _stays, items = _plan(delegation)
    problems = checks.late_arrivals(travellers, legs, items)
    assert [p.kind for p in problems] == ["late"]


def test_a_passport_expiring_within_six_months_of_return_is_flagged(world):
    from jumelage.exchange.models import TravellerDetails

    delegation, traveller = trip(world)
    close = TravellerDetails(
        traveller=traveller,
        passport_expires_on=dt.date(2018, 12, 1),
        retain_until=dt.date(2019, 1, 1),
    )
    far = TravellerDetails(
        traveller=traveller,
        passport_expires_on=dt.date(2019, 3, 1),
        retain_until=dt.date(2019, 1, 1),
    )
    assert len(checks.passport_warnings(delegation, [close])) == 1
    assert checks.passport_warnings(delegation, [far]) == []
