"""What later stages add to the cycle page and to each side's to-do list.

A later app registers, from its `AppConfig.ready()`:

- `CYCLE_ACTIONS.add(name, order=…, template=…, context=fn)`: buttons in the cycle's
  action bar; `fn(actor, cycle)` returns the template's `panel` context, or None to hide.
- `CYCLE_PANELS.add(name, order=…, template=…, context=fn)`: a section of the page, the
  same way. Orders follow the timeline: calls 300, review 400, selection 500, exchange
  600, matchmaking 700, followup 800.
- `OPEN_TASK_CHECKS.register(name, order, check)`: `check(cycle, side, today)` returns a `Todo`
  for what the side still has to do, or None.
"""

from dataclasses import dataclass

from django.urls import reverse

from jumelage.accounts.pages import MY_SPACE
from jumelage.accounts.permissions import managed_side_ids
from jumelage.core.pages import HOME_SECTIONS
from jumelage.core.registry import Registry, Sections
from jumelage.partnerships.models import Side
from jumelage.partnerships.queries import partnerships_with_cycles

CYCLE_ACTIONS = Sections("the cycle page's actions")
CYCLE_PANELS = Sections("the cycle page's panels")
# Sections of the themes page, `fn(actor, cycle)`: what later stages know of past themes.
THEME_PAGE_SECTIONS = Sections("the themes page's sections")
OPEN_TASK_CHECKS = Registry("what a side still has to do in a cycle")


@dataclass(frozen=True)
class Todo:
    text: str
    url: str = ""


def stage_of(cycle, kind):
    """The cycle's stage of this kind; reads `cycle.stages.all()`, so prefetch them."""
    return next((stage for stage in cycle.stages.all() if stage.kind == kind), None)


def cycle_url(name, cycle, **kwargs) -> str:
    """The address of a page of the cycle, named like `hosting:offers`."""
    return reverse(
        name,
        kwargs={"partnership_slug": cycle.partnership.slug, "cycle_slug": cycle.slug, **kwargs},
    )


def register_home_section() -> None:
    """The partnerships and their cycles, on the home page core serves."""
    HOME_SECTIONS.add(
        "partnerships",
        order=200,
        template="partnerships/_home.html",
        context=lambda actor: {"partnerships": partnerships_with_cycles()},
    )


def register_my_space_section() -> None:
    """The sides a person manages, with their calls' applications, on their own page."""
    MY_SPACE.add(
        "managed_sides", order=100, template="partnerships/_my_space.html", context=_managed_sides
    )


def _managed_sides(user) -> dict | None:
    sides = list(
        Side.objects.filter(pk__in=managed_side_ids(user))
        .select_related("partnership")
        .prefetch_related("calls")
    )
    return {"sides": sides} if sides else None
