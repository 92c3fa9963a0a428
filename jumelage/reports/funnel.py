"""A cycle's funnel, from the applications received to the outcomes recorded, counted in
one query so the dashboard stays fast however many applications a cycle holds."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application
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


def _conditions():
    team = OuterRef("pk")
    return {
        "reviewed": Review.objects.filter(application=team, state=ReviewState.SUBMITTED),
        "nominated": NominationEntry.objects.filter(
            application=team, kind=EntryKind.NOMINATED, nomination__state=NominationState.SENT
        ),
        "picked": Place.objects.filter(application=team),
        "travelled": Traveller.objects.filter(application=team),
        "milestones": Milestone.objects.filter(application=team),
        "outcomes": Outcome.objects.filter(application=team),
    }


def _counted(applications):
    flags = {key: Exists(query) for key, query in _conditions().items()}
    annotated = applications.annotate(**{f"is_{key}": flag for key, flag in flags.items()})
    return annotated.aggregate(
        applications=Count("pk"),
        **{key: Count("pk", filter=Q(**{f"is_{key}": True})) for key in flags},
    )


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


def funnel_by_cycle(partnership, side=None) -> list[tuple[str, dict]]:
    """(cycle name, {step: count}) for every cycle of `partnership`, oldest first.

    Counted from each step's own table, grouped by cycle (one query a step, whatever the
    number of cycles): testing every application of every cycle for each step, as `funnel`
    does for one cycle, would read the partnership's whole history on every page."""
    scope = {
        "application__call__cycle__partnership": partnership,
        "application__state__in": ApplicationState.seen_by_managers(),
    }
    if side is not None:
        scope["application__call__side"] = side
    cycles = list(
        Application.objects.filter(
            **{key.removeprefix("application__"): v for key, v in scope.items()}
        )
        .values_list("call__cycle__slug", "call__cycle__name")
        .annotate(n=Count("pk"))
        .order_by("call__cycle__slug")
    )
    table = {slug: {"applications": n} for slug, _name, n in cycles}
    for key, rows in _step_tables().items():
        counted = (
            rows.filter(**scope)
            .values_list("application__call__cycle__slug")
            .annotate(n=Count("application", distinct=True))
            .order_by()
        )
        for slug, n in counted:
            table.setdefault(slug, {"applications": 0})[key] = n
    names = {slug: name for slug, name, _n in cycles}
    return [
        (names.get(slug, slug), {key: table[slug].get(key, 0) for key, _label in STEPS})
        for slug in sorted(table)
    ]


def funnel(cycle, side=None) -> list[tuple[str, str, int]]:
    """(key, label, count) per step, for the cycle's applications to `side`'s call (both
    sides' when None). A withdrawn application still counts as received."""
    applications = Application.objects.filter(
        call__cycle=cycle, state__in=ApplicationState.seen_by_managers()
    )
    if side is not None:
        applications = applications.filter(call__side=side)
    counts = _counted(applications)
    return [(key, label, counts[key]) for key, label in STEPS]
