from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from jumelage.partnerships.models import (
    BudgetLine,
    Cycle,
    Partnership,
    Side,
    Stage,
    Theme,
    ThemeDecision,
)


class SideInline(TranslationTabularInline):
    model = Side
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [SideInline]


@admin.register(Side)
class SideAdmin(TranslationAdmin):
    list_display = ["city", "partnership", "country_code", "timezone", "currency"]
    list_filter = ["partnership"]
    list_select_related = ["partnership"]


class StageInline(TranslationTabularInline):
    model = Stage
    extra = 0
    fields = ["order", "kind", "starts_on", "ends_on", "description"]


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "nominations_per_side", "picks_per_side"]
    list_filter = ["partnership"]
    list_select_related = ["partnership"]
    inlines = [StageInline]


class ThemeDecisionInline(admin.TabularInline):
    # The answers are an append-only history: the admin shows them, never rewrites them.
    model = ThemeDecision
    extra = 0
    can_delete = False
    fields = ["created", "side", "actor", "decision", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["title", "cycle", "proposed_by", "state"]
    list_filter = ["state", "cycle__partnership", "cycle"]
    list_select_related = ["cycle__partnership", "proposed_by"]
    readonly_fields = ["state", "proposer"]
    inlines = [ThemeDecisionInline]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["label", "side", "cycle", "category", "estimate", "actual", "currency"]
    list_filter = ["cycle", "side", "category", "currency"]
    list_select_related = ["side", "cycle__partnership"]
