"""Consistency checks on a delegation's plan: what a person would otherwise miss.

Pure functions over loaded objects (legs, stays, items with their travellers), so a page
runs them on what it already fetched."""

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

from django.utils.translation import gettext as _

from jumelage.core import moments

MIN_CONNECTION = dt.timedelta(minutes=60)
PASSPORT_MARGIN_DAYS = 183  # six months after return, as most consulates require


@dataclass(frozen=True)
class Problem:
    kind: str
    traveller: str
    message: str


def _everyone(delegation_travellers, chosen):
    """An item with nobody ticked is for the whole delegation."""
    return chosen or delegation_travellers


def _intervals(travellers, legs, items):
    """Per traveller id: sorted (start, end, label, kind) for legs and exact-time items."""
    per = {traveller.pk: [] for traveller in travellers}
    for leg in legs:
        for traveller in leg.travellers.all():
            per.setdefault(traveller.pk, []).append(
                (leg.departs_at, leg.arrives_at, str(leg), "leg")
            )
    for item in items:
        if item.starts_at is None or item.leg_id:
            continue  # "afternoon" is too vague to clash; a travel line is the leg itself
        for traveller in _everyone(travellers, list(item.attendees.all())):
            per.setdefault(traveller.pk, []).append((item.start(), item.end(), str(item), "item"))
    return {pk: sorted(rows, key=lambda row: row[0]) for pk, rows in per.items()}


def double_bookings(travellers, legs, items) -> list[Problem]:
    """A traveller in two places at once: overlapping legs, or an item during a leg."""
    names = {traveller.pk: str(traveller) for traveller in travellers}
    problems = []
    for pk, rows in _intervals(travellers, legs, items).items():
        for first, second in pairwise(rows):
            if second[0] < first[1] and "leg" in (first[3], second[3]):
                text = _("%(first)s overlaps %(second)s.") % {
                    "first": first[2],
                    "second": second[2],
                }
                problems.append(Problem("double_booking", names.get(pk, ""), text))
    return problems


def _legs_of(traveller, legs):
    return sorted(
        (leg for leg in legs if traveller in leg.travellers.all()), key=lambda leg: leg.departs_at
    )


def short_connections(travellers, legs, minimum=MIN_CONNECTION) -> list[Problem]:
    """Consecutive legs of a traveller where the next leaves too soon after the arrival."""
    problems = []
    for traveller in travellers:
        mine = _legs_of(traveller, legs)
        for arriving, leaving in pairwise(mine):
            gap = leaving.departs_at - arriving.arrives_at
            if dt.timedelta(0) <= gap < minimum:
                text = _("Only %(minutes)d minutes between %(first)s and %(second)s.") % {
                    "minutes": gap.total_seconds() // 60,
                    "first": arriving,
                    "second": leaving,
                }
                problems.append(Problem("connection", str(traveller), text))
    return problems


def _in_transit(night, legs):
    """On board overnight: the leg leaves on or before `night` and lands on a later day."""
    return any(leg.local_departure().date() <= night < leg.local_arrival().date() for leg in legs)


def nights_without_lodging(delegation, travellers, legs, stays) -> list[Problem]:
    problems = []
    for traveller in travellers:
        mine = _legs_of(traveller, legs)
        beds = [stay for stay in stays if traveller in stay.travellers.all()]
        for night in delegation.nights():
            if any(stay.covers(night) for stay in beds) or _in_transit(night, mine):
                continue
            text = _("No lodging for the night of %(date)s.") % {"date": moments.day(night)}
            problems.append(Problem("night", str(traveller), text))
    return problems


def _arrival(mine):
    """When the outbound journey ends: the last leg of the first chain of connections."""
    if not mine:
        return None
    end = mine[0].arrives_at
    for leg in mine[1:]:
        if leg.departs_at - end > dt.timedelta(hours=24):
            break
        end = leg.arrives_at
    return end


def _programme(items):
    """Items that are not themselves the lines of a journey."""
    return [item for item in items if not item.leg_id]


def late_arrivals(travellers, legs, items) -> list[Problem]:
    """An item a traveller attends that starts before they have arrived."""
    problems = []
    for traveller in travellers:
        arrival = _arrival(_legs_of(traveller, legs))
        if arrival is None:
            continue
        for item in _programme(items):
            attendees = _everyone(travellers, list(item.attendees.all()))
            if traveller in attendees and item.start() < arrival:
                text = _("Arrives after %(item)s starts.") % {"item": item}
                problems.append(Problem("late", str(traveller), text))
    return problems


def passport_warnings(delegation, details_rows) -> list[Problem]:
    limit = delegation.ends_on + dt.timedelta(days=PASSPORT_MARGIN_DAYS)
    return [
        Problem(
            "passport",
            str(details.traveller),
            _("The passport expires on %(date)s, within six months of the return.")
            % {"date": moments.day(details.passport_expires_on)},
        )
        for details in details_rows
        if details.passport_expires_on and details.passport_expires_on < limit
    ]


def all_problems(delegation, travellers, legs, stays, items) -> list[Problem]:
    return [
        *double_bookings(travellers, legs, items),
        *short_connections(travellers, legs),
        *nights_without_lodging(delegation, travellers, legs, stays),
        *late_arrivals(travellers, legs, items),
    ]
