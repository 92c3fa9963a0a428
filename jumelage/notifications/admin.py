from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from jumelage.notifications.models import MessageTemplate, OutboxMessage


@admin.register(MessageTemplate)
class MessageTemplateAdmin(TranslationAdmin):
    list_display = ["key", "description", "subject"]
    search_fields = ["key", "description"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """A record of what was sent: read-only, so that it stays true."""

    list_display = [
        "subject",
        "recipient_email",
        "template_key",
        "side",
        "language",
        "state",
        "created",
        "sent_at",
    ]
    list_filter = ["state", "template_key", "language", "side"]
    list_select_related = ["side"]
    search_fields = ["recipient_email", "subject"]
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
