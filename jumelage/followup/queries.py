"""Named queries about followed teams, for the follow-up pages and the reports."""

from dataclasses import dataclass, field

from django.db.models import Min, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404

from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application
from jumelage.followup.enums import Stage, SupportStage
from jumelage.followup.models import JourneyStage, Milestone, Outcome, RoadmapStep, ToolUse
from jumelage.matchmaking.enums import Interest
from jumelage.matchmaking.models import Feedback
from jumelage.partnerships.models import Cycle
from jumelage.partnerships.models import Stage as CycleStage
from jumelage.selection.enums import PlaceState


def team_or_404(pk) -> Application:
    return get_object_or_404(
        Application.objects.select_related(
            "call__cycle__partnership", "call__side"
        ).prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.select_related("validated_by")),
            Prefetch("journey_stages", queryset=JourneyStage.objects.select_related("recorded_by")),
            Prefetch("roadmap_steps", queryset=RoadmapStep.objects.select_related("recorded_by")),
            Prefetch("tool_uses", queryset=ToolUse.objects.select_related("recorded_by")),
        ),
        pk=pk,
    )


def path_of(application) -> list[tuple[Stage, Milestone | None]]:
    """Every stage of the path in order, with its milestone once validated."""
    reached = {m.stage: m for m in application.milestones.all()}
    return [(stage, reached.get(stage)) for stage in Stage]


def next_stage(application) -> Stage | None:
    return next((stage for stage, milestone in path_of(application) if milestone is None), None)


def journey_of(application) -> list[tuple[SupportStage, JourneyStage | None]]:
    """Every support stage in order, with its record once held."""
    held = {row.stage: row for row in application.journey_stages.all()}
    return [(stage, held.get(stage)) for stage in SupportStage]


def next_support_stage(application) -> SupportStage | None:
    return next((stage for stage, row in journey_of(application) if row is None), None)


@dataclass
class Step:
    """One step of the team's whole path, as the team page draws it."""

    label: str
    kind: str
    done: bool
    date: object = None


def whole_path(application) -> list[Step]:
    """The support journey, then the industrialisation path: what the page's picture shows."""
    steps = [
        Step(stage.label, "journey", row is not None, row and row.held_on)
        for stage, row in journey_of(application)
    ]
    steps += [
        Step(stage.label, "milestone", milestone is not None, milestone and milestone.reached_on)
        for stage, milestone in path_of(application)
    ]
    return steps


@dataclass
class PastFigures:
    """How earlier cycles' selected teams of one theme fared: what stands beside a decision."""

    teams: int = 0
    reached: dict = field(default_factory=dict)
    funds: dict = field(default_factory=dict)
    jobs: int = 0
    pilots: int = 0

    @property
    def stages(self) -> list[tuple[Stage, int]]:
        return [(stage, self.reached.get(stage, 0)) for stage in Stage]


def earlier_cycles(cycle):
    """The partnership's cycles whose timeline began before `cycle`'s, oldest first. By the
    timeline, not by when the cycle was entered: an earlier edition may be entered later."""
    own_start = CycleStage.objects.filter(cycle=cycle).order_by("starts_on").values("starts_on")[:1]
    return (
        Cycle.objects.filter(partnership=cycle.partnership)
        .annotate(start=Min("stages__starts_on"))
        .filter(start__lt=Subquery(own_start))
        .order_by("start")
    )


def _earlier_selected(cycle):
    return Application.objects.filter(
        call__cycle__in=earlier_cycles(cycle),
        state=ApplicationState.SUBMITTED,
        place__state__in=PlaceState.holding(),
    )


def past_by_theme(cycle) -> dict[str, PastFigures]:
    """Earlier cycles' selected teams, keyed by their theme's English title (a theme copied
    into the next cycle keeps it), with their milestones and outcomes: three queries."""
    return past_figures(cycle)[0]


def past_figures(cycle) -> tuple[dict[str, PastFigures], list[str]]:
    """`past_by_theme`, and the names of the earlier cycles whose selected teams it counts,
    oldest first, read with the teams: still three queries."""
    starts = CycleStage.objects.filter(cycle=OuterRef("call__cycle")).order_by("starts_on")
    teams = _earlier_selected(cycle).annotate(start=Subquery(starts.values("starts_on")[:1]))
    rows = list(teams.values_list("pk", "theme__title_en", "call__cycle__name", "start"))
    theme_of = {pk: title for pk, title, _name, _start in rows}
    figures = {title: PastFigures() for title in theme_of.values() if title}
    for title in theme_of.values():
        if title:
            figures[title].teams += 1
    _add_milestones(figures, theme_of)
    _add_outcomes(figures, theme_of)
    cycles = sorted({(start, name) for _pk, _title, name, start in rows})
    return figures, [name for _start, name in cycles]


def _add_milestones(figures, theme_of) -> None:
    rows = Milestone.objects.filter(application__in=theme_of).values_list("application", "stage")
    for application, stage in rows:
        if theme_of[application]:
            reached = figures[theme_of[application]].reached
            reached[stage] = reached.get(stage, 0) + 1


def _add_outcomes(figures, theme_of) -> None:
    for outcome in Outcome.objects.filter(application__in=theme_of):
        past = figures.get(theme_of[outcome.application_id])
        if past is None:
            continue
        past.funds[outcome.currency] = past.funds.get(outcome.currency, 0) + outcome.funds_raised
        past.jobs += outcome.jobs_created
        past.pilots += outcome.pilots


def past_of_theme(theme) -> PastFigures:
    """What stands beside a nomination or a pick of a team of `theme`."""
    return past_by_theme(theme.cycle).get(theme.title_en, PastFigures())


@dataclass(frozen=True)
class Lead:
    """A matchmaking meeting someone wants to follow up, and what came of it."""

    feedback: Feedback
    others: list  # the parties the team met, by name

    @property
    def meeting(self):
        return self.feedback.meeting


def leads_of(application) -> list[Lead]:
    """The team's matchmaking meetings whose feedback, from either side, asked for a
    follow-up (talk again, a pilot, an investment): the leads its outcomes grow from."""
    feedback = (
        Feedback.objects.filter(meeting__parties__application=application)
        .exclude(interest=Interest.NONE)
        .select_related("participant", "meeting__slot")
        .prefetch_related("meeting__parties")
        .order_by("meeting__slot__starts_at", "pk")
        .distinct()
    )
    return [
        Lead(row, [p.name for p in row.meeting.parties.all() if p.application_id != application.pk])
        for row in feedback
    ]
