from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jumelage.partnerships.forms import TranslatedFieldsMixin, date_input, localized
from jumelage.reports.models import OutcomeReport, TripReport, VisitPhoto, VisitSection

PROSE = ("summary", "purpose", "reflections", "recommendations")
COVER = ("title", "authority", "names", "country")


class TripReportForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = (*COVER, *PROSE)
    required_translations = ("title",)

    class Meta:
        model = TripReport
        fields = [*localized(*COVER), "report_date", *localized(*PROSE)]
        widgets = {
            "report_date": date_input(),
            **{column: forms.Textarea(attrs={"rows": 6}) for column in localized(*PROSE)},
        }


class VisitSectionForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("title", "whom", "discussion")
    required_translations = ("title",)

    class Meta:
        model = VisitSection
        fields = ["order", "item", *localized("title", "whom", "discussion")]
        widgets = {column: forms.Textarea(attrs={"rows": 8}) for column in localized("discussion")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = self.instance.report.delegation.items.all()


class VisitPhotoForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("caption",)

    class Meta:
        model = VisitPhoto
        fields = ["image", *localized("caption")]
        help_texts = {"image": _("A JPEG or PNG photo; it keeps its proportions in the report.")}

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image and image.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The photo is too large."))
        return image


class OutcomeReportForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("what_worked", "recommendations")

    class Meta:
        model = OutcomeReport
        fields = localized("what_worked", "recommendations")
        widgets = {column: forms.Textarea(attrs={"rows": 8}) for column in fields}
