import zoneinfo

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jumelage.matchmaking.enums import (
    Exchange,
    Interest,
    MeetingState,
    Outcome,
    ParticipantKind,
    Priority,
)
from jumelage.matchmaking.models import Participant, Place, Profile, Session, Venue
from jumelage.partnerships.forms import datetime_input


class ProfileForm(forms.ModelForm):
    offers = forms.MultipleChoiceField(
        label=_("What you offer"),
        choices=Exchange.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    seeks = forms.MultipleChoiceField(
        label=_("What you seek"),
        choices=Exchange.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Profile
        fields = ["language", "description", "offers", "seeks", "themes", "sectors", "stage"]
        fields += ["languages"]
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, themes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes


class RequestForm(forms.Form):
    recipient = forms.IntegerField(widget=forms.HiddenInput)
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, initial=Priority.WOULD_LIKE
    )
    message = forms.CharField(label=_("Message"), widget=forms.Textarea, required=False)


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("yes", _("Accept")), ("no", _("Decline"))], coerce=lambda v: v == "yes"
    )
    answer = forms.CharField(label=_("Your answer"), required=False, max_length=2000)


class MeetingForm(forms.Form):
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    slot = forms.ModelChoiceField(label=_("Slot"), queryset=None, required=False)
    place = forms.ModelChoiceField(label=_("Place"), queryset=None, required=False)
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, initial=Priority.MUST
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = session.participants.all()
        self.fields["slot"].queryset = session.slots.select_related("venue")
        self.fields["place"].queryset = session.places.select_related("venue")


class CheckInForm(forms.Form):
    state = forms.ChoiceField(
        choices=[(MeetingState.HELD, _("Held")), (MeetingState.NO_SHOW, _("No-show"))]
    )


class FeedbackForm(forms.Form):
    interest = forms.ChoiceField(label=_("Follow-up interest"), choices=Interest.choices)
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction (1 to 5)"), choices=[(n, str(n)) for n in range(1, 6)], coerce=int
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("What came of it"), choices=Outcome.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["title", "host_side", "timezone", "slot_minutes", "travel_minutes"]
        fields += ["request_cap", "request_expiry_days"]

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_side"].queryset = cycle.partnership.sides.all()
        self.fields["slot_minutes"].validators.append(MinValueValidator(5))
        self.fields["request_cap"].validators.append(MinValueValidator(1))
        self.fields["request_expiry_days"].validators.append(MinValueValidator(1))


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = ["name", "address", "organisation"]

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = session.host_side.organisations.all()


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["name", "venue", "seats", "link"]
        help_texts = {"venue": _("Leave empty for a virtual room; then give its link.")}

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = session.venues.all()
        self.fields["seats"].validators.append(MinValueValidator(2))

    def clean(self):
        data = super().clean()
        if not data.get("venue") and not data.get("link") and "link" not in self.errors:
            self.add_error("link", _("A virtual room needs its meeting link."))
        return data


class SlotsForm(forms.Form):
    """A run of back-to-back slots at one venue, from a first start in the session's zone."""

    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=None,
        required=False,
        help_text=_("Leave empty for online slots."),
    )
    first = forms.DateTimeField(
        label=_("First slot starts at"),
        widget=datetime_input(),
        help_text=_("In the session's time zone."),
    )
    count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=48, initial=8)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["venue"].queryset = session.venues.all()

    def clean_first(self):
        # The widget sends a wall-clock time: it is the session's, not the reader's.
        naive = timezone.make_naive(self.cleaned_data["first"])
        return naive.replace(tzinfo=zoneinfo.ZoneInfo(self.session.timezone))


class InviteForm(forms.Form):
    applications = forms.MultipleChoiceField(
        label=_("Selected teams"), required=False, widget=forms.CheckboxSelectMultiple
    )
    organisations = forms.MultipleChoiceField(
        label=_("Host organisations"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, teams, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].choices = [(a.pk, a.team_name or str(a)) for a in teams]
        self.fields["organisations"].choices = [(o.pk, o.name) for o in organisations]
        if not teams:
            self.fields["applications"].help_text = _(
                "No selected team left to invite: teams appear here once the selection "
                "has picked them to visit this side."
            )
        if not organisations:
            self.fields["organisations"].help_text = _(
                "Every organisation of the host side's inventory is already invited."
            )

    def clean(self):
        data = super().clean()
        if not data.get("applications") and not data.get("organisations"):
            raise forms.ValidationError(_("Tick at least one team or organisation to invite."))
        return data


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["name", "kind", "email"]
        help_texts = {
            "email": _("Their agenda and messages go here; an account with it is linked.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        teams = {ParticipantKind.TEAM, ParticipantKind.HOST}
        self.fields["kind"].choices = [c for c in ParticipantKind.choices if c[0] not in teams]
