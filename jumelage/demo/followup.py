"""What became of the finished cycle's selected teams: each has walked part of the
industrialisation path and has outcomes on record, so the team pages show real shapes.
Recorded through followup.services by a manager of the city that hosted the team. Teams
that already have milestones are skipped: loading twice changes nothing."""

import datetime as dt
from decimal import Decimal

from jumelage.exchange.queries import selected_teams
from jumelage.followup import services
from jumelage.followup.enums import InvestorType, Stage
from jumelage.followup.models import Milestone, Outcome
from jumelage.partnerships.models import Cycle
from jumelage.selection.services import managers_of, partner_of

# (stages reached, funds raised, currency, investor, pilots, partnerships, jobs, entities)
SHAPES = [
    (3, "450000", "EUR", InvestorType.VENTURE, 3, 2, 6, 1),
    (2, "3000000", "TWD", InvestorType.ANGEL, 1, 1, 2, 0),
    (1, "0", "EUR", "", 0, 1, 0, 0),
    (2, "120000", "EUR", InvestorType.PUBLIC, 2, 0, 1, 1),
]
EVIDENCE = {
    Stage.PROOF_OF_CONCEPT: "Prototype shown to the host's industrial partners.",
    Stage.PROOF_OF_SERVICE: "A paying pilot with a local company, report attached.",
    Stage.PROOF_OF_BUSINESS: "Recurring contracts and a local entity opened.",
}


def load() -> None:
    """Give every finished cycle's selected teams their milestones and outcomes."""
    for cycle in Cycle.objects.filter(calls__applications__place__isnull=False).distinct():
        _load_cycle(cycle)


def _load_cycle(cycle) -> None:
    after = cycle.stages.order_by("-ends_on").first().ends_on
    teams = selected_teams(cycle).select_related("call__side__partnership").order_by("pk")
    for index, team in enumerate(teams):
        if Milestone.objects.filter(application=team).exists():
            continue
        actor = managers_of(partner_of(team.call.side)).order_by("pk").first()
        _follow(actor, team, SHAPES[index % len(SHAPES)], after)


def _follow(actor, team, shape, after: dt.date) -> None:
    reached, funds, currency, investor, pilots, partnerships, jobs, entities = shape
    for number, stage in enumerate(list(Stage)[:reached], start=1):
        reached_on = after + dt.timedelta(days=90 * number)
        services.validate_milestone(
            actor, team, stage, reached_on=reached_on, evidence=EVIDENCE[stage]
        )
    outcome = Outcome(
        application=team,
        funds_raised=Decimal(funds),
        currency=currency,
        investor_type=investor,
        pilots=pilots,
        partnerships=partnerships,
        jobs_created=jobs,
        entities_opened=entities,
        active_after_6_months=reached > 1,
        active_after_12_months=reached > 2,
    )
    services.save_outcome(actor, outcome)
