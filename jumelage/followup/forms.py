from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.calls.enums import FileKind
from jumelage.calls.forms import (
    FIELD_BUILDERS,
    ContentCheckedFileField,
    sanitised_help_text,
    to_answer,
)
from jumelage.followup.models import JourneyStage, Milestone, Outcome, RoadmapStep, ToolUse

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
