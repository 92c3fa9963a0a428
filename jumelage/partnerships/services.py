"""Decisions about partnerships: cycles from the template, themes proposed and agreed,
and what each side still has to do."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.accounts.permissions import is_manager
from jumelage.calls.models import Call
from jumelage.hosting.models import HostingOffer
from jumelage.partnerships.enums import StageKind, ThemeDecisionChoice, ThemeState
from jumelage.partnerships.models import Cycle, Stage, Theme, ThemeDecision
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


@dataclass(frozen=True)
class Todo:
    text: str
    url: str = ""


def side_todo(cycle, side, today: dt.date) -> list[Todo]:
    """What `side` still has to do in `cycle`, read from the data, in timeline order.

    Reads the cycle's stages through `cycle.stages.all()`, so prefetch them for a page.
    """
    checks = (_themes_to_propose, _themes_to_answer, _hosting_offers, _call, _budget)
    return [todo for check in checks if (todo := check(cycle, side, today))]


def _stage(cycle, kind):
    return next((stage for stage in cycle.stages.all() if stage.kind == kind), None)


def _cycle_url(name, cycle, **kwargs):
    return reverse(
        name,
        kwargs={"partnership_slug": cycle.partnership.slug, "cycle_slug": cycle.slug, **kwargs},
    )


def _themes_to_propose(cycle, side, today):
    stage = _stage(cycle, StageKind.THEMES)
    if stage and stage.ends_on < today:
        return None
    if cycle.themes.filter(proposed_by=side).exclude(state=ThemeState.WITHDRAWN).exists():
        return None
    return Todo(_("Propose the themes this side wants."), _cycle_url("partnerships:themes", cycle))


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
    return Todo(text, _cycle_url("partnerships:themes", cycle))


def _hosting_offers(cycle, side, today):
    if HostingOffer.objects.filter(cycle=cycle, organisation__side=side).exists():
        return None
    return Todo(
        _("List what this side's host organisations offer the partner's teams."),
        _cycle_url("hosting:offers", cycle),
    )


def _call(cycle, side, today):
    call = Call.objects.filter(cycle=cycle, side=side).first()
    if call is None:
        return Todo(_("Prepare this side's call for applications."))
    url = reverse("calls:detail", kwargs={"slug": call.slug})
    if not call.published:
        opens = formats.date_format(timezone.localtime(call.opens_at, side.tzinfo).date())
        return Todo(_("Publish the call (it opens on %(date)s).") % {"date": opens}, url)
    return _nominations_due(cycle, side, today, call, url)


def _nominations_due(cycle, side, today, call, url):
    closed_on = timezone.localtime(call.closes_at, side.tzinfo).date()
    nominate = _stage(cycle, StageKind.NOMINATE)
    if closed_on >= today or (nominate and nominate.ends_on < today):
        return None
    text = _("The call closed on %(date)s: nominate %(count)d teams from its applications.")
    return Todo(
        text % {"date": formats.date_format(closed_on), "count": cycle.nominations_per_side}, url
    )


def _budget(cycle, side, today):
    if cycle.budget_lines.filter(side=side).exists():
        return None
    return Todo(
        _("Draft this side's budget for the cycle."),
        _cycle_url("partnerships:budget", cycle, side_slug=side.slug),
    )
