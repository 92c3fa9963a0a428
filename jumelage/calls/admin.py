from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from jumelage.calls.models import Application, ApplicationTransition, Attachment, Call, Question


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0
    fields = ["order", "key", "kind", "label", "required"]
    show_change_link = True


@admin.register(Call)
class CallAdmin(TranslationAdmin):
    list_display = ["title", "side", "cycle", "opens_at", "closes_at", "published"]
    list_filter = ["published", "side", "cycle"]
    list_select_related = ["side", "cycle"]
    inlines = [QuestionInline]
    readonly_fields = ["privacy_notice_version"]

    def save_model(self, request, obj, form, change):
        if any(name.startswith("privacy_notice") for name in form.changed_data):
            obj.privacy_notice_changed()
        super().save_model(request, obj, form, change)


@admin.register(Question)
class QuestionAdmin(TranslationAdmin):
    list_display = ["label", "call", "kind", "required", "order"]
    list_filter = ["call", "kind"]
    list_select_related = ["call"]


class TransitionInline(admin.TabularInline):
    """The audit history: shown, never edited."""

    model = ApplicationTransition
    extra = 0
    can_delete = False
    readonly_fields = ["created", "actor", "from_state", "to_state"]

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    readonly_fields = ["question_key", "original_name", "content_type", "size", "sha256"]
    exclude = ["file"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only: an application's status changes through the services, never by hand."""

    list_display = ["team_name", "call", "state", "language", "submitted_at"]
    list_filter = ["state", "call", "language"]
    list_select_related = ["call"]
    search_fields = ["team_name", "organisation", "contact_email"]
    inlines = [AttachmentInline, TransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
