"""The reasons shown beside a suggested match, in the reader's language."""

from django.utils.translation import gettext as _

from jumelage.matchmaking.enums import Exchange
from jumelage.matchmaking.recommend import Suggestion


def reasons(suggestion: Suggestion, theme_names: dict[str, str]) -> list[str]:
    """One sentence per reason of `suggestion`, read by the participant it was made for:
    what they seek that the candidate offers, what they offer that it seeks, shared themes
    (named through `theme_names`, key -> translated name). Unknown keys are skipped rather
    than shown raw."""
    found = [
        _("You seek %(what)s; they offer it.") % {"what": Exchange(key).label}
        for key in suggestion.they_offer
        if key in Exchange.values
    ]
    found += [
        _("They seek %(what)s; you offer it.") % {"what": Exchange(key).label}
        for key in suggestion.you_offer
        if key in Exchange.values
    ]
    shared = [theme_names[key] for key in suggestion.themes if key in theme_names]
    if shared:
        found.append(_("Shared themes: %(themes)s.") % {"themes": ", ".join(shared)})
    return found
