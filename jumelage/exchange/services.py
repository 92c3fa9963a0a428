"""Decisions about a delegation: its people and their personal data, its costs, the
residencies of the partner's teams and the briefing. Each takes the actor."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from jumelage.accounts.models import User
from jumelage.exchange import permissions
from jumelage.exchange.models import (
    Acknowledgement,
    Attendance,
    BriefingPack,
    Delegation,
    PersonalDataEvent,
    Residency,
    Traveller,
    TravellerDetails,
)
from jumelage.exchange.queries import selected_teams
from jumelage.hosting.enums import Service

RETENTION_AFTER_RETURN = dt.timedelta(days=90)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
def save_delegation(actor, delegation: Delegation) -> Delegation:
    _require(
        permissions.can_run(actor, delegation),
        _("Only the managers of the sending city can change its delegation."),
    )
    delegation.full_clean()
    delegation.save()
    return delegation


@transaction.atomic
def save_traveller(actor, traveller: Traveller) -> Traveller:
    """Save the traveller, linked to the account of their email address if it is verified:
    they then see the itinerary, the briefing and their own details."""
    _require(
        permissions.can_run(actor, traveller.delegation),
        _("Only the managers of the sending city can change its delegation."),
    )
    accounts = User.objects.filter(email__iexact=traveller.email, email_verified=True)
    traveller.user = accounts.first() if traveller.email else None
    traveller.save()
    return traveller


# Personal data


def default_retention(delegation) -> dt.date:
    """Kept long enough to settle claims after the trip, then erased."""
    return delegation.ends_on + RETENTION_AFTER_RETURN


@transaction.atomic
def save_details(actor, details: TravellerDetails) -> TravellerDetails:
    _require(
        permissions.can_edit_details(actor, details.traveller),
        _("Only the traveller and the managers of their city see these details."),
    )
    if not details.retain_until:
        details.retain_until = default_retention(details.traveller.delegation)
    details.save()
    return details


DETAIL_FIELDS = (
    "passport_name",
    "nationality",
    "passport_expires_on",
    "dietary_needs",
    "emergency_contact",
    "visa_status",
    "insurance_status",
    "retain_until",
)


@transaction.atomic
def export_details(actor, traveller: Traveller) -> dict:
    """Everything held about the traveller, as JSON-ready data; the export is recorded."""
    _require(
        permissions.can_see_details(actor, traveller),
        _("Only the traveller and the managers of their city see these details."),
    )
    details = TravellerDetails.objects.filter(traveller=traveller).first()
    data = {
        "traveller": {
            "name": traveller.name,
            "unit": traveller.unit,
            "title": traveller.title,
            "role": traveller.role,
            "email": traveller.email,
            "delegation": traveller.delegation.slug,
        },
        "details": {name: getattr(details, name) for name in DETAIL_FIELDS} if details else None,
    }
    PersonalDataEvent.objects.create(
        traveller=traveller, actor=actor, action=PersonalDataEvent.Action.EXPORTED
    )
    return data


@transaction.atomic
def erase_details(actor, traveller: Traveller) -> bool:
    """Erase the traveller's personal details; the erasure itself is recorded."""
    _require(
        permissions.can_edit_details(actor, traveller),
        _("Only the traveller and the managers of their city see these details."),
    )
    deleted, _rows = TravellerDetails.objects.filter(traveller=traveller).delete()
    PersonalDataEvent.objects.create(
        traveller=traveller, actor=actor, action=PersonalDataEvent.Action.ERASED
    )
    return bool(deleted)


def expired_details(today: dt.date):
    """The travellers' details past their retention date (accounts.retention runs daily)."""
    return TravellerDetails.objects.filter(retain_until__lt=today).select_related("traveller")


def erase_expired_details(expired) -> None:
    """Erase the details; each erasure is recorded on the traveller's own history."""
    TravellerDetails.objects.filter(pk__in=[details.pk for details in expired]).delete()
    PersonalDataEvent.objects.bulk_create(
        PersonalDataEvent(
            traveller_id=details.traveller_id, action=PersonalDataEvent.Action.EXPIRED
        )
        for details in expired
    )


# Costs


@dataclass
class CurrencyTotal:
    currency: str
    estimate: Decimal = Decimal(0)
    actual: Decimal = Decimal(0)
    rate: Decimal | None = None

    @property
    def rate_text(self) -> str:
        return format(self.rate.normalize(), "f") if self.rate is not None else ""


@dataclass
class CostTotals:
    """Per currency, and in the sending side's currency at the delegation's recorded rates."""

    side_currency: str
    currencies: list[CurrencyTotal] = field(default_factory=list)

    @property
    def missing_rates(self) -> list[str]:
        return [row.currency for row in self.currencies if row.rate is None]

    def _converted(self, name) -> Decimal | None:
        if self.missing_rates:
            return None
        total = sum((getattr(row, name) * row.rate for row in self.currencies), Decimal(0))
        return total.quantize(Decimal("0.01"))

    @property
    def estimate(self):
        return self._converted("estimate")

    @property
    def actual(self):
        return self._converted("actual")


def cost_totals(delegation, costs, rates) -> CostTotals:
    """`costs`: legs and stays; `rates`: the delegation's ExchangeRate rows. Actual totals
    count lines not yet paid at their estimate, so the figure is the expected spend."""
    side_currency = delegation.side.currency
    known = {rate.currency: rate.rate for rate in rates}
    known[side_currency] = Decimal(1)
    rows: dict[str, CurrencyTotal] = {}
    for cost in costs:
        row = rows.setdefault(
            cost.currency, CurrencyTotal(cost.currency, rate=known.get(cost.currency))
        )
        row.estimate += cost.estimate
        row.actual += cost.actual if cost.actual is not None else cost.estimate
    return CostTotals(side_currency, sorted(rows.values(), key=lambda row: row.currency))


# Residencies


def _residency_errors(residency: Residency, taken: int) -> dict:
    offer, application = residency.offer, residency.application
    errors = {}
    if application.call.side_id == offer.organisation.side_id:
        errors["application"] = _("A team is hosted by the partner city, not its own.")
    if application.call.cycle_id != offer.cycle_id:
        errors["application"] = _("The team applied in another cycle.")
    elif not selected_teams(offer.cycle).filter(pk=application.pk).exists():
        errors["application"] = _("Only teams selected by the partner city are hosted.")
    if taken >= offer.teams:
        errors["offer"] = _("This offer already hosts as many teams as it can.")
    if residency.starts_on < offer.starts_on or residency.ends_on > offer.ends_on:
        errors["starts_on"] = _("The offer is open from %(start)s to %(end)s.") % {
            "start": offer.starts_on,
            "end": offer.ends_on,
        }
    return errors


@transaction.atomic
def assign_residency(actor, residency: Residency) -> Residency:
    """Place a team with an offer, within its capacity and its dates."""
    cycle = residency.offer.cycle
    _require(
        permissions.can_assign_residencies(actor, cycle),
        _("Only the programme's managers place teams with hosts."),
    )
    # Lock the offer so two managers cannot both take its last place.
    type(residency.offer).objects.select_for_update().get(pk=residency.offer.pk)
    taken = Residency.objects.filter(offer=residency.offer).exclude(pk=residency.pk).count()
    errors = _residency_errors(residency, taken)
    if errors:
        raise ValidationError(errors)
    residency.assigned_by = actor
    residency.save()
    return residency


@transaction.atomic
def record_services(actor, residency: Residency, services: list[str]) -> Residency:
    _require(
        permissions.can_assign_residencies(actor, residency.offer.cycle),
        _("Only the programme's managers place teams with hosts."),
    )
    residency.services_used = [value for value in Service.values if value in set(services)]
    residency.save(update_fields=["services_used"])
    return residency


def residency_counts(offers) -> dict[int, int]:
    rows = Residency.objects.filter(offer__in=offers).values("offer").annotate(n=Count("id"))
    return {row["offer"]: row["n"] for row in rows}


# Briefing


@transaction.atomic
def save_briefing(actor, pack: BriefingPack) -> BriefingPack:
    """Save the pack; a change asks every traveller to read it again."""
    _require(
        permissions.can_run(actor, pack.delegation),
        _("Only the managers of the sending city write its briefing pack."),
    )
    if pack.pk:
        pack.revision += 1
    pack.updated_by = actor
    pack.save()
    return pack


@transaction.atomic
def acknowledge(actor, pack: BriefingPack) -> Acknowledgement:
    traveller = next(
        (
            t
            for t in pack.delegation.travellers.all()
            if actor.is_authenticated and t.user_id == actor.pk
        ),
        None,
    )
    _require(traveller is not None, _("Only a traveller of the delegation acknowledges its pack."))
    row, _created = Acknowledgement.objects.get_or_create(
        pack=pack, traveller=traveller, revision=pack.revision
    )
    return row


@transaction.atomic
def record_attendance(actor, pack: BriefingPack, present_ids: set[int]) -> None:
    _require(
        permissions.can_run(actor, pack.delegation),
        _("Only the managers of the sending city record the briefing's attendance."),
    )
    for traveller in pack.delegation.travellers.all():
        Attendance.objects.update_or_create(
            pack=pack, traveller=traveller, defaults={"present": traveller.pk in present_ids}
        )


def briefing_status(pack: BriefingPack, travellers) -> list[tuple]:
    """(traveller, has read the current revision, came to the meeting) for each traveller."""
    read = set(
        Acknowledgement.objects.filter(pack=pack, revision=pack.revision).values_list(
            "traveller_id", flat=True
        )
    )
    present = set(
        Attendance.objects.filter(pack=pack, present=True).values_list("traveller_id", flat=True)
    )
    return [(t, t.pk in read, t.pk in present) for t in travellers]


@dataclass(frozen=True)
class LineUse:
    """What a delegation's costs take from one budget line (None: not assigned yet), in
    the sending side's currency; None where a rate is missing."""

    line: object
    estimate: Decimal | None
    actual: Decimal | None


def budget_use(delegation, costs, rates) -> list[LineUse]:
    grouped = defaultdict(list)
    for cost in costs:
        grouped[cost.budget_line].append(cost)
    uses = []
    for line, assigned in grouped.items():
        totals = cost_totals(delegation, assigned, rates)
        uses.append(LineUse(line, totals.estimate, totals.actual))
    # Assigned lines first, in the budget's order; the unassigned costs last.
    return sorted(uses, key=lambda use: (use.line is None, use.line.pk if use.line else 0))
