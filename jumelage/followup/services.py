"""Decisions about a team's follow-up: validating a milestone, recording its outcomes.
Each takes the actor, checks it may, and leaves an event."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jumelage.calls.models import Application
from jumelage.followup import permissions
from jumelage.followup.enums import Stage
from jumelage.followup.models import Event, Milestone, Outcome


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
    actor, application, stage, *, reached_on: dt.date, evidence: str, link: str = ""
) -> Milestone:
    """Validate the team's next stage on the path. The team's row is locked, so two people
    validating at once make one milestone, and the second is told it exists."""
    _require_follower(actor, application)
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
