"""Delegations, their travellers, travel, lodging, itinerary, residencies and briefing."""

import datetime as dt
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jumelage.exchange.enums import CheckStatus, DayPeriod, LegMode, TravellerRole
from jumelage.hosting.enums import Service
from jumelage.partnerships.enums import Currency
from jumelage.partnerships.models import TIMEZONE_CHOICES


def new_token() -> str:
    """A secret for calendar feeds: the URL itself is the credential a calendar app keeps."""
    return secrets.token_urlsafe(24)


class Delegation(models.Model):
    """The people one side sends to a partner city, in a cycle or on an official visit."""

    side = models.ForeignKey(
        "partnerships.Side", on_delete=models.CASCADE, related_name="delegations"
    )
    host_side = models.ForeignKey(
        "partnerships.Side",
        on_delete=models.CASCADE,
        related_name="hosted_delegations",
        verbose_name=_("visiting"),
    )
    cycle = models.ForeignKey(
        "partnerships.Cycle",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="delegations",
        help_text=_("Empty for an official visit outside the programme's cycles."),
    )
    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("leaves on"))
    ends_on = models.DateField(_("returns on"))
    ical_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-starts_on", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["side", "cycle"],
                condition=models.Q(cycle__isnull=False),
                name="one_delegation_per_side_and_cycle",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="delegation_returns_after_leaving",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The return cannot come before the departure.")})
        if self.side_id and self.side_id == self.host_side_id:
            raise ValidationError({"host_side": _("A delegation visits another city.")})

    def nights(self) -> list[dt.date]:
        days = (self.ends_on - self.starts_on).days
        return [self.starts_on + dt.timedelta(days=n) for n in range(days)]


class Traveller(models.Model):
    """A member of a delegation, as the report's list has them: no., unit, title, name."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="travellers")
    order = models.PositiveSmallIntegerField(_("no."), default=1)
    name = models.CharField(_("name"), max_length=150)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=TravellerRole.choices)
    email = models.EmailField(_("email"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="travels",
        verbose_name=_("account"),
        help_text=_("The traveller's own account: they then see the itinerary and briefing."),
    )
    application = models.ForeignKey(
        "calls.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="travellers",
        verbose_name=_("team"),
    )
    ical_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("traveller")
        verbose_name_plural = _("travellers")
        ordering = ["delegation", "order", "id"]

    def __str__(self):
        return self.name


class TravellerDetails(models.Model):
    """Personal data: seen by the sending side's managers and the traveller only, erased at
    `retain_until` (or on request)."""

    traveller = models.OneToOneField(Traveller, on_delete=models.CASCADE, related_name="details")
    passport_name = models.CharField(_("name as in the passport"), max_length=150, blank=True)
    nationality = models.CharField(_("nationality"), max_length=80, blank=True)
    passport_expires_on = models.DateField(_("passport expires on"), null=True, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    emergency_contact = models.CharField(
        _("emergency contact"), max_length=300, blank=True, help_text=_("Name and phone number.")
    )
    visa_status = models.CharField(
        _("visa"), max_length=20, choices=CheckStatus.choices, default=CheckStatus.TO_DO
    )
    insurance_status = models.CharField(
        _("travel insurance"), max_length=20, choices=CheckStatus.choices, default=CheckStatus.TO_DO
    )
    retain_until = models.DateField(_("keep until"))
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("traveller details")
        verbose_name_plural = _("traveller details")

    def __str__(self):
        return str(self.traveller)


class PersonalDataEvent(models.Model):
    """Append-only record of who exported or erased a traveller's personal data."""

    class Action(models.TextChoices):
        EXPORTED = "exported", _("Exported")
        ERASED = "erased", _("Erased")
        EXPIRED = "expired", _("Erased at the end of retention")

    traveller = models.ForeignKey(Traveller, on_delete=models.CASCADE, related_name="data_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self):
        return self.get_action_display()


class Cost(models.Model):
    """What a leg or a stay costs, in its own currency, against one of the cycle's lines."""

    estimate = models.DecimalField(_("estimate"), max_digits=12, decimal_places=2, default=0)
    actual = models.DecimalField(
        _("actual"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    budget_line = models.ForeignKey(
        "partnerships.BudgetLine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("budget line"),
    )

    class Meta:
        abstract = True


class TravelLeg(Cost):
    """A flight, train or local ride; times are stored in UTC, shown in each end's timezone."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="legs")
    travellers = models.ManyToManyField(
        Traveller, related_name="legs", verbose_name=_("travellers")
    )
    mode = models.CharField(_("mode"), max_length=10, choices=LegMode.choices)
    carrier = models.CharField(_("carrier"), max_length=100, blank=True)
    number = models.CharField(_("number"), max_length=20, blank=True)
    origin = models.CharField(pgettext_lazy("journey", "from"), max_length=120)
    destination = models.CharField(pgettext_lazy("journey", "to"), max_length=120)
    departs_at = models.DateTimeField(_("departs at"))
    departure_timezone = models.CharField(
        _("departure timezone"), max_length=64, choices=TIMEZONE_CHOICES
    )
    arrives_at = models.DateTimeField(_("arrives at"))
    arrival_timezone = models.CharField(
        _("arrival timezone"), max_length=64, choices=TIMEZONE_CHOICES
    )

    class Meta:
        verbose_name = _("travel leg")
        verbose_name_plural = _("travel legs")
        ordering = ["delegation", "departs_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(arrives_at__gt=models.F("departs_at")),
                name="leg_arrives_after_departure",
            ),
        ]

    def __str__(self):
        return f"{self.carrier} {self.number} {self.origin} → {self.destination}".strip()

    def local_departure(self) -> dt.datetime:
        return self.departs_at.astimezone(zoneinfo.ZoneInfo(self.departure_timezone))

    def local_arrival(self) -> dt.datetime:
        return self.arrives_at.astimezone(zoneinfo.ZoneInfo(self.arrival_timezone))


class Stay(Cost):
    """A hotel booking for some travellers of a delegation: the nights check-in to check-out."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="stays")
    travellers = models.ManyToManyField(
        Traveller, related_name="stays", verbose_name=_("travellers")
    )
    hotel = models.CharField(_("hotel"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    check_in = models.DateField(_("check-in"))
    check_out = models.DateField(_("check-out"))

    class Meta:
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        ordering = ["delegation", "check_in", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(check_out__gt=models.F("check_in")),
                name="stay_checks_out_after_check_in",
            ),
        ]

    def __str__(self):
        return self.hotel

    def covers(self, night: dt.date) -> bool:
        return self.check_in <= night < self.check_out


class ExchangeRate(models.Model):
    """The rate a delegation's costs are totalled at: one `currency` = `rate` of the side's."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="rates")
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    rate = models.DecimalField(_("rate"), max_digits=14, decimal_places=6)
    recorded_on = models.DateField(_("recorded on"))

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "currency"], name="one_rate_per_currency"
            ),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="rate_positive"),
        ]

    def __str__(self):
        return f"1 {self.currency} = {self.rate_text}"

    @property
    def rate_text(self) -> str:
        """35.600000 as "35.6", 100 as "100" (not "1E+2")."""
        return format(self.rate.normalize(), "f")


class ItineraryItem(models.Model):
    """One line of the programme: a day, a time (or a part of the day), an activity, a place."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="items")
    day = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    period = models.CharField(
        _("part of the day"),
        max_length=10,
        choices=DayPeriod.choices,
        blank=True,
        help_text=_("When there is no exact time yet."),
    )
    timezone = models.CharField(_("timezone"), max_length=64, choices=TIMEZONE_CHOICES)
    activity = models.CharField(_("activity"), max_length=300)
    place = models.CharField(_("place"), max_length=300, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "hosting.HostOrganisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("host organisation"),
    )
    leg = models.ForeignKey(
        TravelLeg,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("travel leg"),
        help_text=_("When this line is a departure or an arrival of the journey."),
    )
    attendees = models.ManyToManyField(
        Traveller,
        blank=True,
        related_name="items",
        verbose_name=_("who attends"),
        help_text=_("Nobody ticked: the whole delegation."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("itinerary item")
        verbose_name_plural = _("itinerary items")
        ordering = ["delegation", "day", "starts_at", "id"]

    def __str__(self):
        return self.activity

    def clean(self):
        if self.starts_at is None and not self.period:
            raise ValidationError({"starts_at": _("Give a time, or a part of the day.")})
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.timezone)

    def start(self) -> dt.datetime:
        """The aware start; a part of the day starts at its window's first hour."""
        time = self.starts_at or dt.time(DayPeriod(self.period).window[0])
        return dt.datetime.combine(self.day, time, tzinfo=self.tzinfo)

    def end(self) -> dt.datetime:
        if self.starts_at and self.ends_at:
            return dt.datetime.combine(self.day, self.ends_at, tzinfo=self.tzinfo)
        if self.starts_at:
            return self.start() + dt.timedelta(hours=1)
        return dt.datetime.combine(
            self.day, dt.time(DayPeriod(self.period).window[1]), tzinfo=self.tzinfo
        )


class Residency(models.Model):
    """A selected team of the partner side placed with a host's offer for the exchange."""

    offer = models.ForeignKey(
        "hosting.HostingOffer", on_delete=models.CASCADE, related_name="residencies"
    )
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="residencies"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    services_used = models.JSONField(_("services used"), default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("residency")
        verbose_name_plural = _("residencies")
        ordering = ["offer", "starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "application"], name="one_residency_per_offer"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="residency_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.offer.organisation}"

    def service_labels(self):
        return [Service(value).label for value in self.services_used if value in Service.values]


class BriefingPack(models.Model):
    """What a delegation reads before leaving: the living information beside the itinerary."""

    delegation = models.OneToOneField(Delegation, on_delete=models.CASCADE, related_name="briefing")
    introduction = models.TextField(_("introduction"), blank=True)
    visa = models.TextField(_("visa"), blank=True)
    insurance = models.TextField(_("insurance"), blank=True)
    money = models.TextField(_("currency and money"), blank=True)
    emergency = models.TextField(_("emergency numbers"), blank=True)
    addresses = models.TextField(_("useful addresses"), blank=True)
    meeting_at = models.DateTimeField(_("briefing meeting"), null=True, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=300, blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("briefing pack")
        verbose_name_plural = _("briefing packs")

    def __str__(self):
        return str(self.delegation)


class Acknowledgement(models.Model):
    """A traveller's "I have read the briefing pack", for one revision of it."""

    pack = models.ForeignKey(
        BriefingPack, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    traveller = models.ForeignKey(
        Traveller, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    revision = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pack", "traveller", "revision"], name="one_acknowledgement_per_revision"
            ),
        ]

    def __str__(self):
        return f"{self.traveller} · {self.revision}"


class Attendance(models.Model):
    """Who came to the briefing meeting, as a manager recorded it."""

    pack = models.ForeignKey(BriefingPack, on_delete=models.CASCADE, related_name="attendance")
    traveller = models.ForeignKey(Traveller, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pack", "traveller"], name="one_attendance_row"),
        ]

    def __str__(self):
        return f"{self.traveller}: {self.present}"
