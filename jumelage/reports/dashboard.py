"""The cycle dashboard, for one side or for the whole partnership: each figure is a chart
(core.charts) with the table behind it, which is also its CSV/XLSX export. Every figure
is one grouped query, so the page costs the same number of queries however many
applications, cycles or criteria there are."""

from django.db.models import Avg, Count, FloatField, Q, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.calls.charts import day_label, days_between
from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application, Call
from jumelage.core import charts
from jumelage.followup.models import Outcome
from jumelage.partnerships.enums import BudgetCategory
from jumelage.partnerships.models import BudgetLine
from jumelage.reports.funnel import STEPS, funnel_by_cycle, funnel_by_side, tally
from jumelage.review.enums import ReviewState
from jumelage.review.models import Criterion, Review

OUTCOME_SUMS = ("pilots", "partnerships", "jobs_created", "entities_opened")


def _sides(cycle, side):
    return [side] if side is not None else list(cycle.partnership.sides.all())


def funnel_chart(cycle, side=None, counted=None) -> charts.Chart:
    """A column per side; the partnership's is their sum (an application has one side), so
    the whole is not counted a second time."""
    sides = _sides(cycle, side)
    by_side = funnel_by_side(cycle, counted)
    series = {str(s): list(by_side[s.pk].values()) for s in sides}
    if side is None:
        series[_("Partnership")] = [sum(column) for column in zip(*series.values(), strict=True)]
    labels = [str(label) for _key, label in STEPS]
    return charts.bars(
        "funnel",
        _("From the applications to the outcomes"),
        _("Step"),
        labels,
        series,
        horizontal=True,
    )


def _applications(cycle, side):
    rows = Application.objects.filter(
        call__cycle=cycle, state__in=ApplicationState.seen_by_managers()
    )
    return rows.filter(call__side=side) if side is not None else rows


def per_day_chart(cycle, side=None) -> charts.Chart:
    """Submissions per day of each side's call, from the first opening to the last deadline."""
    calls = list(
        Call.objects.filter(cycle=cycle, side__in=_sides(cycle, side)).select_related("side")
    )
    title = _("Applications per day until the deadline")
    if not calls:
        return charts.bars("per-day", title, _("Day"), [], {})
    per_call = {}
    for call in calls:
        rows = (
            Application.objects.filter(call=call, state=ApplicationState.SUBMITTED)
            .annotate(day=TruncDate("submitted_at", tzinfo=call.side.tzinfo))
            .values_list("day")
            .annotate(n=Count("id"))
        )
        per_call[call] = dict(rows)
    local = [
        (
            timezone.localtime(c.opens_at, c.side.tzinfo),
            timezone.localtime(c.closes_at, c.side.tzinfo),
        )
        for c in calls
    ]
    days = days_between(min(o.date() for o, _c in local), max(c.date() for _o, c in local))
    series = {
        str(call.side): [counts.get(day, 0) for day in days] for call, counts in per_call.items()
    }
    deadlines = ", ".join(
        _("%(side)s: %(day)s") % {"side": call.side, "day": day_label(closes.date())}
        for call, (_opens, closes) in zip(calls, local, strict=True)
    )
    return charts.daily(
        "per-day",
        title,
        _("Day"),
        days,
        series,
        day_label=day_label,
        notes=[_("Deadlines: %(deadlines)s (each city's own time).") % {"deadlines": deadlines}],
    )


def themes_chart(cycle, side=None) -> charts.Chart:
    sides = _sides(cycle, side)
    rows = (
        _applications(cycle, side).values_list("call__side", "theme__title").annotate(n=Count("id"))
    )
    counts = {(side_pk, title or _("No theme")): n for side_pk, title, n in rows}
    labels = sorted({title for _pk, title in counts})
    series = {str(s): [counts.get((s.pk, title), 0) for title in labels] for s in sides}
    return charts.bars(
        "themes", _("Applications per theme"), _("Theme"), labels, series, horizontal=True
    )


def scores_chart(cycle, side=None) -> charts.Chart:
    """The mean submitted score per criterion, on each criterion's own scale."""
    criteria = list(
        Criterion.objects.filter(committee__cycle=cycle, committee__side__in=_sides(cycle, side))
        .select_related("committee__side")
        .order_by("committee__side", "order", "id")
    )
    reviews = Review.objects.filter(
        application__call__cycle=cycle,
        state=ReviewState.SUBMITTED,
        member__committee__in={c.committee_id for c in criteria},
    )
    means = (
        reviews.aggregate(
            **{
                f"c{c.pk}": Avg(
                    Cast(KeyTextTransform(str(c.pk), "scores"), FloatField()),
                    filter=Q(member__committee=c.committee_id),
                )
                for c in criteria
            }
        )
        if criteria
        else {}
    )
    prefix = side is None
    labels = [f"{c.committee.side} · {c.name}" if prefix else c.name for c in criteria]
    mean = [
        round(means[f"c{c.pk}"], 2) if means.get(f"c{c.pk}") is not None else None for c in criteria
    ]
    series = {_("Mean score"): mean, _("Highest score"): [c.scale_max for c in criteria]}
    return charts.bars(
        "scores", _("Scores per criterion"), _("Criterion"), labels, series, horizontal=True
    )


def budget_chart(cycle, side=None) -> charts.Chart:
    rows = list(
        BudgetLine.objects.filter(cycle=cycle, side__in=_sides(cycle, side))
        .values_list("side__city", "category", "currency")
        .annotate(estimate=Sum("estimate"), actual=Sum("actual"))
        .order_by("side", "category", "currency")
    )
    names = dict(BudgetCategory.choices)
    labels = [f"{row[0]} · {names.get(row[1], row[1])} ({row[2]})" for row in rows]
    series = {_("Estimate"): [row[3] for row in rows], _("Actual"): [row[4] for row in rows]}
    return charts.bars(
        "budget", _("Budget: estimate and actual"), _("Line"), labels, series, horizontal=True
    )


def outcomes_chart(cycle, side=None) -> charts.Chart:
    sides = _sides(cycle, side)
    outcomes = Outcome.objects.filter(
        application__call__cycle=cycle, application__call__side__in=sides
    )
    figures = {
        f"{name}_{s.pk}": Sum(name, filter=Q(application__call__side=s))
        for name in OUTCOME_SUMS
        for s in sides
    }
    figures |= {
        f"funded_{s.pk}": Count("pk", filter=Q(application__call__side=s, funds_raised__gt=0))
        for s in sides
    }
    figures |= {
        f"active_{s.pk}": Count(
            "pk", filter=Q(application__call__side=s, active_after_12_months=True)
        )
        for s in sides
    }
    totals = outcomes.aggregate(**figures)
    names = {
        field: str(Outcome._meta.get_field(field).verbose_name).capitalize()
        for field in OUTCOME_SUMS
    }
    names |= {"funded": _("Teams that raised funds"), "active": _("Still active after 12 months")}
    series = {str(s): [totals[f"{key}_{s.pk}"] or 0 for key in names] for s in sides}
    return charts.bars(
        "outcomes",
        _("Outcomes by type"),
        _("Outcome"),
        list(names.values()),
        series,
        horizontal=True,
    )


def comparison_chart(cycle, side=None, counted=None) -> charts.Chart:
    """The funnel of every cycle of the partnership, oldest first."""
    by_cycle = funnel_by_cycle(cycle.partnership, side, counted)
    labels = [name for name, _steps in by_cycle]
    series = {str(label): [steps[key] for _name, steps in by_cycle] for key, label in STEPS}
    return charts.bars("cycles", _("Cycle after cycle"), _("Cycle"), labels, series)


CHARTS = {
    "funnel": funnel_chart,
    "per-day": per_day_chart,
    "themes": themes_chart,
    "scores": scores_chart,
    "budget": budget_chart,
    "outcomes": outcomes_chart,
    "cycles": comparison_chart,
}


TALLIED = {"funnel", "cycles"}


def dashboard(cycle, side=None) -> list[charts.Chart]:
    """Every chart; the funnel and the comparison share one tally of the partnership."""
    counted = tally(cycle.partnership)
    return [
        build(cycle, side, counted) if key in TALLIED else build(cycle, side)
        for key, build in CHARTS.items()
    ]
