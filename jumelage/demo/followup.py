"""What became of the finished cycle's selected teams: each had its support journey, has
walked part of the industrialisation path and has outcomes on record, so the team pages
show real shapes.
Recorded through followup.services by a manager of the city that hosted the team. Teams
that already have milestones are skipped: loading twice changes nothing."""

import datetime as dt
from decimal import Decimal

from jumelage.exchange.queries import selected_teams
from jumelage.followup import services
from jumelage.followup.enums import InvestorType, Stage, SupportStage, SupportTool
from jumelage.followup.models import Milestone, Outcome, ToolUse
from jumelage.partnerships.models import Cycle
from jumelage.selection.services import managers_of, partner_of

# (stages reached, funds raised, currency, investor, pilots, partnerships, jobs, entities)
SHAPES = [
    (3, "450000", "EUR", InvestorType.VENTURE, 3, 2, 6, 1),
    (2, "3000000", "TWD", InvestorType.ANGEL, 1, 1, 2, 0),
    (1, "0", "EUR", "", 0, 1, 0, 0),
    (2, "120000", "EUR", InvestorType.PUBLIC, 2, 0, 1, 1),
]
JOURNEY = {
    SupportStage.INTAKE: "Intake interview with the founders: goals for the partner market.",
    SupportStage.STRESS_TEST: "Findings: pricing untested locally, no certification yet.",
    SupportStage.ROADMAP: "Roadmap agreed with the host's coach.",
    SupportStage.INTRODUCTIONS: "Introduced to two industrial buyers and a local bank.",
}
ROADMAP = ["First local pilot", "Certification filed", "Local entity decision"]
TOOLS = [
    (SupportTool.EXPERT_MEETING, "Meeting with a certification expert."),
    (SupportTool.TRAINING, "Pitch training for local investors."),
    (SupportTool.VISIBILITY, "Stand at the host's demo day."),
]
EVIDENCE_LINK = "https://example.org/evidence/{team}/{stage}"
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


def _journey(actor, team, after: dt.date) -> None:
    for number, stage in enumerate(SupportStage):
        held_on = after - dt.timedelta(days=6 - 2 * number)
        services.record_journey_stage(actor, team, stage, held_on=held_on, notes=JOURNEY[stage])
    for number, step in enumerate(ROADMAP, start=1):
        due_on = after + dt.timedelta(days=60 * number)
        services.add_roadmap_step(actor, team, due_on=due_on, description=step)
    for number, (tool, notes) in enumerate(TOOLS):
        use = ToolUse(tool=tool, used_on=after - dt.timedelta(days=5 - number), notes=notes)
        services.record_tool_use(actor, team, use)


def _follow(actor, team, shape, after: dt.date) -> None:
    reached, funds, currency, investor, pilots, partnerships, jobs, entities = shape
    _journey(actor, team, after)
    for number, stage in enumerate(list(Stage)[:reached], start=1):
        reached_on = after + dt.timedelta(days=90 * number)
        link = EVIDENCE_LINK.format(team=team.pk, stage=stage.value)
        services.validate_milestone(
            actor, team, stage, reached_on=reached_on, evidence=EVIDENCE[stage], link=link
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
