from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from jumelage.followup.models import Milestone, Outcome, Survey, SurveyQuestion

admin.site.register(Milestone)
admin.site.register(Outcome)


class SurveyQuestionInline(TranslationStackedInline):
    model = SurveyQuestion
    extra = 0


@admin.register(Survey)
class SurveyAdmin(TranslationAdmin):
    list_display = ["title", "cycle", "moment", "audience", "opens_at", "closes_at"]
    list_select_related = ["cycle"]
    inlines = [SurveyQuestionInline]
