"""Named queries about followed teams, for the follow-up pages and the reports."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from jumelage.calls.models import Application
from jumelage.followup.enums import Stage
from jumelage.followup.models import Milestone


def team_or_404(pk) -> Application:
    return get_object_or_404(
        Application.objects.select_related(
            "call__cycle__partnership", "call__side"
        ).prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.select_related("validated_by"))
        ),
        pk=pk,
    )


def path_of(application) -> list[tuple[Stage, Milestone | None]]:
    """Every stage of the path in order, with its milestone once validated."""
    reached = {m.stage: m for m in application.milestones.all()}
    return [(stage, reached.get(stage)) for stage in Stage]


def next_stage(application) -> Stage | None:
    return next((stage for stage, milestone in path_of(application) if milestone is None), None)
