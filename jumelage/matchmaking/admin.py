from django.contrib import admin

from jumelage.matchmaking import models


class VenueInline(admin.TabularInline):
    model = models.Venue
    extra = 0


class PlaceInline(admin.TabularInline):
    model = models.Place
    extra = 0


@admin.register(models.Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "cycle", "host_side", "slot_minutes", "request_cap"]
    list_select_related = ["cycle", "host_side"]
    inlines = [VenueInline, PlaceInline]


@admin.register(models.Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "ends_at", "venue", "session"]
    list_select_related = ["venue", "session"]
    list_filter = ["session"]


class ProfileInline(admin.StackedInline):
    model = models.Profile
    extra = 0


@admin.register(models.Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "session", "user"]
    list_select_related = ["session", "user"]
    list_filter = ["session", "kind"]
    search_fields = ["name"]
    raw_id_fields = ["application", "delegation", "organisation", "user"]
    inlines = [ProfileInline]


@admin.register(models.Request)
class RequestAdmin(admin.ModelAdmin):
    list_display = ["sender", "recipient", "priority", "state", "expires_at"]
    list_select_related = ["sender", "recipient"]
    list_filter = ["session", "state"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["id", "session", "slot", "place", "state", "origin"]
    list_select_related = ["session", "slot", "place"]
    list_filter = ["session", "state"]
    filter_horizontal = ["parties"]


@admin.register(models.Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["meeting", "participant", "interest", "satisfaction", "outcome"]
    list_select_related = ["meeting", "participant"]


@admin.register(models.ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["session", "state", "progress", "scheduled", "weight", "upper_bound"]
    list_select_related = ["session"]
