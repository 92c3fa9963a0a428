"""The application form, built from a call's questions.

One form serves every path: the full page post (no JavaScript), the autosave of a few
fields, and the final check at submission. `strict` enforces required and conditional
questions; a draft is saved leniently so that nothing typed is refused for being incomplete.
"""

import hashlib

import nh3
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import MultiValueDict
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jumelage.calls.enums import FILE_KIND_MIME_TYPES, ApplicationState, FileKind, QuestionKind
from jumelage.calls.models import PITCH_DECK_KEY, Call
from jumelage.calls.queries import form_definition, search
from jumelage.calls.rendering import ApplicationFormRenderer
from jumelage.core.uploads import checked_upload
from jumelage.partnerships.forms import datetime_input

BUILT_IN_FIELDS = [
    "language",
    "team_name",
    "organisation",
    "contact_name",
    "contact_email",
    "contact_phone",
    "theme",
]
REQUIRED_BUILT_INS = {"language", "team_name", "contact_name", "contact_email", "privacy_consent"}
CONSENT_FIELDS = ["privacy_consent", "investor_consent", "keep_on_file"]


def _keep_on_file_help(months: int) -> str:
    return ngettext(
        "Optional: you can change your mind until the deadline. Without it, the personal data "
        "of an application that is not selected is erased %(months)s month after the results; "
        "its scores stay, anonymous, in the committee's figures.",
        "Optional: you can change your mind until the deadline. Without it, the personal data "
        "of an application that is not selected is erased %(months)s months after the results; "
        "its scores stay, anonymous, in the committee's figures.",
        months,
    ) % {"months": months}


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def question_field_name(key: str) -> str:
    return f"q_{key}"


def file_field_name(key: str) -> str:
    return f"f_{key}"


# A manager writes help text for applicants: emphasis, lists and links, nothing that runs.
HELP_TEXT_TAGS = {"a", "br", "code", "em", "li", "ol", "p", "strong", "ul"}


def sanitised_help_text(text: str) -> str:
    """The help text with only HELP_TEXT_TAGS kept; links open nothing of ours."""
    if not text:
        return ""
    cleaned = nh3.clean(
        text,
        tags=HELP_TEXT_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # nh3 kept only HELP_TEXT_TAGS


class ContentCheckedFileField(forms.FileField):
    """A file accepted by what its bytes are, not by its name, within the limits, and
    cleaned (jumelage.core.uploads, which the follow-up's evidence goes through too)."""

    def __init__(self, *, file_kind=FileKind.PDF, **kwargs):
        self.file_kind = FileKind(file_kind)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded or uploaded is initial:
            return uploaded
        return checked_upload(
            uploaded, FILE_KIND_MIME_TYPES[self.file_kind], str(self.file_kind.label)
        )


def file_digest(uploaded) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def _text_field(question, **common):
    widget = forms.Textarea(attrs={"rows": 6}) if question.kind == QuestionKind.LONG_TEXT else None
    if question.max_length:
        widget = widget or forms.TextInput()
        widget.attrs["data-maxlength"] = question.max_length
    field = forms.CharField(
        min_length=question.min_length, max_length=question.max_length, widget=widget, **common
    )
    field.counted = bool(question.max_length)
    return field


def _choices(question):
    return [(choice.value, choice.label) for choice in question.choices.all()]


FIELD_BUILDERS = {
    QuestionKind.SHORT_TEXT: _text_field,
    QuestionKind.LONG_TEXT: _text_field,
    QuestionKind.NUMBER: lambda q, **c: forms.DecimalField(
        min_value=q.min_value, max_value=q.max_value, max_digits=14, decimal_places=2, **c
    ),
    QuestionKind.EMAIL: lambda q, **c: forms.EmailField(**c),
    QuestionKind.URL: lambda q, **c: forms.URLField(assume_scheme="https", **c),
    QuestionKind.DATE: lambda q, **c: forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **c
    ),
    QuestionKind.SINGLE_CHOICE: lambda q, **c: forms.ChoiceField(
        choices=_choices(q), widget=forms.RadioSelect, **c
    ),
    QuestionKind.MULTIPLE_CHOICE: lambda q, **c: forms.MultipleChoiceField(
        choices=_choices(q), widget=forms.CheckboxSelectMultiple, **c
    ),
    QuestionKind.YES_NO: lambda q, **c: forms.ChoiceField(
        choices=YES_NO, widget=forms.RadioSelect, **c
    ),
    QuestionKind.FILE: lambda q, **c: ContentCheckedFileField(file_kind=q.file_kind, **c),
}


def to_answer(question, value):
    """A cleaned value as stored in Application.answers (JSON)."""
    if value in (None, "", []):
        return None
    if question.kind == QuestionKind.NUMBER:
        return format(value.normalize(), "f")
    if question.kind == QuestionKind.DATE:
        return value.isoformat()
    return value


def display_answer(question, answer):
    """A stored answer as a person reads it: option labels instead of their values."""
    if answer is None:
        return None
    if question.kind == QuestionKind.YES_NO:
        return str(dict(YES_NO).get(answer, answer))
    if question.kind in QuestionKind.with_choices():
        labels = {choice.value: choice.label for choice in question.choices.all()}
        values = answer if isinstance(answer, list) else [answer]
        return ", ".join(str(labels.get(value, value)) for value in values)
    return answer


def answer_matches(question, answer) -> bool:
    """Whether a conditional question is shown, given its parent's answer."""
    expected = question.show_if_value
    if isinstance(answer, list):
        return expected in answer
    return answer is not None and str(answer) == expected


class ThemeField(forms.ChoiceField):
    """The cycle's agreed themes, read once: a ModelChoiceField queries them again to list
    them, once more to check the answer, and first to know whether there are any."""

    def __init__(self, themes, **kwargs):
        self.themes = {str(theme.pk): theme for theme in themes}
        choices = [("", _("Choose a theme"))]
        choices += [(pk, str(theme)) for pk, theme in self.themes.items()]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        return self.themes.get(super().clean(value))


class ApplicationForm(forms.Form):
    default_renderer = ApplicationFormRenderer()

    language = forms.ChoiceField(label=_("Language you write in"), choices=settings.LANGUAGES)
    team_name = forms.CharField(label=_("Team name"), max_length=200)
    organisation = forms.CharField(label=_("Company or organisation"), max_length=200)
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    contact_email = forms.EmailField(label=_("Contact email"))
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40)

    def __init__(self, application, *args, questions, attachments, strict=True, only=None, **kw):
        super().__init__(*args, **kw)
        self.application, self.questions, self.strict = application, questions, strict
        self.attachments = {a.question_key: a for a in attachments}
        self.attachment_keys = set(self.attachments)
        self.fields["theme"] = ThemeField(
            form_definition(application.call).themes, label=_("Theme")
        )
        self.fields["pitch_deck"] = ContentCheckedFileField(
            label=_("Pitch deck (PDF)"),
            file_kind=FileKind.PDF,
            help_text=_("A PDF of at most %(limit)s.")
            % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
        )
        self.file_keys = {"pitch_deck": PITCH_DECK_KEY}
        for question in questions:
            self._add_question(question)
        self._add_consents(application.call)
        self._set_required()
        if only is not None:
            self.fields = {name: field for name, field in self.fields.items() if name in only}

    def _add_question(self, question):
        help_text = sanitised_help_text(question.help_text)
        common = {"label": question.label, "help_text": help_text, "required": False}
        field = FIELD_BUILDERS[question.kind](question, **common)
        field.question = question
        if question.kind == QuestionKind.FILE:
            name = file_field_name(question.key)
            self.file_keys[name] = question.key
        else:
            name = question_field_name(question.key)
        self.fields[name] = field

    def _add_consents(self, call):
        """Asked last, once the applicant knows what they send. The privacy notice is the
        call's own text, shown escaped under its box."""
        if call.asks_privacy_consent:
            self.fields["privacy_consent"] = forms.BooleanField(
                label=_(
                    "I have read the privacy notice below (version %(version)s) and agree to it."
                )
                % {"version": call.privacy_notice_version},
                # linebreaks has escaped the notice; it returns the paragraphs as a plain string.
                help_text=mark_safe(linebreaks(call.privacy_notice, autoescape=True)),
                error_messages={
                    "required": _("Agree to the privacy notice to submit your application.")
                },
            )
        self.fields["investor_consent"] = forms.BooleanField(
            label=_("The programme may share our application with investors."),
            help_text=_("Optional: you can change your mind until the deadline."),
        )
        self.fields["keep_on_file"] = forms.BooleanField(
            label=_(
                "If we are not selected, the programme may keep our application for its next calls."
            ),
            help_text=_keep_on_file_help(settings.RETENTION["refused"]),
        )

    def _set_required(self):
        """Required marks are shown in every mode; they are enforced only when strict."""
        has_themes = bool(self.fields["theme"].themes)
        for name, field in self.fields.items():
            question = getattr(field, "question", None)
            needed = question.required if question else name in REQUIRED_BUILT_INS
            if name == "theme":
                needed = has_themes
            if name == "pitch_deck":
                needed = True
            if name in self.file_keys and self.file_keys[name] in self.attachment_keys:
                needed = False
            field.marked_required = needed
            field.required = needed and self.strict
        if not has_themes:
            self.fields.pop("theme")

    def _raw_answer(self, question):
        name = question_field_name(question.key)
        if question.kind == QuestionKind.MULTIPLE_CHOICE:
            return self.data.getlist(name) if hasattr(self.data, "getlist") else self.data.get(name)
        return self.data.get(name) or None

    def is_shown(self, question, _seen=None) -> bool:
        parent = question.show_if
        if parent is None:
            return True
        seen = _seen or set()
        if parent.pk in seen:
            return False
        seen.add(question.pk)
        return self.is_shown(parent, seen) and answer_matches(question, self._raw_answer(parent))

    def full_clean(self):
        if self.strict and self.is_bound:
            for field in self.fields.values():
                question = getattr(field, "question", None)
                if question is not None and not self.is_shown(question):
                    field.required = False
        super().full_clean()

    def rows(self):
        """The visible fields in order, with what the page needs to show or hide them."""
        for bound in self.visible_fields():
            question = getattr(bound.field, "question", None)
            parent = question.show_if if question else None
            yield {
                "field": bound,
                "depends_on": question_field_name(parent.key) if parent else "",
                "show_value": question.show_if_value if parent else "",
                "shown": self.is_shown(question) if question else True,
                "attachment": self.attachments.get(self.file_keys.get(bound.name)),
            }

    def answers(self) -> dict:
        """Cleaned answers of the valid question fields, keyed by question key."""
        return {
            field.question.key: to_answer(field.question, self.cleaned_data[name])
            for name, field in self.fields.items()
            if hasattr(field, "question")
            and field.question.kind != QuestionKind.FILE
            and name in self.cleaned_data
        }

    def uploads(self) -> dict:
        """New files, keyed by question key (PITCH_DECK_KEY for the pitch deck)."""
        return {
            key: self.cleaned_data[name]
            for name, key in self.file_keys.items()
            if self.cleaned_data.get(name) and hasattr(self.cleaned_data[name], "detected_type")
        }


def application_as_data(application, questions) -> MultiValueDict:
    """The stored application as form data, so it can be validated as if just posted."""
    data = MultiValueDict()
    for name in BUILT_IN_FIELDS:
        value = application.theme_id if name == "theme" else getattr(application, name)
        data[name] = "" if value is None else str(value)
    if application.has_current_privacy_consent:
        data["privacy_consent"] = "on"
    if application.investor_consent:
        data["investor_consent"] = "on"
    if application.keep_on_file:
        data["keep_on_file"] = "on"
    for question in questions:
        answer = application.answers.get(question.key)
        name = question_field_name(question.key)
        if isinstance(answer, list):
            data.setlist(name, answer)
        elif answer is not None:
            data[name] = str(answer)
    return data


def readable_answers(application) -> list:
    """(question, answer as a person reads it) for each written answer the applicant's
    own answers show, in the form's order: managers, reviewers and the partner read these."""
    questions = form_definition(application.call).questions
    form = ApplicationForm(
        application,
        application_as_data(application, questions),
        questions=questions,
        attachments=[],
        strict=False,
    )
    return [
        (q, display_answer(q, application.answers.get(q.key)))
        for q in questions
        if q.kind != QuestionKind.FILE and form.is_shown(q)
    ]


class ApplicationFilterForm(forms.Form):
    """The managers' list filters; invalid values are ignored rather than refused."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=None, required=False, empty_label=_("All themes")
    )
    language = forms.ChoiceField(
        label=_("Written in"),
        required=False,
        choices=[("", _("All languages")), *settings.LANGUAGES],
    )

    def __init__(self, call, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            ("", _("Submitted and withdrawn")),
            (ApplicationState.SUBMITTED, ApplicationState.SUBMITTED.label),
            (ApplicationState.WITHDRAWN, ApplicationState.WITHDRAWN.label),
        ]
        self.fields["theme"].queryset = call.cycle.themes.all()

    def apply(self, applications):
        if not self.is_valid():
            return applications
        data = self.cleaned_data
        if data["state"]:
            applications = applications.filter(state=data["state"])
        if data["theme"]:
            applications = applications.filter(theme=data["theme"])
        if data["language"]:
            applications = applications.filter(language=data["language"])
        return search(applications, data["q"])


PRIVACY_NOTICE_FIELDS = ["privacy_notice_zh_hant", "privacy_notice_fr", "privacy_notice_en"]


class CallForm(forms.ModelForm):
    """A call's texts and dates; the dates are read and shown in the call side's timezone.
    A change to the privacy notice, in any language, makes a new version of it."""

    class Meta:
        model = Call
        fields = [
            "title_zh_hant",
            "title_fr",
            "title_en",
            "introduction_zh_hant",
            "introduction_fr",
            "introduction_en",
            "eligibility_zh_hant",
            "eligibility_fr",
            "eligibility_en",
            *PRIVACY_NOTICE_FIELDS,
            "opens_at",
            "closes_at",
            "published",
        ]
        widgets = {
            "opens_at": datetime_input(),
            "closes_at": datetime_input(),
        }

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"title_{code}") for code in ("zh_hant", "fr", "en")):
            raise forms.ValidationError(_("Give the call a title in at least one language."))
        if cleaned.get("published") and not any(cleaned.get(f) for f in PRIVACY_NOTICE_FIELDS):
            self.add_error(
                "privacy_notice_en",
                _("Write the privacy notice before you publish the call: applicants agree to it."),
            )
        return cleaned

    def save(self, commit=True):
        if set(PRIVACY_NOTICE_FIELDS) & set(self.changed_data):
            self.instance.privacy_notice_changed()
        return super().save(commit)
