from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.matchmaking.enums import Exchange, Interest, MeetingState, Outcome, Priority
from jumelage.matchmaking.models import Profile


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
