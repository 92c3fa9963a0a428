"""Partnerships, cycles, stages and themes: what their pages show, to the same people."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from ninja import Query, Router, Status

from jumelage.api.auth import require_write
from jumelage.api.common import ERRORS, PageQuery, cycle_or_404, listing, one
from jumelage.api.paging import detail, page
from jumelage.api.schemas import CycleOut, PartnershipOut, StageOut, ThemeIn, ThemeOut
from jumelage.partnerships import permissions
from jumelage.partnerships.enums import ThemeState
from jumelage.partnerships.forms import ThemeProposalForm
from jumelage.partnerships.models import Cycle, Stage, Theme
from jumelage.partnerships.queries import partnerships_with_cycles
from jumelage.partnerships.services import propose_theme

router = Router(tags=["partnerships"])


@router.get("/partnerships", response=listing(PartnershipOut))
def list_partnerships(request, paging: Query[PageQuery]):
    return page(request, partnerships_with_cycles(), PartnershipOut, paging)


@router.get("/partnerships/{partnership_id}", response=one(PartnershipOut))
def get_partnership(request, partnership_id: int):
    return detail(
        request, get_object_or_404(partnerships_with_cycles(), pk=partnership_id), PartnershipOut
    )


@router.get("/cycles", response=listing(CycleOut))
def list_cycles(request, paging: Query[PageQuery], partnership: int | None = None):
    cycles = Cycle.objects.all()
    if partnership is not None:
        cycles = cycles.filter(partnership_id=partnership)
    return page(request, cycles, CycleOut, paging)


@router.get("/cycles/{cycle_id}", response=one(CycleOut))
def get_cycle(request, cycle_id: int):
    return detail(request, get_object_or_404(Cycle, pk=cycle_id), CycleOut)


@router.get("/stages", response=listing(StageOut))
def list_stages(request, paging: Query[PageQuery], cycle: int | None = None):
    stages = Stage.objects.all()
    if cycle is not None:
        if abs(cycle) >= 2**63:  # SQLite refuses it, PostgreSQL finds nothing: say so on both
            raise OverflowError
        stages = stages.filter(cycle_id=cycle)
    return page(request, stages, StageOut, paging)


@router.get("/stages/{stage_id}", response=one(StageOut))
def get_stage(request, stage_id: int):
    return detail(request, get_object_or_404(Stage, pk=stage_id), StageOut)


@router.get("/themes", response=listing(ThemeOut))
def list_themes(request, cycle: int, paging: Query[PageQuery], state: ThemeState | None = None):
    """The themes of one cycle: agreed ones for everyone, proposals for its managers."""
    themes = permissions.visible_themes(request.user, cycle_or_404(cycle))
    if state is not None:
        themes = themes.filter(state=state)
    return page(request, themes, ThemeOut, paging)


@router.get("/themes/{theme_id}", response=one(ThemeOut))
def get_theme(request, theme_id: int):
    theme = get_object_or_404(Theme.objects.select_related("cycle__partnership"), pk=theme_id)
    visible = permissions.visible_themes(request.user, theme.cycle)
    return detail(request, get_object_or_404(visible, pk=theme_id), ThemeOut)


@router.post("/themes", response={201: ThemeOut, **ERRORS})
def propose(request, data: ThemeIn):
    """Propose a theme for a side you manage, as the themes page does (scope `write`).
    `title` and `description` map a language code (zh-hant, fr, en) to the text."""
    require_write(request)
    cycle = cycle_or_404(data.cycle_id)
    sides = permissions.managed_sides(request.user, cycle.partnership)
    if not sides:
        raise PermissionDenied(_("Only the managers of a side can propose its themes."))
    form = ThemeProposalForm(_form_data(data), sides=sides)
    if not form.is_valid():
        return Status(
            400, {"detail": [f"{name}: {m}" for name, ms in form.errors.items() for m in ms]}
        )
    theme = propose_theme(request.user, cycle, form.cleaned_data["side"], **form.translations())
    return Status(201, theme)


def _form_data(data: ThemeIn) -> dict:
    """The JSON body as the themes page's form would post it."""
    form = {"side": data.side_id}
    for name, texts in (("title", data.title), ("description", data.description)):
        for code, text in texts.items():
            form[build_localized_fieldname(name, code)] = text
    return form
