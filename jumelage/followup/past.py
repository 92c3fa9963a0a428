"""Beside each new decision, the past: how earlier cycles' selected teams fared, by theme.

The nomination and pick pages (selection) and the themes page (partnerships) come before the
follow-up on the timeline; they name a registry and this module fills it."""

from jumelage.followup.enums import Stage
from jumelage.followup.queries import PastFigures, past_figures
from jumelage.partnerships.models import Theme
from jumelage.partnerships.panels import THEME_PAGE_SECTIONS
from jumelage.partnerships.permissions import is_partnership_manager
from jumelage.selection.panels import DECISION_SECTIONS

TEMPLATE = "followup/_past_by_theme.html"


def register() -> None:
    DECISION_SECTIONS.add("past_outcomes", order=800, template=TEMPLATE, context=past_beside)
    THEME_PAGE_SECTIONS.add("past_outcomes", order=800, template=TEMPLATE, context=past_beside)


def past_beside(actor, cycle) -> dict | None:
    """Each theme of `cycle` with its earlier teams' milestones and outcomes, for the
    partnership's managers (the figures are the programme's working matter)."""
    if not is_partnership_manager(actor, cycle.partnership):
        return None
    themes = list(Theme.objects.filter(cycle=cycle).order_by("pk"))
    if not themes:
        return None
    figures, cycles = past_figures(cycle)
    return {
        "rows": [(theme, figures.get(theme.title_en, PastFigures())) for theme in themes],
        "stages": list(Stage),
        "any": any(theme.title_en in figures for theme in themes),
        "cycles": cycles,
    }
