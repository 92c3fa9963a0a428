import datetime as dt
from decimal import Decimal

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jumelage.accounts import retention
from jumelage.exchange import calendar, permissions, services
from jumelage.exchange.models import (
    ExchangeRate,
    PersonalDataEvent,
    Residency,
    TravellerDetails,
)
from jumelage.exchange.queries import items_of
from tests import factories as f
from tests.exchange.factories import (
    BriefingPackFactory,
    ItineraryItemFactory,
    StayFactory,
    TravelLegFactory,
    TravellerFactory,
    selected_team,
    trip,
)

pytestmark = pytest.mark.django_db


# Costs


def test_totals_per_currency_and_in_the_side_currency_at_the_recorded_rate(world):
    delegation, _traveller = trip(world)
    TravelLegFactory(
        delegation=delegation, estimate=Decimal("30000"), actual=Decimal("32000.50"), currency="TWD"
    )
    TravelLegFactory(delegation=delegation, estimate=Decimal("100"), actual=None, currency="EUR")
    StayFactory(
        delegation=delegation, estimate=Decimal("400"), actual=Decimal("380"), currency="EUR"
    )
    rate = ExchangeRate(
        delegation=delegation, currency="EUR", rate=Decimal("35.5"), recorded_on=dt.date(2018, 7, 1)
    )
    costs = [*delegation.legs.all(), *delegation.stays.all()]
    totals = services.cost_totals(delegation, costs, [rate])
    eur, twd = totals.currencies
    assert (eur.currency, eur.estimate, eur.actual) == ("EUR", Decimal("500"), Decimal("480"))
    assert (twd.currency, twd.estimate, twd.actual) == (
        "TWD",
        Decimal("30000"),
        Decimal("32000.50"),
    )
    assert totals.side_currency == "TWD"
    assert totals.estimate == Decimal("47750.00")  # 30000 + 500 × 35.5
    assert totals.actual == Decimal("49040.50")  # 32000.50 + 480 × 35.5


def test_costs_are_totalled_against_their_budget_lines(world):
    delegation, _traveller = trip(world)
    line = f.BudgetLineFactory(cycle=world.cycle, side=world.taichung, estimate=100000)
    TravelLegFactory(
        delegation=delegation, estimate=Decimal("30000"), currency="TWD", budget_line=line
    )
    StayFactory(delegation=delegation, estimate=Decimal("100"), currency="EUR", budget_line=line)
    StayFactory(delegation=delegation, estimate=Decimal("50"), currency="EUR")
    rate = ExchangeRate(
        delegation=delegation, currency="EUR", rate=Decimal("35"), recorded_on=dt.date(2018, 7, 1)
    )
    costs = [*delegation.legs.all(), *delegation.stays.all()]
    uses = services.budget_use(delegation, costs, [rate])
    assert [(use.line, use.estimate) for use in uses] == [
        (line, Decimal("33500.00")),
        (None, Decimal("1750.00")),
    ]


def test_no_total_without_a_rate_for_every_currency(world):
    delegation, _traveller = trip(world)
    StayFactory(delegation=delegation, currency="EUR")
    totals = services.cost_totals(delegation, list(delegation.stays.all()), [])
    assert totals.missing_rates == ["EUR"]
    assert totals.estimate is None


# Calendars


def test_the_delegation_calendar_parses_back_with_local_times(world):
    delegation, _traveller = trip(world)
    ItineraryItemFactory(
        delegation=delegation, activity="Meet Bertrand Serp", starts_at=dt.time(14, 30)
    )
    ItineraryItemFactory(
        delegation=delegation,
        activity="FAB14 opening",
        day=dt.date(2018, 7, 17),
        starts_at=None,
        period="morning",
    )
    body = calendar.itinerary_calendar(delegation, items_of(delegation), "Trip")
    parsed = icalendar.Calendar.from_ical(body)
    events = sorted(parsed.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["summary"]) for e in events] == ["Meet Bertrand Serp", "FAB14 opening"]
    start = events[0].decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (14, 30, "Europe/Paris")
    assert events[0].decoded("dtstart").utcoffset() == dt.timedelta(hours=2)
    assert events[1].decoded("dtstart").hour == 9
    assert [str(tz["tzid"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_a_traveller_calendar_keeps_their_items_and_the_shared_ones(world):
    delegation, traveller = trip(world)
    other = TravellerFactory(delegation=delegation)
    ItineraryItemFactory(delegation=delegation, activity="Everyone")
    ItineraryItemFactory(delegation=delegation, activity="Others only").attendees.set([other])
    ItineraryItemFactory(delegation=delegation, activity="Mine").attendees.set([traveller])
    mine = calendar.items_for(traveller, items_of(delegation))
    assert sorted(item.activity for item in mine) == ["Everyone", "Mine"]


# Personal data


def _details(traveller, **fields):
    return TravellerDetails.objects.create(
        traveller=traveller, passport_name="LEE YI-AN", retain_until=dt.date(2018, 10, 19), **fields
    )


def test_details_are_seen_by_the_traveller_and_their_side_managers_only(world):
    users = world.users
    _delegation, traveller = trip(world, user=users.alice)
    allowed = {
        name for name in vars(users) if permissions.can_see_details(getattr(users, name), traveller)
    }
    assert allowed == {"alice", "tina", "olga"}


def test_details_get_a_retention_date_after_the_return(world):
    _delegation, traveller = trip(world)
    details = services.save_details(world.users.tina, TravellerDetails(traveller=traveller))
    assert details.retain_until == dt.date(2018, 10, 19)


def test_the_partner_manager_cannot_save_details(world):
    _delegation, traveller = trip(world)
    with pytest.raises(PermissionDenied):
        services.save_details(world.users.theo, TravellerDetails(traveller=traveller))


def test_export_holds_everything_and_is_recorded(world):
    _delegation, traveller = trip(world, user=world.users.alice)
    _details(traveller, dietary_needs="vegetarian")
    data = services.export_details(world.users.alice, traveller)
    assert data["details"]["dietary_needs"] == "vegetarian"
    assert data["traveller"]["name"] == "Lee Yi-an"
    assert PersonalDataEvent.objects.get().action == "exported"


def test_erasure_removes_the_details_and_leaves_a_record(world):
    _delegation, traveller = trip(world)
    _details(traveller)
    assert services.erase_details(world.users.tina, traveller)
    assert not TravellerDetails.objects.exists()
    assert PersonalDataEvent.objects.get().actor == world.users.tina


def test_details_past_retention_are_erased(world):
    delegation, traveller = trip(world)
    kept = TravellerFactory(delegation=delegation)
    _details(traveller)
    TravellerDetails.objects.create(traveller=kept, retain_until=dt.date(2019, 1, 1))
    (record,) = retention.apply(dt.date(2018, 11, 1))
    assert record.rule == "travel-details" and record.count == 1
    assert list(TravellerDetails.objects.values_list("traveller", flat=True)) == [kept.pk]
    assert PersonalDataEvent.objects.get().action == "expired"


# Residencies


def _residency(world, application, **dates):
    offer = f.HostingOfferFactory(cycle=world.cycle, organisation=world.host, teams=1)
    dates = dates or {"starts_on": offer.starts_on, "ends_on": offer.ends_on}
    return Residency(offer=offer, application=application, **dates)


def _team(world, call=None):
    return selected_team(world, call)


def test_a_partner_team_is_placed_with_a_host(world):
    residency = services.assign_residency(world.users.theo, _residency(world, _team(world)))
    residency.refresh_from_db()
    assert residency.assigned_by == world.users.theo


def test_a_team_the_partner_did_not_pick_is_not_hosted(world):
    unpicked = f.ApplicationFactory(call=world.call_tc, state="submitted")
    with pytest.raises(ValidationError) as refused:
        services.assign_residency(world.users.theo, _residency(world, unpicked))
    assert "selected by the partner city" in str(refused.value)


def test_an_offer_hosts_no_more_teams_than_it_can(world):
    first = services.assign_residency(world.users.theo, _residency(world, _team(world)))
    second = Residency(
        offer=first.offer,
        application=_team(world),
        starts_on=first.starts_on,
        ends_on=first.ends_on,
    )
    with pytest.raises(ValidationError) as error:
        services.assign_residency(world.users.theo, second)
    assert "offer" in error.value.message_dict


def test_a_residency_stays_within_the_offer_dates(world):
    residency = _residency(
        world, _team(world), starts_on=dt.date(2019, 9, 30), ends_on=dt.date(2019, 10, 5)
    )
    with pytest.raises(ValidationError) as error:
        services.assign_residency(world.users.theo, residency)
    assert "starts_on" in error.value.message_dict


def test_a_team_is_not_hosted_by_its_own_city(world):
    residency = _residency(world, _team(world, call=world.call_tl))
    with pytest.raises(ValidationError):
        services.assign_residency(world.users.theo, residency)


def test_services_used_keep_known_values_only(world):
    residency = services.assign_residency(world.users.theo, _residency(world, _team(world)))
    services.record_services(world.users.tina, residency, ["pitch", "teleportation", "coworking"])
    residency.refresh_from_db()
    assert residency.services_used == ["coworking", "pitch"]


def test_an_applicant_cannot_place_teams(world):
    with pytest.raises(PermissionDenied):
        services.assign_residency(world.users.alice, _residency(world, _team(world)))


# Briefing


def test_managers_see_who_has_not_acknowledged_the_current_pack(world):
    delegation, traveller = trip(world, user=world.users.alice)
    other = TravellerFactory(delegation=delegation)
    pack = BriefingPackFactory(delegation=delegation)
    services.acknowledge(world.users.alice, pack)
    status = services.briefing_status(pack, [traveller, other])
    assert [(t.pk, read) for t, read, _present in status] == [
        (traveller.pk, True),
        (other.pk, False),
    ]
    services.save_briefing(world.users.tina, pack)  # a change asks for a new reading
    assert not services.briefing_status(pack, [traveller])[0][1]


def test_only_a_traveller_acknowledges(world):
    delegation, _traveller = trip(world, user=world.users.alice)
    pack = BriefingPackFactory(delegation=delegation)
    with pytest.raises(PermissionDenied):
        services.acknowledge(world.users.bob, pack)


def test_attendance_is_recorded_for_every_traveller(world):
    delegation, traveller = trip(world)
    other = TravellerFactory(delegation=delegation)
    pack = BriefingPackFactory(delegation=delegation)
    services.record_attendance(world.users.tina, pack, {traveller.pk})
    status = services.briefing_status(pack, [traveller, other])
    assert [present for _t, _read, present in status] == [True, False]
