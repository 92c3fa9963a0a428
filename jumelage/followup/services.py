"""Decisions about a team's follow-up: recording its support journey, validating a
milestone, recording its outcomes. Each takes the actor, checks it may, and leaves an event."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jumelage.calls.models import Application
from jumelage.followup import permissions
from jumelage.followup.enums import Stage, SupportStage
from jumelage.followup.models import (
    Event,
    JourneyStage,
    Milestone,
    Outcome,
    RoadmapStep,
    ToolUse,
)


def _require_follower(actor, application) -> None:
    if not permissions.can_follow(actor, application):
        raise PermissionDenied(_("Only the team's managers and hosts follow its path."))


@dataclass(frozen=True)
class Path:
    """A path of steps taken in order (the milestones, the support journey): its table, its
    choices, the column of the step's date and the words of its refusals."""

    model: type
    order: type
    date_field: str
    action: str
    already: str
    previous_missing: str
    too_early: str


MILESTONES = Path(
    Milestone,
    Stage,
    "reached_on",
    "milestone_validated",
    gettext_lazy("This milestone is already validated."),
    gettext_lazy("%(previous)s must be validated before %(stage)s."),
    gettext_lazy("A milestone cannot be reached before the one it follows (%(date)s)."),
)
JOURNEY = Path(
    JourneyStage,
    SupportStage,
    "held_on",
    "journey_stage_recorded",
    gettext_lazy("This support stage is already recorded."),
    gettext_lazy("%(previous)s must be recorded before %(stage)s."),
    gettext_lazy("A support stage cannot be held before the one it follows (%(date)s)."),
)


def _check_order(application, path: Path, stage, on: dt.date) -> None:
    taken = {row.stage: row for row in path.model.objects.filter(application=application)}
    if stage in taken:
        raise ValidationError(str(path.already))
    previous = path.order.previous(stage)
    if previous is None:
        return
    if previous not in taken:
        raise ValidationError(
            str(path.previous_missing) % {"previous": previous.label, "stage": stage.label}
        )
    previous_on = getattr(taken[previous], path.date_field)
    if on < previous_on:
        raise ValidationError(str(path.too_early) % {"date": previous_on.isoformat()})


def _record_step(actor, application, path: Path, stage, on: dt.date, **fields):
    """Record the team's next step on `path`, after the one before it and not earlier. The
    team's row is locked, so two people recording at once make one step, and the second is
    told it exists. The caller has checked the actor follows the team."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    stage = path.order(stage)
    _check_order(application, path, stage, on)
    row = path.model(application=application, stage=stage, **{path.date_field: on}, **fields)
    row.full_clean()
    row.save()
    Event.objects.create(
        application=application,
        action=path.action,
        actor=actor,
        detail={"stage": stage.value, path.date_field: on.isoformat()},
    )
    return row


@transaction.atomic
def validate_milestone(
    actor,
    application,
    stage,
    *,
    reached_on: dt.date,
    evidence: str = "",
    link: str = "",
    evidence_file=None,
) -> Milestone:
    """Validate the team's next stage on the path, with its evidence as a text, a link or a
    file (one checked by its content, ContentCheckedFileField)."""
    _require_follower(actor, application)
    if not (evidence.strip() or link or evidence_file):
        raise ValidationError(_("Give the milestone's evidence: a text, a link or a file."))
    fields = {"evidence": evidence, "link": link, "validated_by": actor}
    if evidence_file:
        fields |= {
            "evidence_file": evidence_file,
            "evidence_file_name": evidence_file.name[:255],
            "evidence_file_type": evidence_file.detected_type,
        }
    return _record_step(actor, application, MILESTONES, stage, reached_on, **fields)


@transaction.atomic
def save_outcome(actor, outcome: Outcome) -> Outcome:
    """Record the team's outcomes; a negative amount or an unknown currency is refused."""
    _require_follower(actor, outcome.application)
    outcome.full_clean()
    outcome.updated_by = actor
    outcome.save()
    Event.objects.create(
        application=outcome.application,
        action="outcome_recorded",
        actor=actor,
        detail={"funds_raised": str(outcome.funds_raised), "currency": outcome.currency},
    )
    return outcome


@transaction.atomic
def record_journey_stage(actor, application, stage, *, held_on: dt.date, notes: str):
    """Record the team's next support stage: intake, stress test, roadmap, introductions,
    in that order."""
    _require_follower(actor, application)
    return _record_step(actor, application, JOURNEY, stage, held_on, notes=notes, recorded_by=actor)


@transaction.atomic
def add_roadmap_step(actor, application, *, due_on: dt.date, description: str) -> RoadmapStep:
    """A dated step of the roadmap, once the roadmap stage is recorded."""
    _require_follower(actor, application)
    if not JourneyStage.objects.filter(
        application=application, stage=SupportStage.ROADMAP
    ).exists():
        raise ValidationError(_("Record the roadmap stage before adding its steps."))
    step = RoadmapStep(
        application=application, due_on=due_on, description=description, recorded_by=actor
    )
    step.full_clean()
    step.save()
    Event.objects.create(
        application=application,
        action="roadmap_step_added",
        actor=actor,
        detail={"due_on": due_on.isoformat()},
    )
    return step


@transaction.atomic
def record_tool_use(actor, application, tool_use: ToolUse) -> ToolUse:
    """A support tool used with the team, with its date, notes and who recorded it."""
    _require_follower(actor, application)
    tool_use.application = application
    tool_use.recorded_by = actor
    tool_use.full_clean()
    tool_use.save()
    Event.objects.create(
        application=application,
        action="tool_used",
        actor=actor,
        detail={"tool": tool_use.tool, "used_on": tool_use.used_on.isoformat()},
    )
    return tool_use
