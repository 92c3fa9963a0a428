from modeltranslation.translator import TranslationOptions, register

from jumelage.reports.models import OutcomeReport, TripReport, VisitPhoto, VisitSection


@register(TripReport)
class TripReportTranslation(TranslationOptions):
    fields = (
        "title",
        "authority",
        "names",
        "country",
        "summary",
        "purpose",
        "reflections",
        "recommendations",
    )


@register(VisitSection)
class VisitSectionTranslation(TranslationOptions):
    fields = ("title", "whom", "discussion")


@register(VisitPhoto)
class VisitPhotoTranslation(TranslationOptions):
    fields = ("caption",)


@register(OutcomeReport)
class OutcomeReportTranslation(TranslationOptions):
    fields = ("what_worked", "recommendations")
