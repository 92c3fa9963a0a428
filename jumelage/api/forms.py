from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from jumelage.api import webhooks
from jumelage.api.models import Scope, WebhookEvent
from jumelage.api.services import MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “CRM sync”.")
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=Scope.choices,
        initial=Scope.READ,
        help_text=_("Read only, or read and write: give a program no more than it needs."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=90,
        help_text=format_lazy(_("From 1 to {days} days; then create a new token."), days=MAX_DAYS),
        error_messages={
            "min_value": format_lazy(_("Give a number of days from 1 to {days}."), days=MAX_DAYS),
            "max_value": format_lazy(_("Give a number of days from 1 to {days}."), days=MAX_DAYS),
        },
    )


class WebhookForm(forms.Form):
    side = forms.ModelChoiceField(
        label=_("Side"),
        queryset=None,
        empty_label=None,
        help_text=_("The side whose events are posted."),
    )
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where we post each event, signed: a public https address."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("We post only the events ticked here."),
        error_messages={"required": _("Tick at least one event to post.")},
    )

    def __init__(self, *args, sides, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].queryset = sides

    def clean_url(self):
        # Checked here too, so a refused URL is said at once with any other mistake;
        # webhooks.subscribe checks it again for callers other than this page.
        url = self.cleaned_data["url"]
        webhooks.check_url(url)
        return url
