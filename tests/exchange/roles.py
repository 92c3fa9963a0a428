"""Who may see the exchange URLs (see tests/roles.py). alice travels with Taichung's
delegation: she sees its itinerary and briefing, and her own details."""

import datetime as dt

from jumelage.exchange.models import Residency
from tests.exchange.factories import (
    BriefingPackFactory,
    ItineraryItemFactory,
    StayFactory,
    TravelLegFactory,
    trip,
)
from tests.roles import (
    MANAGERS_OF_EITHER_SIDE,
    OK,
    POST_ONLY,
    TAICHUNG_MANAGERS,
    cycle_kwargs,
    everyone,
    members_only,
)

TRAVELLERS_AND_MANAGERS = members_only(alice=OK, tina=OK, theo=OK, olga=OK)
ALICE_AND_HER_MANAGERS = members_only(alice=OK, tina=OK, olga=OK)


def extend(world):
    delegation, traveller = trip(world, user=world.users.alice)
    traveller.application = world.application
    traveller.save()
    world.delegation, world.traveller = delegation, traveller
    world.leg = TravelLegFactory(delegation=delegation, travellers=[traveller])
    world.stay = StayFactory(delegation=delegation, travellers=[traveller])
    world.item = ItineraryItemFactory(delegation=delegation, organisation=world.host)
    BriefingPackFactory(delegation=delegation)
    world.residency = Residency.objects.create(
        offer=world.offer,
        application=world.application,
        starts_on=world.offer.starts_on,
        ends_on=world.offer.starts_on + dt.timedelta(days=6),
    )


def _d(c, **extra):
    return {"slug": c.delegation.slug, **extra}


ROWS = {
    "exchange:official_visits": (
        lambda c: {"partnership_slug": "taichung-toulouse"},
        MANAGERS_OF_EITHER_SIDE,
    ),
    "exchange:delegations": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "exchange:delegation_add": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "exchange:residencies": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "exchange:residency_edit": (
        lambda c: cycle_kwargs(c, pk=c.residency.pk),
        MANAGERS_OF_EITHER_SIDE,
    ),
    "exchange:residency_delete": (
        lambda c: cycle_kwargs(c, pk=c.residency.pk),
        MANAGERS_OF_EITHER_SIDE,
    ),
    "exchange:delegation": (_d, TRAVELLERS_AND_MANAGERS),
    "exchange:delegation_edit": (_d, TAICHUNG_MANAGERS),
    "exchange:traveller_add": (_d, TAICHUNG_MANAGERS),
    "exchange:traveller_edit": (lambda c: _d(c, pk=c.traveller.pk), TAICHUNG_MANAGERS),
    "exchange:traveller_details": (lambda c: _d(c, pk=c.traveller.pk), ALICE_AND_HER_MANAGERS),
    "exchange:traveller_export": (lambda c: _d(c, pk=c.traveller.pk), ALICE_AND_HER_MANAGERS),
    "exchange:traveller_erase": (lambda c: _d(c, pk=c.traveller.pk), ALICE_AND_HER_MANAGERS),
    "exchange:travel": (_d, TAICHUNG_MANAGERS),
    "exchange:rate_set": (_d, POST_ONLY),
    "exchange:leg_add": (_d, TAICHUNG_MANAGERS),
    "exchange:leg_edit": (lambda c: _d(c, pk=c.leg.pk), TAICHUNG_MANAGERS),
    "exchange:leg_delete": (lambda c: _d(c, pk=c.leg.pk), TAICHUNG_MANAGERS),
    "exchange:stay_add": (_d, TAICHUNG_MANAGERS),
    "exchange:stay_edit": (lambda c: _d(c, pk=c.stay.pk), TAICHUNG_MANAGERS),
    "exchange:stay_delete": (lambda c: _d(c, pk=c.stay.pk), TAICHUNG_MANAGERS),
    "exchange:itinerary": (_d, TRAVELLERS_AND_MANAGERS),
    "exchange:item_add": (_d, MANAGERS_OF_EITHER_SIDE),
    "exchange:item_edit": (lambda c: _d(c, pk=c.item.pk), MANAGERS_OF_EITHER_SIDE),
    "exchange:item_delete": (lambda c: _d(c, pk=c.item.pk), MANAGERS_OF_EITHER_SIDE),
    "exchange:briefing": (_d, TRAVELLERS_AND_MANAGERS),
    "exchange:briefing_edit": (_d, TAICHUNG_MANAGERS),
    "exchange:briefing_acknowledge": (_d, POST_ONLY),
    "exchange:briefing_attendance": (_d, POST_ONLY),
    "exchange:delegation_ical": (lambda c: {"token": c.delegation.ical_token}, everyone(OK)),
    "exchange:traveller_ical": (lambda c: {"token": c.traveller.ical_token}, everyone(OK)),
}
