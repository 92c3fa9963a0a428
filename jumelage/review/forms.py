from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.partnerships.forms import TranslatedFieldsMixin, datetime_input, localized
from jumelage.partnerships.queries import agreed_themes
from jumelage.review.enums import BidLevel, ReviewerQuestionKind
from jumelage.review.models import Committee, Criterion, Member, ReviewerQuestion

COMMENT_MAX = 8000


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = [
            "blind",
            "hide_others_until_submitted",
            "reviews_per_application",
            "max_load",
            "aggregate",
            "review_deadline",
        ]
        widgets = {
            "review_deadline": datetime_input(),
        }


class MemberForm(forms.ModelForm):
    """An invitation: who, in which role and language, what they know and like to read."""

    class Meta:
        model = Member
        fields = [
            "name",
            "email",
            "organisation",
            "role",
            "language",
            "expertise",
            "themes",
            "max_load",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "expertise": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        self.fields["themes"].queryset = agreed_themes(committee.cycle)

    def validate_unique(self):
        """The service reports a second invitation to the same address in words."""


class CriterionForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("name", "guidance")
    required_translations = ("name",)

    class Meta:
        model = Criterion
        fields = [
            *localized("name", "guidance"),
            "scale_min",
            "scale_max",
            "weight",
            "required",
            "order",
        ]
        widgets = {column: forms.Textarea(attrs={"rows": 4}) for column in localized("guidance")}


class ReviewerQuestionForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("label",)
    required_translations = ("label",)

    class Meta:
        model = ReviewerQuestion
        fields = [*localized("label"), "kind", "required", "order"]


class AssignForm(forms.Form):
    """Assign one member to several applications at once (or to one, by hand)."""

    member = forms.ModelChoiceField(queryset=None, label=_("Reviewer"))
    applications = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Applications"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["applications"].queryset = applications
        self.fields["applications"].label_from_instance = lambda a: a.reference


class ConflictForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=300)


class ReviewForm(forms.Form):
    """A score per criterion (radio buttons over its scale), the reviewer-only questions,
    and the two comments. Nothing is required while drafting: `problems` at submission."""

    comment = forms.CharField(
        label=_("Comment for the committee"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    comment_for_applicant = forms.CharField(
        label=_("Comment for the applicant (optional)"),
        help_text=_("Sent to the team with the decision if the committee chooses to share it."),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria, self.questions = list(criteria), list(questions)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = self._score_field(criterion)
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = self._answer_field(question)
        self.order_fields([*self._score_names(), *self._answer_names()])

    @staticmethod
    def _score_field(criterion):
        levels = range(criterion.scale_min, criterion.scale_max + 1)
        field = forms.TypedChoiceField(
            label=criterion.name,
            choices=[(level, str(level)) for level in levels],
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect(attrs={"class": "scale"}),
        )
        field.criterion = criterion  # the template shows its scoring guidance
        return field

    @staticmethod
    def _answer_field(question):
        if question.kind == ReviewerQuestionKind.YES_NO:
            choices = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]
            return forms.ChoiceField(label=question.label, choices=choices, required=False)
        return forms.CharField(
            label=question.label,
            required=False,
            max_length=COMMENT_MAX,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def _score_names(self):
        return [f"score_{c.pk}" for c in self.criteria]

    def _answer_names(self):
        return [f"answer_{q.pk}" for q in self.questions]

    def review_data(self) -> dict:
        """The cleaned values in the shape the service stores."""
        data = self.cleaned_data
        scores = {str(c.pk): data.get(f"score_{c.pk}") for c in self.criteria}
        answers = {str(q.pk): data.get(f"answer_{q.pk}") or "" for q in self.questions}
        return {
            "scores": {key: value for key, value in scores.items() if value is not None},
            "answers": {key: value for key, value in answers.items() if value},
            "comment": data.get("comment", ""),
            "comment_for_applicant": data.get("comment_for_applicant", ""),
        }

    @classmethod
    def initial_from(cls, review) -> dict:
        if review is None:
            return {}
        initial = {f"score_{key}": value for key, value in review.scores.items()}
        initial |= {f"answer_{key}": value for key, value in review.answers.items()}
        return initial | {
            "comment": review.comment,
            "comment_for_applicant": review.comment_for_applicant,
        }


class BidsForm(forms.Form):
    """One choice per application the reviewer may see: eager, willing, not for me, or
    no opinion."""

    def __init__(self, *args, applications, bids, **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = list(applications)
        choices = [("", _("No opinion")), *BidLevel.choices]
        for application in self.applications:
            self.fields[f"bid_{application.pk}"] = forms.ChoiceField(
                label=application.reference,
                choices=choices,
                required=False,
                initial=bids.get(application.pk, ""),
                widget=forms.RadioSelect,
            )

    def levels(self) -> dict:
        return {a.pk: self.cleaned_data.get(f"bid_{a.pk}", "") for a in self.applications}

    def rows(self):
        """(application, its field) for the template."""
        return [(a, self[f"bid_{a.pk}"]) for a in self.applications]
