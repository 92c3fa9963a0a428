"""Decisions about a team's follow-up: recording its support journey, validating a
milestone, recording its outcomes. Each takes the actor, checks it may, and leaves an event."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


def _check_order(application, stage: Stage, reached_on: dt.date) -> None:
    reached = {m.stage: m for m in application.milestones.all()}
    if stage in reached:
        raise ValidationError(_("This milestone is already validated."))
    previous = Stage.previous(stage)
    if previous is None:
        return
    if previous not in reached:
        raise ValidationError(
            _("%(previous)s must be validated before %(stage)s.")
            % {"previous": previous.label, "stage": stage.label}
        )
    if reached_on < reached[previous].reached_on:
        raise ValidationError(
            _("A milestone cannot be reached before the one it follows (%(date)s).")
            % {"date": reached[previous].reached_on.isoformat()}
        )


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
    file (one checked by its content, ContentCheckedFileField). The team's row is locked, so
    two people validating at once make one milestone, and the second is told it exists."""
    _require_follower(actor, application)
    if not (evidence.strip() or link or evidence_file):
        raise ValidationError(_("Give the milestone's evidence: a text, a link or a file."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    stage = Stage(stage)
    _check_order(application, stage, reached_on)
    milestone = Milestone(
        application=application,
        stage=stage,
        reached_on=reached_on,
        evidence=evidence,
        link=link,
        validated_by=actor,
    )
    if evidence_file:
        milestone.evidence_file = evidence_file
        milestone.evidence_file_name = evidence_file.name[:255]
        milestone.evidence_file_type = evidence_file.detected_type
    milestone.full_clean()
    milestone.save()
    Event.objects.create(
        application=application,
        action="milestone_validated",
        actor=actor,
        detail={"stage": stage.value, "reached_on": reached_on.isoformat()},
    )
    return milestone


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


def _check_journey_order(application, stage: SupportStage, held_on: dt.date) -> None:
    held = {row.stage: row for row in JourneyStage.objects.filter(application=application)}
    if stage in held:
        raise ValidationError(_("This support stage is already recorded."))
    previous = SupportStage.previous(stage)
    if previous is None:
        return
    if previous not in held:
        raise ValidationError(
            _("%(previous)s must be recorded before %(stage)s.")
            % {"previous": previous.label, "stage": stage.label}
        )
    if held_on < held[previous].held_on:
        raise ValidationError(
            _("A support stage cannot be held before the one it follows (%(date)s).")
            % {"date": held[previous].held_on.isoformat()}
        )


@transaction.atomic
def record_journey_stage(actor, application, stage, *, held_on: dt.date, notes: str):
    """Record the team's next support stage: intake, stress test, roadmap, introductions,
    in that order. The team's row is locked, as for milestones."""
    _require_follower(actor, application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    stage = SupportStage(stage)
    _check_journey_order(application, stage, held_on)
    row = JourneyStage(
        application=application, stage=stage, held_on=held_on, notes=notes, recorded_by=actor
    )
    row.full_clean()
    row.save()
    Event.objects.create(
        application=application,
        action="journey_stage_recorded",
        actor=actor,
        detail={"stage": stage.value, "held_on": held_on.isoformat()},
    )
    return row


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
