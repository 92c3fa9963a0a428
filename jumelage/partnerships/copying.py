"""Next year's cycle, started from this one: its settings carried over, nothing personal.

The partnerships copy the cycle itself, its timeline (a year later) and its themes (as
proposals both sides agree again). Each later stage copies its own settings through
`CYCLE_COPY`, registered from its `AppConfig.ready()`: a function `copy(plan)` that copies
from `plan.source` into `plan.target` and says what it copied with `plan.note(...)`.
No stage copies an application, a review, a traveller or an outcome: those are people's
data and the results of one edition."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.core.registry import Registry
from jumelage.partnerships.enums import ThemeState
from jumelage.partnerships.models import Cycle, Theme
from jumelage.partnerships.permissions import can_start_cycle

CYCLE_COPY = Registry("what a stage carries into next year's cycle")


def a_year_later(day: dt.date) -> dt.date:
    """The same day next year; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def a_year_later_at(moment: dt.datetime) -> dt.datetime:
    return moment.replace(year=moment.year + 1, day=a_year_later(moment.date()).day)


def copied_row(row, **changes):
    """A new row with `row`'s columns (every language of a translated field) and `changes`."""
    row.pk = None
    row.id = None
    row._state.adding = True
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    return row


@dataclass
class CopyPlan:
    source: Cycle
    target: Cycle
    actor: object
    themes: dict = field(default_factory=dict)  # source theme id -> its copy
    notes: list = field(default_factory=list)  # what was copied, as a person reads it

    def note(self, text: str) -> None:
        self.notes.append(text)


def default_slug_and_name(cycle) -> tuple[str, str]:
    """ "2027" becomes "2028"; another slug gets "-next"."""
    if cycle.slug.isdigit():
        return str(int(cycle.slug) + 1), cycle.name.replace(cycle.slug, str(int(cycle.slug) + 1))
    return f"{cycle.slug}-next", cycle.name


@transaction.atomic
def start_next_cycle(actor, source: Cycle, *, slug: str, name: str) -> CopyPlan:
    """A new cycle of the partnership from `source`'s settings; returns what was copied."""
    if not can_start_cycle(actor, source.partnership):
        raise PermissionDenied(_("Only the partnership's managers can start a new cycle."))
    try:
        with transaction.atomic():
            target = Cycle.objects.create(
                partnership=source.partnership,
                slug=slug,
                name=name,
                nominations_per_side=source.nominations_per_side,
                picks_per_side=source.picks_per_side,
            )
    except IntegrityError:
        raise ValidationError(
            _("The partnership already has a cycle “%(slug)s”.") % {"slug": slug}
        ) from None
    plan = CopyPlan(source, target, actor)
    _copy_stages(plan)
    _copy_themes(plan)
    for copy in CYCLE_COPY:
        copy(plan)
    return plan


def _copy_stages(plan) -> None:
    stages = list(plan.source.stages.all())
    for stage in stages:
        copied_row(
            stage,
            cycle=plan.target,
            starts_on=a_year_later(stage.starts_on),
            ends_on=a_year_later(stage.ends_on),
        )
    plan.note(
        ngettext(
            "%(count)s stage of the timeline, a year later.",
            "%(count)s stages of the timeline, a year later.",
            len(stages),
        )
        % {"count": len(stages)}
    )


def _copy_themes(plan) -> None:
    themes = list(Theme.objects.filter(cycle=plan.source, state=ThemeState.AGREED))
    for theme in themes:
        source_id = theme.pk
        plan.themes[source_id] = copied_row(
            theme, cycle=plan.target, state=ThemeState.PROPOSED, proposer=plan.actor
        )
    plan.note(
        ngettext(
            "%(count)s theme, proposed again for both sides to agree.",
            "%(count)s themes, proposed again for both sides to agree.",
            len(themes),
        )
        % {"count": len(themes)}
    )
