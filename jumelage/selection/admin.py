from django.contrib import admin

from jumelage.selection.models import Event, Nomination, NominationEntry, Pick, PickEntry, Place


class ReadOnlyAdmin(admin.ModelAdmin):
    """Decisions change through selection.services only, so that each leaves its event."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NominationEntryInline(admin.TabularInline):
    model = NominationEntry
    fields = ["order", "kind", "application", "justification", "summary"]

    has_add_permission = ReadOnlyAdmin.has_add_permission
    has_change_permission = ReadOnlyAdmin.has_change_permission
    has_delete_permission = ReadOnlyAdmin.has_delete_permission


class PickEntryInline(NominationEntryInline):
    model = PickEntry
    fields = ["choice", "order", "entry", "reason"]


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "side", "state", "sent_at"]
    list_filter = ["state", "side"]
    list_select_related = ["cycle__partnership", "side"]
    inlines = [NominationEntryInline]


@admin.register(Pick)
class PickAdmin(ReadOnlyAdmin):
    list_display = ["nomination", "side", "state", "proposed_at", "confirmed_at"]
    list_filter = ["state"]
    list_select_related = ["nomination__cycle", "nomination__side", "side"]
    inlines = [PickEntryInline]


@admin.register(Place)
class PlaceAdmin(ReadOnlyAdmin):
    list_display = ["application", "pick", "state", "deadline", "answered_at"]
    list_filter = ["state"]
    list_select_related = ["application", "pick__side"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """The selection's audit history: who nominated, picked, confirmed what, when."""

    list_display = ["created", "cycle", "side", "action", "actor", "application"]
    list_filter = ["action", "side"]
    list_select_related = ["cycle", "side", "actor", "application"]
    date_hierarchy = "created"
