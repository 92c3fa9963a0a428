from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from jumelage.calls.enums import FileKind, QuestionKind
from jumelage.calls.forms import (
    FIELD_BUILDERS,
    ContentCheckedFileField,
    sanitised_help_text,
    to_answer,
)
from jumelage.followup.models import (
    JourneyStage,
    Milestone,
    Outcome,
    RoadmapStep,
    Survey,
    SurveyQuestion,
    ToolUse,
)
from jumelage.partnerships.forms import TranslatedFieldsMixin, datetime_input, localized

DATE = forms.DateInput(attrs={"type": "date"})


class MilestoneForm(forms.ModelForm):
    evidence_file = ContentCheckedFileField(
        file_kind=FileKind.DOCUMENT,
        required=False,
        label=_("Evidence file"),
        help_text=FileKind.DOCUMENT.label,
    )

    class Meta:
        model = Milestone
        fields = ["reached_on", "evidence", "link"]
        widgets = {"reached_on": DATE}

    def clean(self):
        data = super().clean()
        given = data.get("evidence", "").strip() or data.get("link") or data.get("evidence_file")
        if not given and not self.errors:
            raise forms.ValidationError(
                _("Give the milestone's evidence: a text, a link or a file.")
            )
        return data


class JourneyStageForm(forms.ModelForm):
    class Meta:
        model = JourneyStage
        fields = ["held_on", "notes"]
        widgets = {"held_on": DATE}


class RoadmapStepForm(forms.ModelForm):
    class Meta:
        model = RoadmapStep
        fields = ["due_on", "description"]
        widgets = {"due_on": DATE}


class ToolUseForm(forms.ModelForm):
    class Meta:
        model = ToolUse
        fields = ["tool", "used_on", "notes"]
        widgets = {"used_on": DATE}


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = [
            "funds_raised",
            "currency",
            "investor_type",
            "pilots",
            "partnerships",
            "jobs_created",
            "entities_opened",
            "media_coverage",
            "active_after_6_months",
            "active_after_12_months",
        ]


class SurveyForm(forms.Form):
    """A survey's questions as fields, built, cleaned and stored by the call form's code."""

    def __init__(self, questions, *args, answers=None, **kwargs):
        super().__init__(*args, initial=answers or {}, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            common = {
                "label": question.label,
                "help_text": sanitised_help_text(question.help_text),
                "required": question.required,
            }
            field = FIELD_BUILDERS[question.kind](question, **common)
            field.question = question
            self.fields[question.key] = field

    def answers(self) -> dict:
        return {q.key: to_answer(q, self.cleaned_data.get(q.key)) for q in self.questions}


class SurveySetupForm(TranslatedFieldsMixin, forms.ModelForm):
    """A survey's settings, as its cycle's managers write them."""

    translated_fields = ("title",)
    required_translations = ("title",)

    class Meta:
        model = Survey
        fields = [
            "moment",
            "audience",
            *localized("title"),
            "opens_at",
            "closes_at",
            "remind_every_days",
            "most_reminders",
        ]
        widgets = {"opens_at": datetime_input(), "closes_at": datetime_input()}

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return cleaned


class SurveyQuestionForm(TranslatedFieldsMixin, forms.ModelForm):
    """One question, of the same kinds as the call's form (files aside); a choice question
    lists its options one per line."""

    translated_fields = ("label", "help_text")
    required_translations = ("label",)
    choices = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a choice question: one option per line."),
    )

    class Meta:
        model = SurveyQuestion
        fields = ["key", "kind", *localized("label", "help_text"), "required", "order", "feeds"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            choice for choice in self.fields["kind"].choices if choice[0] != QuestionKind.FILE
        ]
        self.initial.setdefault("choices", "\n".join(label for _v, label in self.instance.options))

    def clean(self):
        cleaned = super().clean()
        lines = [line.strip() for line in (cleaned.get("choices") or "").splitlines()]
        options = [
            [slugify(line) or str(number), line] for number, line in enumerate(lines, 1) if line
        ]
        if cleaned.get("kind") in QuestionKind.with_choices() and len(options) < 2:
            self.add_error("choices", _("A choice question needs at least two options."))
        self.instance.options = options
        return cleaned


SurveyQuestionFormSet = forms.inlineformset_factory(
    Survey, SurveyQuestion, form=SurveyQuestionForm, extra=3, can_delete=True
)
