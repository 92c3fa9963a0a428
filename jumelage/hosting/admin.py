from django import forms
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


class HostingOfferAdminForm(forms.ModelForm):
    services = services_field()

    class Meta:
        model = HostingOffer
        fields = "__all__"


@admin.register(HostingOffer)
class HostingOfferAdmin(TranslationAdmin):
    form = HostingOfferAdminForm
    list_display = ["organisation", "cycle", "teams", "desks", "starts_on", "ends_on"]
    list_filter = ["cycle", "organisation__side"]
    list_select_related = ["organisation", "cycle__partnership"]


@admin.register(SupportScheme)
class SupportSchemeAdmin(TranslationAdmin):
    list_display = ["name", "side", "kind", "amount"]
    list_filter = ["side", "kind"]
    list_select_related = ["side"]
