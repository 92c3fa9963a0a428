"""A cycle's funnel, from the applications received to the outcomes recorded, counted per
call from each step's own table, so the dashboard stays fast however many applications a
cycle holds."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application, Call
from jumelage.exchange.models import Traveller
from jumelage.followup.models import Milestone, Outcome
from jumelage.review.enums import ReviewState
from jumelage.review.models import Review
from jumelage.selection.enums import EntryKind, NominationState
from jumelage.selection.models import NominationEntry, Place

STEPS = [
    ("applications", _("Applications")),
    ("reviewed", _("Reviewed")),
    ("nominated", pgettext_lazy("funnel", "Nominated")),
    ("picked", _("Picked")),
    ("travelled", _("Travelled")),
    ("milestones", _("Reached a milestone")),
    ("outcomes", _("Outcomes recorded")),
]


def _step_tables():
    """Per step: the rows that mark an application as having reached it."""
    return {
        "reviewed": Review.objects.filter(state=ReviewState.SUBMITTED),
        "nominated": NominationEntry.objects.filter(
            kind=EntryKind.NOMINATED, nomination__state=NominationState.SENT
        ),
        "picked": Place.objects.all(),
        "travelled": Traveller.objects.all(),
        "milestones": Milestone.objects.all(),
        "outcomes": Outcome.objects.all(),
    }


def by_call(calls) -> dict[int, dict[str, int]]:
    """{call pk: {step: count}} for the applications to `calls` the managers see.

    Each step is counted from its own table, grouped by call: one query a step, whatever
    the number of applications, and each reads only the rows of its step (testing every
    application for every step would read them all seven times). A withdrawn application
    still counts as received."""
    seen = ApplicationState.seen_by_managers()
    received = (
        Application.objects.filter(call__in=calls, state__in=seen)
        .values_list("call")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table = {call: {"applications": n} for call, n in received}
    for key, rows in _step_tables().items():
        counted = (
            rows.filter(application__call__in=calls, application__state__in=seen)
            .values_list("application__call")
            .annotate(n=Count("application", distinct=True))
            .order_by()
        )
        for call, n in counted:
            table.setdefault(call, {})[key] = n
    return {
        call: {key: steps.get(key, 0) for key, _label in STEPS} for call, steps in table.items()
    }


def _summed(tallies: list) -> dict[str, int]:
    return {key: sum(tally.get(key, 0) for tally in tallies) for key, _label in STEPS}


@dataclass(frozen=True)
class Tally:
    """Every call of a partnership with its funnel: `calls` maps a call's pk to its cycle
    (pk, slug, name) and side pk, `counts` to its {step: count}. The dashboard's funnel and
    its comparison across cycles both read one tally."""

    calls: dict
    counts: dict

    def steps(self, **which) -> dict[str, int]:
        """The summed funnel of the calls whose attributes match `which` (cycle, side)."""
        chosen = [
            steps
            for call, steps in self.counts.items()
            if all(self.calls[call][key] == value for key, value in which.items())
        ]
        return _summed(chosen)


def tally(partnership) -> Tally:
    rows = Call.objects.filter(cycle__partnership=partnership).values_list(
        "pk", "cycle", "cycle__slug", "cycle__name", "side"
    )
    calls = {
        pk: {"cycle": cycle, "slug": slug, "name": name, "side": side}
        for pk, cycle, slug, name, side in rows
    }
    return Tally(calls, by_call(list(calls)))


def funnel_by_cycle(partnership, side=None, counted: Tally | None = None) -> list[tuple[str, dict]]:
    """(cycle name, {step: count}) for every cycle of `partnership` that has applications,
    oldest first."""
    counted = counted or tally(partnership)
    which = {"side": side.pk} if side is not None else {}
    cycles = sorted(
        {
            (counted.calls[call]["slug"], counted.calls[call]["name"])
            for call in counted.counts
            if side is None or counted.calls[call]["side"] == side.pk
        }
    )
    return [(name, counted.steps(slug=slug, **which)) for slug, name in cycles]


def funnel(cycle, side=None) -> list[tuple[str, str, int]]:
    """(key, label, count) per step, for the cycle's applications to `side`'s call (both
    sides' when None)."""
    calls = Call.objects.filter(cycle=cycle)
    if side is not None:
        calls = calls.filter(side=side)
    counts = by_call(list(calls.values_list("pk", flat=True)))
    steps = _summed(list(counts.values()))
    return [(key, label, steps[key]) for key, label in STEPS]


def funnel_by_side(cycle, counted: Tally | None = None) -> dict[int, dict[str, int]]:
    """{side pk: {step: count}} for the cycle."""
    counted = counted or tally(cycle.partnership)
    return {
        side.pk: counted.steps(cycle=cycle.pk, side=side.pk)
        for side in cycle.partnership.sides.all()
    }
