"""Pages of a partnership: its cycles, each cycle's timeline, themes, stage dates and budgets."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jumelage.accounts.permissions import is_manager
from jumelage.partnerships import charts, permissions, timeline
from jumelage.partnerships.copying import default_slug_and_name, start_next_cycle
from jumelage.partnerships.enums import ThemeState
from jumelage.partnerships.forms import (
    BudgetLineForm,
    NextCycleForm,
    StageFormSet,
    ThemeDecisionForm,
    ThemeProposalForm,
    ThemeWithdrawForm,
)
from jumelage.partnerships.models import BudgetLine, Side, Theme
from jumelage.partnerships.panels import CYCLE_ACTIONS, CYCLE_PANELS, THEME_PAGE_SECTIONS
from jumelage.partnerships.queries import (
    agreed_themes,
    budget_totals,
    cycle_for_page,
    cycle_or_404,
    partnerships_with_cycles,
    with_history,
)
from jumelage.partnerships.services import decide_theme, propose_theme, side_todo, withdraw_theme


@require_safe
def detail(request, partnership_slug):
    partnership = get_object_or_404(partnerships_with_cycles(), slug=partnership_slug)
    names = dict(settings.LANGUAGES)
    sides = [
        (side, [names.get(code, code) for code in side.languages])
        for side in partnership.sides.all()
    ]
    context = {
        "partnership": partnership,
        "sides": sides,
        "is_manager": permissions.is_partnership_manager(request.user, partnership),
    }
    return render(request, "partnerships/detail.html", context)


@require_safe
def cycle_detail(request, partnership_slug, cycle_slug):
    cycle = get_object_or_404(cycle_for_page(partnership_slug, cycle_slug))
    partnership, user, today = cycle.partnership, request.user, timezone.localdate()
    stages = timeline.with_owned_dates(cycle.stages.all(), cycle)
    context = {
        "cycle": cycle,
        "partnership": partnership,
        "gantt": charts.gantt(stages, today),
        "stages": [(stage, charts.stage_status(stage, today)) for stage in stages],
        "current_stages": [stage for stage in stages if stage.is_current(today)],
        "themes": agreed_themes(cycle),
        "todos": _todos(user, cycle, today),
        "budget_sides": permissions.managed_sides(user, partnership),
        "can_edit_stages": permissions.can_edit_stages(user, partnership),
        # The later stages' buttons and panels, from the apps that registered them.
        "actions": CYCLE_ACTIONS.shown(user, cycle),
        "panels": CYCLE_PANELS.shown(user, cycle),
    }
    return render(request, "partnerships/cycle.html", context)


def _todos(user, cycle, today):
    """(side, its to-do items, whether this user acts for it): links only for one's own sides."""
    if not permissions.can_see_todo(user, cycle.partnership):
        return None
    return [
        (side, side_todo(cycle, side, today), is_manager(user, side))
        for side in cycle.partnership.sides.all()
    ]


# Themes: one page, and one POST address per action that renders the page again on error.


@dataclass
class ThemeRow:
    theme: Theme
    answers: list  # (side, its latest decision or None), for each side that must answer
    decision_forms: list = field(default_factory=list)  # (side, form)
    withdraw_form: ThemeWithdrawForm | None = None


@require_safe
def themes(request, partnership_slug, cycle_slug):
    return _themes_page(request, cycle_or_404(partnership_slug, cycle_slug))


@login_required
@require_POST
def theme_propose(request, partnership_slug, cycle_slug):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    sides = permissions.managed_sides(request.user, cycle.partnership)
    if not sides:
        raise PermissionDenied
    form = ThemeProposalForm(request.POST, sides=sides)
    if not form.is_valid():
        return _themes_page(request, cycle, proposal_form=form)
    try:
        propose_theme(request.user, cycle, form.cleaned_data["side"], **form.translations())
    except ValidationError as error:
        form.add_error(None, error)
        return _themes_page(request, cycle, proposal_form=form)
    messages.success(request, _("Your theme is proposed to the partner side."))
    return redirect("partnerships:themes", partnership_slug, cycle_slug)


@login_required
@require_POST
def theme_decide(request, partnership_slug, cycle_slug, theme_id):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    theme = get_object_or_404(Theme, pk=theme_id, cycle=cycle)
    sides = permissions.answering_sides(request.user, theme, cycle.partnership.sides.all())
    if not sides:
        raise PermissionDenied
    form = ThemeDecisionForm(request.POST, sides=sides)
    if form.is_valid():
        data = form.cleaned_data
        form.auto_id = _decision_auto_id(theme.pk, data["side"].pk)
        try:
            decide_theme(request.user, theme.pk, data["side"], data["decision"], data["comment"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your answer is recorded."))
            return redirect("partnerships:themes", partnership_slug, cycle_slug)
    side = form.cleaned_data.get("side")
    return _themes_page(request, cycle, bound={(theme.pk, side and side.pk): form})


@login_required
@require_POST
def theme_withdraw(request, partnership_slug, cycle_slug, theme_id):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    theme = get_object_or_404(Theme, pk=theme_id, cycle=cycle)
    try:
        withdraw_theme(request.user, theme.pk)
    except ValidationError as error:
        form = ThemeWithdrawForm(data={})
        form.add_error(None, error)
        return _themes_page(request, cycle, bound={(theme.pk, "withdraw"): form})
    messages.success(request, _("The theme is withdrawn."))
    return redirect("partnerships:themes", partnership_slug, cycle_slug)


def _decision_auto_id(theme_id, side_id):
    # Several decision forms share the page: their ids must not collide.
    return f"id_theme{theme_id}_side{side_id}_%s"


def _themes_page(request, cycle, *, proposal_form=None, bound=None):
    """The themes page; `bound` maps (theme id, side id or "withdraw") to a form in error."""
    user, bound = request.user, bound or {}
    sides = cycle.partnership.sides.all()
    proposing = permissions.managed_sides(user, cycle.partnership)
    if proposing and proposal_form is None:
        proposal_form = ThemeProposalForm(sides=proposing)
    themes = with_history(permissions.visible_themes(user, cycle))
    context = {
        "sections": THEME_PAGE_SECTIONS.shown(user, cycle),
        "cycle": cycle,
        "partnership": cycle.partnership,
        "rows": [_theme_row(user, theme, sides, bound) for theme in themes],
        "proposal_form": proposal_form,
        "can_see_proposals": permissions.can_see_theme_proposals(user, cycle.partnership),
        "errors": _errors_of(proposal_form, *bound.values()),
    }
    return render(request, "partnerships/themes.html", context)


def _theme_row(user, theme, sides, bound) -> ThemeRow:
    latest = {decision.side_id: decision for decision in theme.decisions.all()}
    deciding = [side for side in sides if side.pk != theme.proposed_by_id]
    row = ThemeRow(theme, answers=[(side, latest.get(side.pk)) for side in deciding])
    if theme.state != ThemeState.PROPOSED:
        return row
    for side in permissions.answering_sides(user, theme, sides):
        form = bound.get((theme.pk, side.pk)) or ThemeDecisionForm(
            sides=[side], initial={"side": side.pk}, auto_id=_decision_auto_id(theme.pk, side.pk)
        )
        row.decision_forms.append((side, form))
    if permissions.can_withdraw(user, theme):
        row.withdraw_form = bound.get((theme.pk, "withdraw")) or ThemeWithdrawForm()
    return row


def _errors_of(*forms):
    """(field label, message) for every error of the bound forms, for the page's summary."""
    return [
        (form.fields[name].label if name in form.fields else "", message)
        for form in forms
        if form is not None and form.is_bound
        for name, field_errors in form.errors.items()
        for message in field_errors
    ]


@login_required
@require_http_methods(["GET", "POST"])
def stages(request, partnership_slug, cycle_slug):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    if not permissions.can_edit_stages(request.user, cycle.partnership):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    formset = StageFormSet(data, queryset=cycle.stages.all())
    if data is not None and formset.is_valid():
        formset.save()
        messages.success(request, _("The timeline is saved."))
        return redirect("partnerships:cycle", partnership_slug, cycle_slug)
    context = {"cycle": cycle, "partnership": cycle.partnership, "formset": formset}
    return render(request, "partnerships/stages.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def next_cycle(request, partnership_slug, cycle_slug):
    """Next year's cycle from this one's settings (partnerships.copying)."""
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    if not permissions.can_start_cycle(request.user, cycle.partnership):
        raise PermissionDenied
    slug, name = default_slug_and_name(cycle)
    # Next year's cycle may exist already: say so rather than propose its address again.
    existing = cycle.partnership.cycles.filter(slug=slug).first()
    initial = {"slug": "" if existing else slug, "name": name}
    data = request.POST if request.method == "POST" else None
    form = NextCycleForm(data, partnership=cycle.partnership, initial=initial)
    if data is not None and form.is_valid():
        try:
            plan = start_next_cycle(request.user, cycle, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("slug", error)
        else:
            messages.success(
                request,
                _("The %(name)s cycle is started. Carried over: %(notes)s")
                % {"name": plan.target.name, "notes": " ".join(plan.notes)},
            )
            return redirect("partnerships:cycle", partnership_slug, plan.target.slug)
    context = {
        "cycle": cycle,
        "partnership": cycle.partnership,
        "form": form,
        "existing": existing,
    }
    status = 400 if form.errors else 200
    return render(request, "partnerships/next_cycle.html", context, status=status)


def _budget_side(user, partnership_slug, cycle_slug, side_slug):
    """The cycle and side of a budget page, if this user may see that side's budget."""
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    side = get_object_or_404(Side, partnership=cycle.partnership, slug=side_slug)
    if not permissions.can_see_budget(user, side):
        raise PermissionDenied
    return cycle, side


@login_required
@require_http_methods(["GET", "POST"])
def budget(request, partnership_slug, cycle_slug, side_slug):
    cycle, side = _budget_side(request.user, partnership_slug, cycle_slug, side_slug)
    data = request.POST if request.method == "POST" else None
    line = BudgetLine(cycle=cycle, side=side, currency=side.currency)
    form = BudgetLineForm(data, instance=line)
    if data is not None and form.is_valid():
        form.save()
        messages.success(request, _("The budget line is added."))
        return redirect("partnerships:budget", partnership_slug, cycle_slug, side_slug)
    lines = cycle.budget_lines.filter(side=side)
    context = {
        "cycle": cycle,
        "partnership": cycle.partnership,
        "side": side,
        "lines": lines,
        "totals": budget_totals(lines),
        "form": form,
    }
    return render(request, "partnerships/budget.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def budget_line_edit(request, partnership_slug, cycle_slug, side_slug, line_id):
    cycle, side = _budget_side(request.user, partnership_slug, cycle_slug, side_slug)
    line = get_object_or_404(BudgetLine, pk=line_id, cycle=cycle, side=side)
    data = request.POST if request.method == "POST" else None
    form = BudgetLineForm(data, instance=line)
    if data is not None and form.is_valid():
        form.save()
        messages.success(request, _("The budget line is saved."))
        return redirect("partnerships:budget", partnership_slug, cycle_slug, side_slug)
    context = {"cycle": cycle, "partnership": cycle.partnership, "side": side, "form": form}
    return render(request, "partnerships/budget_line_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def budget_line_delete(request, partnership_slug, cycle_slug, side_slug, line_id):
    cycle, side = _budget_side(request.user, partnership_slug, cycle_slug, side_slug)
    line = get_object_or_404(BudgetLine, pk=line_id, cycle=cycle, side=side)
    if request.method == "POST":
        line.delete()
        messages.success(request, _("The budget line is deleted."))
        return redirect("partnerships:budget", partnership_slug, cycle_slug, side_slug)
    context = {"cycle": cycle, "partnership": cycle.partnership, "side": side, "line": line}
    return render(request, "partnerships/budget_line_delete.html", context)
