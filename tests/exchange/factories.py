"""Factories for the exchange and reports models."""

import datetime as dt
import zoneinfo

import factory
from django.utils import timezone

from jumelage.exchange.enums import LegMode, TravellerRole
from jumelage.exchange.models import (
    BriefingPack,
    Delegation,
    ItineraryItem,
    Stay,
    TravelLeg,
    Traveller,
)
from jumelage.reports.models import TripReport, VisitSection
from jumelage.selection.enums import EntryKind, NominationState, PickChoice, PickState
from jumelage.selection.models import Nomination, Pick, Place
from tests import factories as f

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    slug = factory.Sequence(lambda n: f"delegation-{n}")
    title = "Taichung delegation to Toulouse"
    starts_on = dt.date(2018, 7, 15)
    ends_on = dt.date(2018, 7, 21)


class TravellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Traveller

    name = factory.Sequence(lambda n: f"Traveller {n}")
    unit = "Economic Development Bureau"
    title = "Deputy Director-General"
    role = TravellerRole.OFFICIAL
    order = factory.Sequence(lambda n: n + 1)


class TravelLegFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TravelLeg
        skip_postgeneration_save = True

    mode = LegMode.FLIGHT
    carrier = "AF"
    number = factory.Sequence(lambda n: str(7700 + n))
    origin = "Paris CDG"
    destination = "Toulouse"
    departs_at = dt.datetime(2018, 7, 15, 20, 55, tzinfo=PARIS)
    departure_timezone = "Europe/Paris"
    arrives_at = dt.datetime(2018, 7, 15, 22, 20, tzinfo=PARIS)
    arrival_timezone = "Europe/Paris"
    estimate = 100
    currency = "EUR"

    @factory.post_generation
    def travellers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.travellers.set(extracted)


class StayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stay
        skip_postgeneration_save = True

    hotel = "ibis Toulouse Ponts Jumeaux"
    check_in = dt.date(2018, 7, 15)
    check_out = dt.date(2018, 7, 19)
    estimate = 400
    currency = "EUR"

    @factory.post_generation
    def travellers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.travellers.set(extracted)


class ItineraryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItineraryItem

    day = dt.date(2018, 7, 16)
    starts_at = dt.time(14, 0)
    timezone = "Europe/Paris"
    activity = factory.Sequence(lambda n: f"Visit {n}")
    place = "Capitole"
    address = "1 Place du Capitole, 31000 Toulouse"


class BriefingPackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BriefingPack

    visa = "No visa for stays under 90 days."


class TripReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TripReport

    title = "Official visit to Toulouse"


class VisitSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitSection

    title = factory.Sequence(lambda n: f"Visit section {n}")
    order = factory.Sequence(lambda n: n + 1)


def trip(world, user=None):
    """Taichung's delegation to Toulouse with one traveller (linked to `user`)."""
    delegation = DelegationFactory(
        side=world.taichung, host_side=world.toulouse, cycle=world.cycle, slug="taichung-trip"
    )
    traveller = TravellerFactory(delegation=delegation, name="Lee Yi-an", user=user)
    return delegation, traveller


def selected_team(world, call=None, **fields):
    """A submitted application the partner city picked: it holds an offered place."""
    call = call or world.call_tc
    application = f.ApplicationFactory(call=call, state="submitted", **fields)
    partner = world.toulouse if call.side_id == world.taichung.pk else world.taichung
    nomination, _ = Nomination.objects.get_or_create(
        cycle=call.cycle, side=call.side, defaults={"state": NominationState.SENT}
    )
    pick, _ = Pick.objects.get_or_create(
        nomination=nomination, defaults={"side": partner, "state": PickState.CONFIRMED}
    )
    entry = nomination.entries.create(
        application=application,
        kind=EntryKind.NOMINATED,
        order=nomination.entries.count() + 1,
        justification="Top of the ranking",
    )
    pick.entries.create(entry=entry, choice=PickChoice.SELECTED, order=entry.order)
    Place.objects.create(
        pick=pick, application=application, deadline=timezone.now() + dt.timedelta(days=14)
    )
    return application
