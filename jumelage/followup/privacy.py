"""The follow-up's part of a person's rights over their data, gathered by the privacy pages.

A team's journey, milestones and outcomes are the programme's figures: erasure keeps their
stages, dates and numbers, which the dashboards and the outcome report still count, and
removes the free text and files that may describe people (notes, evidence, links, media
coverage) and who recorded them."""

from django.db import transaction
from django.utils.translation import gettext as _

from jumelage.accounts.privacy import register_personal_data
from jumelage.followup.models import (
    Event,
    JourneyStage,
    Milestone,
    Outcome,
    RoadmapStep,
    ToolUse,
)


def register() -> None:
    register_personal_data("follow_up", 800, export=export, erase=erase)


def _milestone(milestone) -> dict:
    return {
        "team": str(milestone.application),
        "stage": milestone.stage,
        "reached_on": milestone.reached_on.isoformat(),
        "evidence": milestone.evidence,
        "link": milestone.link,
        "evidence_file": milestone.evidence_file_name,
    }


def _journey(row) -> dict:
    return {
        "team": str(row.application),
        "stage": row.stage,
        "held_on": row.held_on.isoformat(),
        "notes": row.notes,
    }


def _tool(row) -> dict:
    return {
        "team": str(row.application),
        "tool": row.tool,
        "used_on": row.used_on.isoformat(),
        "notes": row.notes,
    }


def _step(row) -> dict:
    return {
        "team": str(row.application),
        "due_on": row.due_on.isoformat(),
        "description": row.description,
    }


def _outcome(outcome) -> dict:
    return {
        "team": str(outcome.application),
        "funds_raised": str(outcome.funds_raised),
        "currency": outcome.currency,
        "jobs_created": outcome.jobs_created,
        "media_coverage": outcome.media_coverage,
    }


def export(user) -> dict:
    """The journey, milestones and outcomes of the person's teams, and the milestones they
    validated and the journey notes they wrote as a host or a manager."""
    own = Milestone.objects.filter(application__applicant=user).select_related("application")
    validated = Milestone.objects.filter(validated_by=user).select_related("application")
    outcomes = Outcome.objects.filter(application__applicant=user).select_related("application")
    journeys = JourneyStage.objects.select_related("application")
    tools = ToolUse.objects.select_related("application")
    steps = RoadmapStep.objects.select_related("application")
    return {
        "milestones": [_milestone(m) for m in own],
        "milestones_validated": [_milestone(m) for m in validated],
        "outcomes": [_outcome(o) for o in outcomes],
        "journey": [_journey(row) for row in journeys.filter(application__applicant=user)],
        "journey_recorded": [_journey(row) for row in journeys.filter(recorded_by=user)],
        "tools": [_tool(row) for row in tools.filter(application__applicant=user)],
        "tools_recorded": [_tool(row) for row in tools.filter(recorded_by=user)],
        "roadmap": [_step(row) for row in steps.filter(application__applicant=user)],
        "roadmap_recorded": [_step(row) for row in steps.filter(recorded_by=user)],
    }


@transaction.atomic
def erase(user) -> list[str]:
    """Erase what identifies the person; say what is kept and why."""
    own = Milestone.objects.filter(application__applicant=user)
    for milestone in own.exclude(evidence_file=""):
        milestone.evidence_file.delete(save=False)
    texts = own.update(evidence="", link="", evidence_file="", evidence_file_name="")
    coverage = Outcome.objects.filter(application__applicant=user).update(media_coverage="")
    notes = JourneyStage.objects.filter(application__applicant=user).update(notes="")
    notes += ToolUse.objects.filter(application__applicant=user).update(notes="")
    notes += RoadmapStep.objects.filter(application__applicant=user).update(description="")
    signed = Milestone.objects.filter(validated_by=user).update(validated_by=None)
    signed += Outcome.objects.filter(updated_by=user).update(updated_by=None)
    signed += Event.objects.filter(actor=user).update(actor=None)
    for model in (JourneyStage, ToolUse, RoadmapStep):
        signed += model.objects.filter(recorded_by=user).update(recorded_by=None)
    return [
        _("Evidence of %(count)d milestones and media coverage of %(outcomes)d outcomes erased.")
        % {"count": texts, "outcomes": coverage},
        _("Notes of %(count)d support stages, tools and roadmap steps of your teams erased.")
        % {"count": notes},
        _("Your name removed from %(count)d follow-up records.") % {"count": signed},
        _(
            "Kept: the stages, dates and figures of your teams' outcomes, counted in the "
            "programme's reports without your name."
        ),
    ]
