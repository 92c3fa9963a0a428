"""Registries: how a page of an earlier app gathers what later apps add to it.

Imports run down the timeline, so a page that shows something of every stage (the cycle
page, the home page, a person's data) cannot import the later stages. Its app names a
`Registry` instead, and each later app registers its part from its `AppConfig.ready()`.
Entries are keyed by name, so registering twice (tests, the autoreloader) replaces."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any


class Registry:
    """Named entries, read in ascending `order` (then name, so the order is stable)."""

    def __init__(self, purpose: str):
        self.purpose = purpose
        self._entries: dict[str, tuple[int, Any]] = {}

    def register(self, name: str, order: int, entry: Any) -> None:
        self._entries[name] = (order, entry)

    def names(self) -> list[str]:
        return [name for name, _entry in self._sorted()]

    def __iter__(self) -> Iterator[Any]:
        return (entry for _name, entry in self._sorted())

    def _sorted(self):
        items = sorted(self._entries.items(), key=lambda item: (item[1][0], item[0]))
        return [(name, entry) for name, (_order, entry) in items]

    def __repr__(self):
        return f"<Registry {self.purpose}: {', '.join(self.names())}>"


@dataclass(frozen=True)
class Section:
    """A part of a page: the template that shows it and the function that builds its
    context from the page's arguments, or returns None when there is nothing to show."""

    template: str
    context: Callable[..., dict | None]


@dataclass(frozen=True)
class Shown:
    template: str
    context: dict


class Sections(Registry):
    """The sections a page shows, in order; templates include them with
    `{% for section in sections %}{% include section.template with panel=section.context %}`."""

    def add(self, name: str, *, order: int, template: str, context: Callable[..., dict | None]):
        self.register(name, order, Section(template, context))

    def shown(self, *args) -> list[Shown]:
        """The sections with something to show for these arguments, in order."""
        built = ((section.template, section.context(*args)) for section in self)
        return [Shown(template, context) for template, context in built if context is not None]
