from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from jumelage.reports.models import TripReport, VisitPhoto, VisitSection


class VisitPhotoInline(TranslationTabularInline):
    model = VisitPhoto
    extra = 0


@admin.register(TripReport)
class TripReportAdmin(TranslationAdmin):
    list_display = ["title", "delegation", "report_date"]
    list_select_related = ["delegation"]


@admin.register(VisitSection)
class VisitSectionAdmin(TranslationAdmin):
    list_display = ["title", "report", "order"]
    list_select_related = ["report"]
    inlines = [VisitPhotoInline]
