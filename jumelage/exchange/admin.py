from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from jumelage.exchange.models import (
    BriefingPack,
    Delegation,
    ItineraryItem,
    PersonalDataEvent,
    Residency,
    Stay,
    TravelLeg,
    Traveller,
)


@admin.register(Delegation)
class DelegationAdmin(TranslationAdmin):
    list_display = ["title", "side", "host_side", "cycle", "starts_on", "ends_on"]
    list_filter = ["side", "cycle"]
    list_select_related = ["side", "host_side", "cycle"]
    search_fields = ["slug", "title"]


@admin.register(Traveller)
class TravellerAdmin(TranslationAdmin):
    # Personal details are left out on purpose: they have their own guarded page.
    list_display = ["name", "delegation", "role", "order"]
    list_filter = ["delegation", "role"]
    list_select_related = ["delegation"]
    raw_id_fields = ["user", "application"]


@admin.register(ItineraryItem)
class ItineraryItemAdmin(TranslationAdmin):
    list_display = ["day", "starts_at", "period", "activity", "delegation"]
    list_filter = ["delegation"]
    list_select_related = ["delegation"]


@admin.register(TravelLeg)
class TravelLegAdmin(admin.ModelAdmin):
    list_display = ["__str__", "departs_at", "arrives_at", "delegation"]
    list_filter = ["delegation", "mode"]
    list_select_related = ["delegation"]


@admin.register(Stay)
class StayAdmin(admin.ModelAdmin):
    list_display = ["hotel", "check_in", "check_out", "delegation"]
    list_select_related = ["delegation"]


@admin.register(Residency)
class ResidencyAdmin(admin.ModelAdmin):
    list_display = ["application", "offer", "starts_on", "ends_on"]
    list_select_related = ["application", "offer__organisation"]
    raw_id_fields = ["application"]


@admin.register(BriefingPack)
class BriefingPackAdmin(TranslationAdmin):
    list_display = ["delegation", "revision", "updated"]
    list_select_related = ["delegation"]


@admin.register(PersonalDataEvent)
class PersonalDataEventAdmin(admin.ModelAdmin):
    """The record of exports and erasures: shown, never edited."""

    list_display = ["traveller", "action", "actor", "created"]
    list_select_related = ["traveller", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
