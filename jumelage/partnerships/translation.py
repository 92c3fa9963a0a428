from modeltranslation.translator import TranslationOptions, register

from jumelage.partnerships.models import Partnership, Side, Stage, Theme


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Side)
class SideTranslation(TranslationOptions):
    fields = ("city", "organisation")


@register(Stage)
class StageTranslation(TranslationOptions):
    fields = ("description",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("title", "description")
