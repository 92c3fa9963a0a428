from django import forms

from jumelage.followup.models import Milestone, Outcome


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["reached_on", "evidence", "link"]
        widgets = {"reached_on": forms.DateInput(attrs={"type": "date"})}


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
