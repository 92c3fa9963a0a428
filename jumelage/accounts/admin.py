from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from jumelage.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Operators give people their roles here: a manager or host-staff membership per side."""

    ordering = ["email"]
    list_display = ["email", "full_name", "language", "email_verified", "is_staff", "is_active"]
    list_filter = ["email_verified", "is_staff", "is_superuser", "is_active", "language"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "language", "email_verified"]}),
        (_("Rights"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "side", "role", "organisation"]
    list_filter = ["role", "side"]
    list_select_related = ["user", "side", "organisation"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user", "organisation"]
