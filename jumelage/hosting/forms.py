from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from jumelage.hosting.enums import Service
from jumelage.hosting.models import HostingOffer, HostOrganisation
from jumelage.partnerships.forms import TranslatedFieldsMixin, date_input, localized, side_choices


def services_field():
    return forms.MultipleChoiceField(
        label=_("Services"),
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one service.")},
    )


class OrganisationForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("name", "description")
    required_translations = ("name",)

    class Meta:
        model = HostOrganisation
        fields = ["kind", *localized("name", "description"), "address", "website"]


class NewOrganisationForm(OrganisationForm):
    """On creation only: an organisation never moves to another side afterwards."""

    class Meta(OrganisationForm.Meta):
        fields = ["side", *OrganisationForm.Meta.fields]
        labels = {"side": _("City")}

    def __init__(self, *args, sides, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].queryset = side_choices(sides)
        self.fields["side"].empty_label = None
        if len(sides) == 1:
            self.fields["side"].widget = forms.HiddenInput()
            self.fields["side"].initial = sides[0].pk


class HostingOfferForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("notes",)

    services = services_field()

    class Meta:
        model = HostingOffer
        fields = [
            "cycle",
            "services",
            "teams",
            "desks",
            "starts_on",
            "ends_on",
            *localized("notes"),
        ]
        widgets = {"starts_on": date_input(), "ends_on": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.instance.organisation
        self.fields["cycle"].queryset = organisation.side.partnership.cycles.all()
        self.fields["cycle"].empty_label = None
        self.fields["teams"].validators.append(MinValueValidator(1))
        self.fields["teams"].widget.attrs["min"] = "1"

    def clean_cycle(self):
        # The form leaves `organisation` out, so Django skips the uniqueness constraint.
        cycle = self.cleaned_data["cycle"]
        others = HostingOffer.objects.filter(cycle=cycle, organisation=self.instance.organisation)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("This organisation already has an offer for this cycle: edit that one.")
            )
        return cycle
