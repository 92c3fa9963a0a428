from modeltranslation.translator import TranslationOptions, register

from jumelage.exchange.models import BriefingPack, Delegation, ItineraryItem, Traveller


@register(Delegation)
class DelegationTranslation(TranslationOptions):
    fields = ("title",)


@register(Traveller)
class TravellerTranslation(TranslationOptions):
    # Names too: 李逸安 is "LI Yi-an" in a French or English report.
    fields = ("name", "unit", "title")


@register(ItineraryItem)
class ItineraryItemTranslation(TranslationOptions):
    fields = ("activity", "place", "notes")


@register(BriefingPack)
class BriefingPackTranslation(TranslationOptions):
    fields = ("introduction", "visa", "insurance", "money", "emergency", "addresses")
