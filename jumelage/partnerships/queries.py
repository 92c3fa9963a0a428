"""Named queries reused by views, exports and reports."""

from django.db.models import Count, F, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404

from jumelage.partnerships.enums import ThemeState
from jumelage.partnerships.models import Cycle, Partnership, Theme, ThemeDecision


def partnerships_with_cycles():
    return Partnership.objects.prefetch_related(
        "sides", Prefetch("cycles", queryset=Cycle.objects.order_by("-slug"))
    )


def agreed_themes(cycle):
    return Theme.objects.filter(cycle=cycle, state=ThemeState.AGREED).select_related("proposed_by")


def cycle_for_page(partnership_slug, cycle_slug):
    return (
        Cycle.objects.select_related("partnership")
        .prefetch_related("stages", "partnership__sides")
        .filter(partnership__slug=partnership_slug, slug=cycle_slug)
    )


def cycle_or_404(partnership_slug, cycle_slug):
    return get_object_or_404(
        Cycle.objects.select_related("partnership").prefetch_related("partnership__sides"),
        partnership__slug=partnership_slug,
        slug=cycle_slug,
    )


def with_history(themes):
    """Themes with their proposer and every side's answers, in the order they were given."""
    decisions = ThemeDecision.objects.select_related("side", "actor").order_by("created", "id")
    return themes.select_related("proposed_by", "proposer").prefetch_related(
        Prefetch("decisions", queryset=decisions)
    )


def budget_totals(lines) -> list[dict]:
    """Per currency: estimated and actual totals, and the difference on lines already spent."""
    spent = Q(actual__isnull=False)
    return list(
        lines.order_by("currency")
        .values("currency")
        .annotate(
            total_estimate=Sum("estimate"),
            total_actual=Sum("actual"),
            difference=Sum(F("actual") - F("estimate"), filter=spent),
            pending=Count("id", filter=~spent),
        )
    )
