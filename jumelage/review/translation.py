from modeltranslation.translator import TranslationOptions, register

from jumelage.review.models import Criterion, ReviewerQuestion


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name", "guidance")


@register(ReviewerQuestion)
class ReviewerQuestionTranslation(TranslationOptions):
    fields = ("label",)
