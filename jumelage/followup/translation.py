from modeltranslation.translator import TranslationOptions, register

from jumelage.followup.models import Survey, SurveyQuestion


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title",)


@register(SurveyQuestion)
class SurveyQuestionTranslation(TranslationOptions):
    fields = ("label", "help_text")
