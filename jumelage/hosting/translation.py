from modeltranslation.translator import TranslationOptions, register

from jumelage.hosting.models import HostingOffer, HostOrganisation, SupportScheme


@register(HostOrganisation)
class HostOrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(HostingOffer)
class HostingOfferTranslation(TranslationOptions):
    fields = ("notes",)


@register(SupportScheme)
class SupportSchemeTranslation(TranslationOptions):
    fields = ("name", "description", "eligibility", "amount")
