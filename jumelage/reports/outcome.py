"""The outcome report for a cycle's outcome meeting, as plain data: the cycle's figures
(the dashboard's charts and their tables), a page per selected team (its support journey,
its milestones, its outcomes) and what the managers wrote: what worked and their
recommendations, each city's and the joint one. The HTML page and the PDF both render it,
with the trip report's engine (render.py, pdf.py)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.core import moments
from jumelage.exchange.models import Residency
from jumelage.exchange.queries import selected_teams
from jumelage.followup.enums import Stage, SupportStage
from jumelage.followup.models import JourneyStage, Milestone, Outcome
from jumelage.reports import dashboard
from jumelage.reports.document import chapter_number, section_number
from jumelage.reports.funnel import tally
from jumelage.reports.models import OutcomeReport

FIGURES = ("funnel", "outcomes", "budget", "cycles")
OUTCOME_FIELDS = (
    "pilots",
    "partnerships",
    "jobs_created",
    "entities_opened",
    "media_coverage",
    "active_after_6_months",
    "active_after_12_months",
)
NONE = "–"


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    header: list
    rows: list
    svg: str = ""
    notes: list = field(default_factory=list)


@dataclass(frozen=True)
class TeamPage:
    number: str
    name: str
    side: str
    theme: str
    hosts: str
    journey: list  # (stage, date, notes)
    milestones: list  # (stage, date, evidence)
    outcomes: list  # (what, value)


@dataclass(frozen=True)
class Text:
    whose: str
    what_worked: str
    recommendations: str


@dataclass
class OutcomeDocument:
    language: str
    title: str
    partnership: str
    cycle: str
    report_date: str
    figures: list = field(default_factory=list)
    teams: list = field(default_factory=list)
    texts: list = field(default_factory=list)

    @property
    def chapters(self) -> dict[int, str]:
        return {number: chapter_number(number, self.language) for number in range(1, 5)}

    def heading(self, number: int, text: str) -> str:
        return f"{chapter_number(number, self.language)}{text}"


def teams_of(cycle):
    """The cycle's selected teams (a place they hold), with what their pages show: four
    queries however many teams."""
    return (
        selected_teams(cycle)
        .select_related("call__side", "theme", "outcome")
        .prefetch_related(
            Prefetch("journey_stages", queryset=JourneyStage.objects.order_by("held_on", "id")),
            Prefetch("milestones", queryset=Milestone.objects.order_by("reached_on", "id")),
            Prefetch(
                "residencies",
                queryset=Residency.objects.select_related("offer__organisation"),
            ),
        )
        .order_by("call__side", "team_name", "pk")
    )


def _day(value) -> str:
    return moments.day(value) if value else NONE


def _journey(team) -> list:
    held = {row.stage: row for row in team.journey_stages.all()}
    return [
        (stage.label, _day(held[stage].held_on), held[stage].notes)
        if stage in held
        else (stage.label, NONE, "")
        for stage in SupportStage
    ]


def _milestones(team) -> list:
    reached = {row.stage: row for row in team.milestones.all()}
    rows = []
    for stage in Stage:
        milestone = reached.get(stage)
        if milestone is None:
            rows.append((stage.label, NONE, ""))
            continue
        evidence = " ".join(part for part in (milestone.evidence, milestone.link) if part)
        rows.append((stage.label, _day(milestone.reached_on), evidence))
    return rows


def _shown(outcome, name) -> str:
    value = getattr(outcome, name)
    if value is None or value == "":
        return NONE
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def _outcomes(team) -> list:
    try:
        outcome = team.outcome
    except Outcome.DoesNotExist:
        return []
    funds = f"{outcome.funds_raised} {outcome.currency}"
    if outcome.investor_type:
        funds = f"{funds} ({outcome.get_investor_type_display()})"
    rows = [(str(Outcome._meta.get_field("funds_raised").verbose_name).capitalize(), funds)]
    rows += [
        (str(Outcome._meta.get_field(name).verbose_name).capitalize(), _shown(outcome, name))
        for name in OUTCOME_FIELDS
    ]
    return rows


def _team_page(number, team, language) -> TeamPage:
    hosts = sorted({str(stay.offer.organisation) for stay in team.residencies.all()})
    return TeamPage(
        number=section_number(number, language),
        name=str(team),
        side=str(team.call.side),
        theme=str(team.theme) if team.theme else "",
        hosts=", ".join(hosts),
        journey=_journey(team),
        milestones=_milestones(team),
        outcomes=_outcomes(team),
    )


def _cell(value) -> str:
    return NONE if value is None else str(value)


def _figures(cycle) -> list[Figure]:
    figures = []
    counted = tally(cycle.partnership)
    for key in FIGURES:
        build = dashboard.CHARTS[key]
        chart = build(cycle, None, counted) if key in dashboard.TALLIED else build(cycle)
        rows = [[_cell(value) for value in row] for row in chart.rows]
        figures.append(Figure(key, chart.title, list(chart.header), rows, chart.svg, chart.notes))
    return figures


def texts_of(cycle) -> dict:
    """{side or None (the joint text): its OutcomeReport}, those written so far."""
    return {text.side_id: text for text in OutcomeReport.objects.filter(cycle=cycle)}


def _texts(cycle) -> list[Text]:
    written = texts_of(cycle)
    whose = [(None, _("Both cities"))] + [(s.pk, str(s)) for s in cycle.partnership.sides.all()]
    return [
        Text(name, written[pk].what_worked, written[pk].recommendations)
        for pk, name in whose
        if pk in written
    ]


def build(cycle, language: str) -> OutcomeDocument:
    """The report in `language` (modeltranslation falls back where a text is empty)."""
    with translation.override(language):
        teams = teams_of(cycle)
        return OutcomeDocument(
            language=language,
            title=_("Outcome report of the %(cycle)s cycle") % {"cycle": cycle.name},
            partnership=str(cycle.partnership),
            cycle=str(cycle.name),
            report_date=moments.day(timezone.now()),
            figures=_figures(cycle),
            teams=[_team_page(n, team, language) for n, team in enumerate(teams, start=1)],
            texts=_texts(cycle),
        )
