from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from jumelage.hosting.forms import services_field
from jumelage.hosting.models import HostingOffer, HostOrganisation, SupportScheme


@admin.register(HostOrganisation)
class HostOrganisationAdmin(TranslationAdmin):
    list_display = ["name", "side", "kind"]
    list_filter = ["side__partnership", "side", "kind"]
    list_select_related = ["side"]
    search_fields = ["name", "address"]


@admin.register(HostingOffer)
class HostingOfferAdmin(TranslationAdmin):
    list_display = ["organisation", "cycle", "teams", "desks", "starts_on", "ends_on"]
    list_filter = ["cycle", "organisation__side"]
    list_select_related = ["organisation", "cycle__partnership"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Checkboxes of the known services rather than raw JSON.
        if db_field.name == "services":
            return services_field()
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(SupportScheme)
class SupportSchemeAdmin(TranslationAdmin):
    list_display = ["name", "side", "kind", "amount"]
    list_filter = ["side", "kind"]
    list_select_related = ["side"]
