from modeltranslation.translator import TranslationOptions, register

from jumelage.calls.models import Call, Question, QuestionChoice


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "introduction", "eligibility", "privacy_notice")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("label", "help_text")


@register(QuestionChoice)
class QuestionChoiceTranslation(TranslationOptions):
    fields = ("label",)
