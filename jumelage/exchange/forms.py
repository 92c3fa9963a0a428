import zoneinfo

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application
from jumelage.exchange.enums import LegMode
from jumelage.exchange.models import (
    BriefingPack,
    Delegation,
    ExchangeRate,
    ItineraryItem,
    Residency,
    Stay,
    TravelLeg,
    Traveller,
    TravellerDetails,
)
from jumelage.exchange.queries import selected_teams
from jumelage.hosting.forms import services_field
from jumelage.hosting.models import HostingOffer, HostOrganisation
from jumelage.partnerships.forms import (
    TranslatedFieldsMixin,
    date_input,
    datetime_input,
    localized,
    side_choices,
)
from jumelage.partnerships.models import BudgetLine


def time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def as_local(value, zone_name):
    """A datetime typed as the local time of `zone_name` (the form read it as UTC)."""
    naive = timezone.make_naive(value, timezone.get_current_timezone())
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(zone_name))


def shown_local(value, zone_name):
    return timezone.make_naive(value, zoneinfo.ZoneInfo(zone_name))


class DelegationForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("title",)
    required_translations = ("title",)

    class Meta:
        model = Delegation
        fields = ["host_side", *localized("title"), "starts_on", "ends_on"]
        widgets = {"starts_on": date_input(), "ends_on": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = self.instance.side.partnership
        self.fields["host_side"].queryset = partnership.sides.exclude(pk=self.instance.side_id)
        self.fields["host_side"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The return cannot come before the departure."))
        return cleaned


class NewDelegationForm(DelegationForm):
    side = forms.ModelChoiceField(queryset=None, label=_("Sending city"), empty_label=None)

    class Meta(DelegationForm.Meta):
        fields = ["side", *DelegationForm.Meta.fields]

    def __init__(self, *args, sides, **kwargs):
        self.sides = sides
        super().__init__(*args, **kwargs)
        self.fields["side"].queryset = side_choices(sides)
        if len(sides) == 1:
            self.fields["side"].widget = forms.HiddenInput()
            self.fields["side"].initial = sides[0].pk
        partnership = sides[0].partnership
        hosts = partnership.sides.all()
        # A manager of one city sends from it: the choice is among the others.
        self.fields["host_side"].queryset = (
            hosts.exclude(pk=sides[0].pk) if len(sides) == 1 else hosts
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("side") and cleaned.get("side") == cleaned.get("host_side"):
            self.add_error("host_side", _("A delegation visits another city."))
        return cleaned


class TravellerForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("name", "unit", "title")
    required_translations = ("name",)

    class Meta:
        model = Traveller
        fields = ["order", *localized("name", "unit", "title"), "role", "email", "application"]
        help_texts = {
            "email": _("If the traveller has an account with this address, they see the trip."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        delegation = self.instance.delegation
        teams = Application.objects.filter(
            call__side=delegation.side, state=ApplicationState.SUBMITTED
        )
        if delegation.cycle_id:
            teams = teams.filter(call__cycle=delegation.cycle_id)
        self.fields["application"].queryset = teams.order_by("team_name")
        self.fields["application"].required = False


class TravellerDetailsForm(forms.ModelForm):
    class Meta:
        model = TravellerDetails
        fields = [
            "passport_name",
            "nationality",
            "passport_expires_on",
            "dietary_needs",
            "emergency_contact",
            "visa_status",
            "insurance_status",
            "retain_until",
        ]
        widgets = {"passport_expires_on": date_input(), "retain_until": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retain_until"].required = False
        self.fields["retain_until"].help_text = _(
            "The details are erased on this date. Empty: three months after the return."
        )


def _delegation_travellers(field, delegation):
    # The widget first: setting the queryset hands its choices to the current widget.
    field.widget = forms.CheckboxSelectMultiple()
    field.queryset = delegation.travellers.all()
    field.required = False


class CostFieldsMixin:
    """Estimate, actual, currency and budget line, common to legs and stays."""

    cost_fields = ("estimate", "actual", "currency", "budget_line")

    def _limit_cost_choices(self, delegation):
        lines = BudgetLine.objects.filter(side=delegation.side, cycle=delegation.cycle_id)
        self.fields["budget_line"].queryset = lines
        for name in ("estimate", "actual"):
            self.fields[name].min_value = 0
            self.fields[name].widget.attrs["min"] = "0"
            self.fields[name].validators.append(MinValueValidator(0))


class TravelLegForm(CostFieldsMixin, forms.ModelForm):
    class Meta:
        model = TravelLeg
        fields = [
            "mode",
            "carrier",
            "number",
            "origin",
            "departs_at",
            "departure_timezone",
            "destination",
            "arrives_at",
            "arrival_timezone",
            "travellers",
            *CostFieldsMixin.cost_fields,
        ]
        widgets = {"departs_at": datetime_input(), "arrives_at": datetime_input()}
        help_texts = {
            "departs_at": _("Local time at the departure."),
            "arrives_at": _("Local time at the arrival."),
            "travellers": _("Nobody ticked: the whole delegation."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        leg, delegation = self.instance, self.instance.delegation
        _delegation_travellers(self.fields["travellers"], delegation)
        self._limit_cost_choices(delegation)
        if leg.pk:
            self.initial["departs_at"] = shown_local(leg.departs_at, leg.departure_timezone)
            self.initial["arrives_at"] = shown_local(leg.arrives_at, leg.arrival_timezone)
        else:
            self.initial["departure_timezone"] = (
                self.initial.get("departure_timezone") or delegation.side.timezone
            )
            self.initial["arrival_timezone"] = (
                self.initial.get("arrival_timezone") or delegation.host_side.timezone
            )
            self.initial["currency"] = self.initial.get("currency") or delegation.side.currency
            self.initial["mode"] = self.initial.get("mode") or LegMode.FLIGHT

    def clean(self):
        cleaned = super().clean()
        for moment, zone in (
            ("departs_at", "departure_timezone"),
            ("arrives_at", "arrival_timezone"),
        ):
            if cleaned.get(moment) and cleaned.get(zone):
                cleaned[moment] = as_local(cleaned[moment], cleaned[zone])
        departs, arrives = cleaned.get("departs_at"), cleaned.get("arrives_at")
        if departs and arrives and arrives <= departs:
            self.add_error("arrives_at", _("The arrival must come after the departure."))
        if not cleaned.get("travellers") and "travellers" in cleaned:
            cleaned["travellers"] = self.instance.delegation.travellers.all()
        return cleaned


class StayForm(CostFieldsMixin, forms.ModelForm):
    class Meta:
        model = Stay
        fields = [
            "hotel",
            "address",
            "check_in",
            "check_out",
            "travellers",
            *CostFieldsMixin.cost_fields,
        ]
        widgets = {"check_in": date_input(), "check_out": date_input()}
        help_texts = {"travellers": _("Nobody ticked: the whole delegation.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        delegation = self.instance.delegation
        _delegation_travellers(self.fields["travellers"], delegation)
        self._limit_cost_choices(delegation)
        if not self.instance.pk:
            self.initial["currency"] = self.initial.get("currency") or delegation.host_side.currency

    def clean(self):
        cleaned = super().clean()
        check_in, check_out = cleaned.get("check_in"), cleaned.get("check_out")
        if check_in and check_out and check_out <= check_in:
            self.add_error("check_out", _("The check-out must come after the check-in."))
        if not cleaned.get("travellers") and "travellers" in cleaned:
            cleaned["travellers"] = self.instance.delegation.travellers.all()
        return cleaned


class ExchangeRateForm(forms.ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "rate", "recorded_on"]
        widgets = {"recorded_on": date_input()}
        help_texts = {"rate": _("How much of the sending city's currency one unit buys.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rate"].validators.append(MinValueValidator(0.000001))

    def clean_currency(self):
        currency = self.cleaned_data["currency"]
        if currency == self.instance.delegation.side.currency:
            raise forms.ValidationError(_("The sending city's own currency needs no rate."))
        return currency


class ItineraryItemForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("activity", "place", "notes")
    required_translations = ("activity",)

    class Meta:
        model = ItineraryItem
        fields = [
            "day",
            "starts_at",
            "ends_at",
            "period",
            "timezone",
            *localized("activity", "place"),
            "address",
            "organisation",
            "attendees",
            "leg",
            *localized("notes"),
        ]
        widgets = {
            "day": date_input(),
            "starts_at": time_input(),
            "ends_at": time_input(),
            **{column: forms.Textarea(attrs={"rows": 2}) for column in localized("notes")},
        }
        help_texts = {"timezone": _("The place's own: times are shown in local time.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        delegation = self.instance.delegation
        _delegation_travellers(self.fields["attendees"], delegation)
        self.fields["organisation"].queryset = HostOrganisation.objects.filter(
            side__partnership=delegation.side.partnership
        )
        self.fields["leg"].queryset = delegation.legs.all()
        if not self.instance.pk:
            self.initial["timezone"] = self.initial.get("timezone") or delegation.host_side.timezone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("starts_at") and not cleaned.get("period"):
            self.add_error("starts_at", _("Give a time, or a part of the day."))
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must come after the start."))
        return cleaned


class BriefingForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("introduction", "visa", "insurance", "money", "emergency", "addresses")

    class Meta:
        model = BriefingPack
        fields = [
            *localized("introduction", "visa", "insurance", "money", "emergency", "addresses"),
            "meeting_at",
            "meeting_place",
        ]
        widgets = {
            "meeting_at": datetime_input(),
            **{
                column: forms.Textarea(attrs={"rows": 3})
                for column in localized(
                    "introduction", "visa", "insurance", "money", "emergency", "addresses"
                )
            },
        }
        help_texts = {"meeting_at": _("Local time of the sending city.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pack = self.instance
        if pack.meeting_at:
            self.initial["meeting_at"] = shown_local(pack.meeting_at, pack.delegation.side.timezone)

    def clean_meeting_at(self):
        value = self.cleaned_data["meeting_at"]
        return as_local(value, self.instance.delegation.side.timezone) if value else value


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label=_("Present")
    )

    def __init__(self, *args, travellers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = travellers


class ResidencyForm(forms.ModelForm):
    class Meta:
        model = Residency
        fields = ["application", "offer", "starts_on", "ends_on"]
        widgets = {"starts_on": date_input(), "ends_on": date_input()}
        labels = {"application": _("Team"), "offer": _("Hosting offer")}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = (
            selected_teams(cycle)
            .select_related("call__side")
            .order_by("call__side_id", "team_name")
        )
        self.fields["offer"].queryset = HostingOffer.objects.filter(cycle=cycle).select_related(
            "organisation"
        )

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The residency cannot end before it starts."))
        return cleaned


class ServicesUsedForm(forms.Form):
    services = services_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].required = False
        self.fields["services"].label = _("Services used")
