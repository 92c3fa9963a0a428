import re

from django import forms
from django.conf import settings
from django.db.models import Q
from django.template import Context, Template, TemplateSyntaxError
from django.utils.translation import gettext_lazy as _

from jumelage.notifications.models import MessageTemplate, OutboxState
from jumelage.notifications.permissions import releasable_sides

LANGUAGE_COLUMNS = [(code, name, code.replace("-", "_")) for code, name in settings.LANGUAGES]

# Values for every placeholder the shipped templates use (jumelage/notifications/defaults.py).
SAMPLE_CONTEXT = {
    "name": "Ada Chen",
    "link": f"{settings.SITE_URL}/accounts/verify/sample-token/",
    "team": "Fictional Labs",
    "call": "Call for startups: Taichung 2019",
    "deadline": "2019-05-31 17:00",
    "timezone": "Asia/Taipei",
    "reference": "TAICHUNG-2019-00042",
    "cycle": "2019",
    "side": "Taichung",
    "partner": "Toulouse",
    "host": "Toulouse",
    "count": "5",
    "reason": "Two teams of the same field; we keep the stronger one.",
    "promoted": "Fictional Robotics",
}

# Messages need conditions and loops at most. Tags that load libraries, include files, reverse
# URLs or dump the context ({% load %}, {% include %}, {% url %}, {% debug %}) are refused.
ALLOWED_TAGS = {
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "empty",
    "endfor",
    "with",
    "endwith",
    "firstof",
    "comment",
    "endcomment",
    "now",
}
TAG = re.compile(r"{%\s*(\w+)")


class OutboxFilterForm(forms.Form):
    """The outbox filters; invalid values are ignored rather than refused."""

    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *OutboxState.choices]
    )
    template = forms.ChoiceField(label=_("Message"), required=False)
    q = forms.CharField(label=_("Recipient"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keys = MessageTemplate.objects.filter(side__isnull=True).values_list("key", flat=True)
        self.fields["template"].choices = [("", _("All messages")), *((k, k) for k in keys)]

    def apply(self, messages):
        if not self.is_valid():
            return messages
        data = self.cleaned_data
        if data["state"]:
            messages = messages.filter(state=data["state"])
        if data["template"]:
            messages = messages.filter(template_key=data["template"])
        text = data["q"].strip()
        if text:
            messages = messages.filter(
                Q(recipient_email__icontains=text) | Q(recipient__full_name__icontains=text)
            )
        return messages


class ReleaseDraftsForm(forms.Form):
    """Which side's drafts to release; only sides the user manages are valid."""

    side = forms.ModelChoiceField(queryset=None, label=_("Side"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].queryset = releasable_sides(user)


def template_problem(source: str):
    """Why `source` cannot serve as a message template, or None when it renders."""
    refused = sorted({tag for tag in TAG.findall(source) if tag not in ALLOWED_TAGS})
    if refused:
        return _("These template tags are not allowed in messages: %(tags)s.") % {
            "tags": ", ".join(refused)
        }
    try:
        rendered = Template(source).render(Context(SAMPLE_CONTEXT, autoescape=False))
    except TemplateSyntaxError as error:
        return _("The template has an error: %(error)s") % {"error": error}
    # Django leaves an unclosed {{ or {% as plain text; the sample values contain neither.
    if "{{" in rendered or "{%" in rendered:
        return _("A placeholder or a tag is opened but never closed.")
    return None


class MessageTemplateForm(forms.ModelForm):
    """A message's subject and body in each language. English is required: it is the fallback
    for a recipient whose language has no text."""

    class Meta:
        model = MessageTemplate
        fields = [
            *(f"subject_{column}" for _code, _name, column in LANGUAGE_COLUMNS),
            *(f"body_{column}" for _code, _name, column in LANGUAGE_COLUMNS),
        ]
        widgets = {
            f"body_{column}": forms.Textarea(attrs={"rows": 10})
            for _code, _name, column in LANGUAGE_COLUMNS
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name, column in LANGUAGE_COLUMNS:
            language = {"language": name}
            self.fields[f"subject_{column}"].label = _("Subject (%(language)s)") % language
            self.fields[f"body_{column}"].label = _("Body (%(language)s)") % language
            required = code == settings.MODELTRANSLATION_DEFAULT_LANGUAGE
            self.fields[f"subject_{column}"].required = required
            self.fields[f"body_{column}"].required = required

    def clean(self):
        cleaned = super().clean()
        for name, source in list(cleaned.items()):
            problem = template_problem(source or "")
            if problem:
                self.add_error(name, problem)
        return cleaned

    def by_language(self):
        """(language name, subject field, body field), one per language."""
        return [
            (name, self[f"subject_{column}"], self[f"body_{column}"])
            for _code, name, column in LANGUAGE_COLUMNS
        ]
