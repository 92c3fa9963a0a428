"""Named queries reused by views, exports and reports."""

from django.db.models import Prefetch
from django.utils import timezone

from jumelage.calls.models import Call
from jumelage.partnerships.enums import ThemeState
from jumelage.partnerships.models import Cycle, Partnership, Theme


def partnerships_with_cycles():
    return Partnership.objects.prefetch_related(
        "sides", Prefetch("cycles", queryset=Cycle.objects.order_by("-slug"))
    )


def open_and_upcoming_calls(now=None):
    """Published calls whose deadline has not passed, soonest deadline first."""
    now = now or timezone.now()
    return (
        Call.objects.filter(published=True, closes_at__gt=now)
        .select_related("side", "cycle__partnership")
        .order_by("closes_at")
    )


def agreed_themes(cycle):
    return Theme.objects.filter(cycle=cycle, state=ThemeState.AGREED).select_related("proposed_by")


def cycle_for_page(partnership_slug, cycle_slug):
    return (
        Cycle.objects.select_related("partnership")
        .prefetch_related("stages", "partnership__sides")
        .filter(partnership__slug=partnership_slug, slug=cycle_slug)
    )
