"""What became of the finished cycle's selected teams: each had its support journey, has
walked part of the industrialisation path and has outcomes on record, so the team pages
show real shapes.
Recorded through followup.services by a manager of the city that hosted the team. Teams
that already have milestones are skipped: loading twice changes nothing."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from jumelage.exchange.queries import selected_teams
from jumelage.followup import services
from jumelage.followup.enums import InvestorType, Stage, SupportStage, SupportTool
from jumelage.followup.models import Milestone, Outcome, ToolUse
from jumelage.partnerships.enums import StageKind
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
# Days into the exchange of each support stage, and of each tool used.
JOURNEY_DAYS = (1, 3, 6, 8)
TOOL_DAYS = (2, 4, 7)
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
    """The journey during the exchange; the milestones spread from its end to today."""
    exchange = cycle.stages.get(kind=StageKind.EXCHANGE)
    teams = selected_teams(cycle).select_related("call__side__partnership").order_by("pk")
    for index, team in enumerate(teams):
        if Milestone.objects.filter(application=team).exists():
            continue
        actor = managers_of(partner_of(team.call.side)).order_by("pk").first()
        _follow(actor, team, SHAPES[index % len(SHAPES)], exchange)


def _journey(actor, team, exchange) -> None:
    """Intake on arrival, the stress test, the roadmap and the introductions within the
    visit; the roadmap's steps fall due in the months after it."""
    start = exchange.starts_on
    for day, stage in zip(JOURNEY_DAYS, SupportStage, strict=True):
        held_on = start + dt.timedelta(days=day)
        services.record_journey_stage(actor, team, stage, held_on=held_on, notes=JOURNEY[stage])
    for number, step in enumerate(ROADMAP, start=1):
        due_on = exchange.ends_on + dt.timedelta(days=60 * number)
        services.add_roadmap_step(actor, team, due_on=due_on, description=step)
    for day, (tool, notes) in zip(TOOL_DAYS, TOOLS, strict=True):
        use = ToolUse(tool=tool, used_on=start + dt.timedelta(days=day), notes=notes)
        services.record_tool_use(actor, team, use)


def _follow(actor, team, shape, exchange) -> None:
    reached, funds, currency, investor, pilots, partnerships, jobs, entities = shape
    _journey(actor, team, exchange)
    # The milestones reached so far, spread between the end of the visit and today.
    since = max((timezone.localdate() - exchange.ends_on).days, len(Stage) + 1)
    for number, stage in enumerate(list(Stage)[:reached], start=1):
        reached_on = exchange.ends_on + dt.timedelta(days=since * number // (len(Stage) + 1))
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
