from django import forms
from django.conf import settings
from django.core.validators import MinValueValidator
from django.urls import reverse
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from jumelage.partnerships import timeline
from jumelage.partnerships.enums import ThemeDecisionChoice
from jumelage.partnerships.models import BudgetLine, Side, Stage, Theme


def localized(*names: str) -> list[str]:
    """The per-language columns of translated fields, in the order of settings.LANGUAGES."""
    codes = [code for code, _name in settings.LANGUAGES]
    return [build_localized_fieldname(name, code) for name in names for code in codes]


class TranslatedFieldsMixin:
    """For a ModelForm over translated fields: one input per language, labelled "Title
    (Français)", and each field of `required_translations` needed in at least one language."""

    translated_fields: tuple[str, ...] = ()
    required_translations: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.translated_fields:
            verbose_name = self._meta.model._meta.get_field(name).verbose_name
            for code, language in settings.LANGUAGES:
                field = self.fields[build_localized_fieldname(name, code)]
                field.label = format_lazy("{} ({})", capfirst(verbose_name), language)
                field.required = False

    def clean(self):
        cleaned_data = super().clean()
        for name in self.required_translations:
            if not any((cleaned_data.get(column) or "").strip() for column in localized(name)):
                # One message, beside the input of the language the person reads in.
                message = _("Fill in at least one of the languages.")
                self.add_error(self._field_for_active_language(name), message)
        return cleaned_data

    def _field_for_active_language(self, name):
        column = build_localized_fieldname(name, get_language() or settings.LANGUAGE_CODE)
        return column if column in self.fields else localized(name)[0]

    def translations(self) -> dict:
        """The cleaned per-language values, ready for a service's **translated_fields."""
        columns = localized(*self.translated_fields)
        return {column: self.cleaned_data.get(column) for column in columns}


def side_choices(sides):
    return Side.objects.filter(pk__in=[side.pk for side in sides])


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def datetime_input():
    """The browser's date and time picker, given the stored value in the format it reads."""
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ThemeProposalForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("title", "description")
    required_translations = ("title",)

    side = forms.ModelChoiceField(queryset=None, label=_("Proposed by"), empty_label=None)

    class Meta:
        model = Theme
        fields = localized("title", "description")

    def __init__(self, *args, sides, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].queryset = side_choices(sides)
        if len(sides) == 1:
            # Most managers speak for one city: no choice to make.
            self.fields["side"].widget = forms.HiddenInput()
            self.fields["side"].initial = sides[0].pk


class ThemeDecisionForm(forms.Form):
    side = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=ThemeDecisionChoice.choices, label=_("Decision"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you decline, so the partner can revise the theme."),
    )

    def __init__(self, *args, sides, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].queryset = side_choices(sides)


class ThemeWithdrawForm(forms.Form):
    """No fields: it only carries the errors of a withdrawal back to the page."""


class StageForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("description",)

    class Meta:
        model = Stage
        fields = ["starts_on", "ends_on", *localized("description")]
        widgets = {
            "starts_on": date_input(),
            "ends_on": date_input(),
            **{column: forms.Textarea(attrs={"rows": 2}) for column in localized("description")},
        }


class BaseStageFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        # Django skips a posted id outside the queryset silently; say so instead.
        if any(form.instance.pk is None for form in self.initial_forms):
            raise forms.ValidationError(
                _("The timeline changed while you were editing it: reload the page and try again.")
            )
        self._refuse_contradictions()

    def _refuse_contradictions(self) -> None:
        """A changed date of a stage that a call or a step owns must agree with it."""
        forms_ = [f for f in self.forms if {"starts_on", "ends_on"} & set(f.changed_data)]
        if not forms_:
            return
        owned = timeline.owned_dates(forms_[0].instance.cycle)
        for form in forms_:
            dates = form.cleaned_data.get("starts_on"), form.cleaned_data.get("ends_on")
            why = timeline.contradiction(form.instance, *dates, owned)
            if why:
                form.add_error(None, why)


StageFormSet = forms.modelformset_factory(
    Stage, form=StageForm, formset=BaseStageFormSet, extra=0, can_delete=False
)


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "label", "estimate", "actual", "currency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("estimate", "actual"):
            # The database refuses negative amounts; say so next to the field first.
            self.fields[name].validators.append(MinValueValidator(0))
            self.fields[name].widget.attrs["min"] = "0"


class NextCycleForm(forms.Form):
    """Next year's cycle: its name and its address, checked before anything is copied."""

    name = forms.CharField(
        label=_("Cycle name"),
        max_length=120,
        help_text=_("What people read in the titles and menus, e.g. “2028”."),
    )
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=50,
        error_messages={
            "invalid": _(
                "Use only letters without accents, digits and hyphens, with no spaces, "
                "e.g. 2028 or 2028-spring."
            )
        },
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        prefix = reverse("partnerships:detail", args=[partnership.slug])
        self.fields["slug"].help_text = _(
            "Letters, digits and hyphens. The cycle's pages will be at %(prefix)s‹address›/."
        ) % {"prefix": prefix}

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        taken = self.partnership.cycles.filter(slug=slug).first()
        if taken is not None:
            raise forms.ValidationError(
                _("The %(name)s cycle already has this address: choose another one.")
                % {"name": taken.name}
            )
        return slug
