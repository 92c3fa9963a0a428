"""Decisions about partnerships: cycles from the template, themes proposed and agreed,
and what each side still has to do."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.accounts.permissions import is_manager
from jumelage.partnerships.enums import StageKind, ThemeDecisionChoice, ThemeState
from jumelage.partnerships.models import Cycle, Stage, Theme, ThemeDecision
from jumelage.partnerships.panels import OPEN_TASK_CHECKS, Todo, cycle_url, stage_of
from jumelage.partnerships.timeline import shifted_template


@transaction.atomic
def create_cycle(partnership, *, slug: str, name: str, start: dt.date, **options) -> Cycle:
    """A cycle with the eleven stages of the template, moved to begin on `start`."""
    cycle = Cycle.objects.create(partnership=partnership, slug=slug, name=name, **options)
    Stage.objects.bulk_create(
        Stage(cycle=cycle, kind=kind, order=order, starts_on=begin, ends_on=end)
        for order, (kind, begin, end) in enumerate(shifted_template(start), start=1)
    )
    return cycle


@transaction.atomic
def propose_theme(actor, cycle, side, **translated_fields) -> Theme:
    if side.partnership_id != cycle.partnership_id:
        raise ValidationError(_("This side is not part of the cycle's partnership."))
    if not is_manager(actor, side):
        raise PermissionDenied(_("Only the managers of a side can propose its themes."))
    return Theme.objects.create(cycle=cycle, proposed_by=side, proposer=actor, **translated_fields)


def deciding_sides(theme):
    """The sides that must answer a theme: every side of the partnership but the proposer."""
    return theme.cycle.partnership.sides.exclude(pk=theme.proposed_by_id)


@transaction.atomic
def decide_theme(actor, theme_id: int, side, decision: str, comment: str = "") -> Theme:
    """Record `side`'s answer; the theme is agreed once every other side agrees, declined
    as soon as one declines. A side may change its answer while the theme is undecided."""
    theme = (
        Theme.objects.select_for_update(of=("self",))
        .select_related("cycle__partnership")
        .get(pk=theme_id)
    )
    if not is_manager(actor, side):
        raise PermissionDenied(_("Only the managers of a side can answer for it."))
    if side.pk == theme.proposed_by_id or side.partnership_id != theme.cycle.partnership_id:
        raise PermissionDenied(_("A theme is answered by the partner side, not by its proposer."))
    if theme.state != ThemeState.PROPOSED:
        raise ValidationError(_("This theme has already been decided."))
    if decision == ThemeDecisionChoice.DECLINE and not comment.strip():
        raise ValidationError({"comment": _("Say why you decline, so the partner can revise it.")})
    ThemeDecision.objects.create(
        theme=theme, side=side, actor=actor, decision=decision, comment=comment
    )
    theme.state = _theme_state_after(theme)
    theme.save(update_fields=["state"])
    return theme


def _theme_state_after(theme) -> str:
    latest = {}
    for row in theme.decisions.order_by("created", "id"):
        latest[row.side_id] = row.decision
    if ThemeDecisionChoice.DECLINE in latest.values():
        return ThemeState.DECLINED
    needed = set(deciding_sides(theme).values_list("pk", flat=True))
    agreed = {side for side, choice in latest.items() if choice == ThemeDecisionChoice.AGREE}
    return ThemeState.AGREED if needed <= agreed else ThemeState.PROPOSED


@transaction.atomic
def withdraw_theme(actor, theme_id: int) -> Theme:
    theme = (
        Theme.objects.select_for_update(of=("self",)).select_related("proposed_by").get(pk=theme_id)
    )
    if not is_manager(actor, theme.proposed_by):
        raise PermissionDenied(_("Only the proposing side can withdraw its theme."))
    if theme.state != ThemeState.PROPOSED:
        raise ValidationError(_("Only a theme still under discussion can be withdrawn."))
    theme.state = ThemeState.WITHDRAWN
    theme.save(update_fields=["state"])
    return theme


def side_todo(cycle, side, today: dt.date) -> list[Todo]:
    """What `side` still has to do in `cycle`, read from the data, in timeline order: the
    checks of this app and those later stages register in `panels.OPEN_TASK_CHECKS`.

    Reads the cycle's stages through `cycle.stages.all()`, so prefetch them for a page.
    """
    return [todo for check in OPEN_TASK_CHECKS if (todo := check(cycle, side, today))]


def register_todo_checks() -> None:
    """This app's own checks; the budget is drafted last, once the call is out."""
    OPEN_TASK_CHECKS.register("themes to propose", 100, _themes_to_propose)
    OPEN_TASK_CHECKS.register("themes to answer", 110, _themes_to_answer)
    OPEN_TASK_CHECKS.register("budget", 900, _budget)


def _themes_to_propose(cycle, side, today):
    stage = stage_of(cycle, StageKind.THEMES)
    if stage and stage.ends_on < today:
        return None
    if cycle.themes.filter(proposed_by=side).exclude(state=ThemeState.WITHDRAWN).exists():
        return None
    return Todo(_("Propose the themes this side wants."), cycle_url("partnerships:themes", cycle))


def _themes_to_answer(cycle, side, today):
    waiting = (
        cycle.themes.filter(state=ThemeState.PROPOSED)
        .exclude(proposed_by=side)
        .exclude(decisions__side=side)
        .count()
    )
    if not waiting:
        return None
    text = ngettext(
        "Answer %(count)d theme proposed by a partner side.",
        "Answer %(count)d themes proposed by a partner side.",
        waiting,
    ) % {"count": waiting}
    return Todo(text, cycle_url("partnerships:themes", cycle))


def _budget(cycle, side, today):
    if cycle.budget_lines.filter(side=side).exists():
        return None
    return Todo(
        _("Draft this side's budget for the cycle."),
        cycle_url("partnerships:budget", cycle, side_slug=side.slug),
    )
