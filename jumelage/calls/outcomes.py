"""The outcome a later stage announces for an application, shown on the applicant's pages.

The calls come before the selection on the timeline, so they cannot ask it; the selection
registers a function from its `AppConfig.ready()` instead. Each function takes a list of
applications and returns {application id: Outcome} for those it has announced."""

from collections.abc import Callable
from dataclasses import dataclass

from jumelage.core.registry import Registry


@dataclass(frozen=True)
class Outcome:
    label: str
    badge: str  # the CSS class of its badge
    link: str = ""  # where the applicant answers or reads more, if anywhere


OUTCOMES = Registry("an application's announced outcome")


def register(name: str, order: int, outcomes: Callable[[list], dict]) -> None:
    OUTCOMES.register(name, order, outcomes)


def outcomes_of(applications) -> dict:
    """{application id: Outcome}; a later stage's announcement overrides an earlier one."""
    applications = list(applications)
    found: dict = {}
    for outcomes in OUTCOMES:
        found.update(outcomes(applications))
    return found


def with_outcomes(applications) -> list:
    """The applications, each with `.announced` set (None while nothing is announced)."""
    applications = list(applications)
    found = outcomes_of(applications)
    for application in applications:
        application.announced = found.get(application.pk)
    return applications
