"""Suggested matches between the participants of a matchmaking session, with their reasons.

Plain data in and out, no Django: a profile is its offer and seek categories (keys such as
"pilot" or "investment"), its themes and its free text in any of zh-Hant, fr and en. The
reasons are returned as keys, not sentences, so the page that shows them translates them
("you seek a pilot; they offer one") in the reader's language.

A candidate's score weighs three things, each in [0, 1]:
- complementarity (half the score): the share of each side's seeks that the other offers,
  averaged over both sides, so a meeting useful to both ranks above a one-sided one;
- shared themes (three tenths): the Jaccard index of the two theme sets;
- text similarity (a fifth): the cross-language character n-gram affinity that the reviewer
  assignment uses, so "aéronautique" and "aeronautics" still meet without a translation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jumelage.optimize.affinity import text_affinity

COMPLEMENTARITY = 0.5
THEMES = 0.3
TEXT = 0.2


@dataclass(frozen=True)
class Profile:
    offers: frozenset[str]
    seeks: frozenset[str]
    themes: frozenset[str] = frozenset()
    text: str = ""


@dataclass(frozen=True)
class Suggestion:
    candidate: int
    score: float
    they_offer: tuple[str, ...]  # what the candidate offers that this participant seeks
    you_offer: tuple[str, ...]  # what this participant offers that the candidate seeks
    themes: tuple[str, ...]
    similarity: float


def suggest_all(
    profiles: Sequence[Profile], *, limit: int = 10, excluded: Sequence[frozenset[int]] = ()
) -> list[list[Suggestion]]:
    """For every profile, its best `limit` candidates, best first; never itself, never one
    of `excluded[i]` (those it already asked or meets), never one with nothing in common."""
    if not profiles:
        return []
    texts = [profile.text for profile in profiles]
    similarity = text_affinity(texts, texts)
    return [
        _ranked(
            profiles, index, similarity[index], excluded[index] if excluded else frozenset(), limit
        )
        for index in range(len(profiles))
    ]


def _ranked(profiles, index, similarities, excluded, limit) -> list[Suggestion]:
    own = profiles[index]
    found = []
    for candidate, other in enumerate(profiles):
        if candidate == index or candidate in excluded:
            continue
        suggestion = _suggestion(own, other, candidate, float(similarities[candidate]))
        if suggestion.score > 0:
            found.append(suggestion)
    found.sort(key=lambda suggestion: (-suggestion.score, suggestion.candidate))
    return found[:limit]


def _suggestion(own: Profile, other: Profile, candidate: int, similarity: float) -> Suggestion:
    they_offer = tuple(sorted(own.seeks & other.offers))
    you_offer = tuple(sorted(other.seeks & own.offers))
    themes = tuple(sorted(own.themes & other.themes))
    complementarity = (_share(they_offer, own.seeks) + _share(you_offer, other.seeks)) / 2
    theme_union = own.themes | other.themes
    theme_score = len(themes) / len(theme_union) if theme_union else 0.0
    score = COMPLEMENTARITY * complementarity + THEMES * theme_score + TEXT * similarity
    return Suggestion(candidate, score, they_offer, you_offer, themes, similarity)


def _share(met: tuple[str, ...], wanted: frozenset[str]) -> float:
    return len(met) / len(wanted) if wanted else 0.0
