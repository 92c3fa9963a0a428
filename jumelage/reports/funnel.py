"""A cycle's funnel, from the applications received to the outcomes recorded, counted per
call from each step's own table, so the dashboard stays fast however many applications a
cycle holds."""

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


def funnel_by_cycle(partnership, side=None) -> list[tuple[str, dict]]:
    """(cycle name, {step: count}) for every cycle of `partnership` that has applications,
    oldest first."""
    calls = Call.objects.filter(cycle__partnership=partnership)
    if side is not None:
        calls = calls.filter(side=side)
    cycle_of = {
        pk: (slug, name) for pk, slug, name in calls.values_list("pk", "cycle__slug", "cycle__name")
    }
    counts = by_call(list(cycle_of))
    cycles = sorted({cycle_of[call] for call in counts})
    return [
        (name, _summed([steps for call, steps in counts.items() if cycle_of[call] == (slug, name)]))
        for slug, name in cycles
    ]


def funnel(cycle, side=None) -> list[tuple[str, str, int]]:
    """(key, label, count) per step, for the cycle's applications to `side`'s call (both
    sides' when None)."""
    calls = Call.objects.filter(cycle=cycle)
    if side is not None:
        calls = calls.filter(side=side)
    counts = by_call(list(calls.values_list("pk", flat=True)))
    steps = _summed(list(counts.values()))
    return [(key, label, steps[key]) for key, label in STEPS]


def funnel_by_side(cycle) -> dict[int, dict[str, int]]:
    """{side pk: {step: count}} for the cycle: each side's call, in one tally."""
    side_of = dict(Call.objects.filter(cycle=cycle).values_list("pk", "side"))
    counts = by_call(list(side_of))
    return {side_of[call]: steps for call, steps in counts.items()}
