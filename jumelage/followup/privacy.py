"""The follow-up's part of a person's rights over their data, gathered by the privacy pages.

A team's milestones and outcomes are the programme's figures: erasure keeps their stages,
dates and numbers, which the dashboards and the outcome report still count, and removes the
free text that may describe people (evidence, links, media coverage) and who recorded them."""

from django.db import transaction
from django.utils.translation import gettext as _

from jumelage.accounts.privacy import register_personal_data
from jumelage.followup.models import Event, Milestone, Outcome


def register() -> None:
    register_personal_data("follow_up", 800, export=export, erase=erase)


def _milestone(milestone) -> dict:
    return {
        "team": str(milestone.application),
        "stage": milestone.stage,
        "reached_on": milestone.reached_on.isoformat(),
        "evidence": milestone.evidence,
        "link": milestone.link,
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
    """The milestones and outcomes of the person's teams, and the milestones they validated."""
    own = Milestone.objects.filter(application__applicant=user).select_related("application")
    validated = Milestone.objects.filter(validated_by=user).select_related("application")
    outcomes = Outcome.objects.filter(application__applicant=user).select_related("application")
    return {
        "milestones": [_milestone(m) for m in own],
        "milestones_validated": [_milestone(m) for m in validated],
        "outcomes": [_outcome(o) for o in outcomes],
    }


@transaction.atomic
def erase(user) -> list[str]:
    """Erase what identifies the person; say what is kept and why."""
    texts = Milestone.objects.filter(application__applicant=user).update(evidence="", link="")
    coverage = Outcome.objects.filter(application__applicant=user).update(media_coverage="")
    signed = Milestone.objects.filter(validated_by=user).update(validated_by=None)
    signed += Outcome.objects.filter(updated_by=user).update(updated_by=None)
    signed += Event.objects.filter(actor=user).update(actor=None)
    return [
        _("Evidence of %(count)d milestones and media coverage of %(outcomes)d outcomes erased.")
        % {"count": texts, "outcomes": coverage},
        _("Your name removed from %(count)d follow-up records.") % {"count": signed},
        _(
            "Kept: the stages, dates and figures of your teams' outcomes, counted in the "
            "programme's reports without your name."
        ),
    ]
