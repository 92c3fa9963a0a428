"""Selection's panel of the cycle page (the cross-selection for managers, the results once
both sides have confirmed their picks) and the outcome each applicant sees on their pages
once their side has published its decisions."""

from django.urls import reverse

from jumelage.calls import outcomes
from jumelage.calls.enums import ApplicationState
from jumelage.calls.outcomes import Outcome
from jumelage.core.registry import Sections
from jumelage.partnerships.panels import CYCLE_PANELS
from jumelage.selection.enums import Decision, PickChoice
from jumelage.selection.models import Nomination, PickEntry, Place
from jumelage.selection.permissions import can_see_overview
from jumelage.selection.queries import both_final

# Sections beside a nomination or a pick, `fn(actor, cycle)`: how earlier cycles' teams
# fared, from the follow-up.
DECISION_SECTIONS = Sections("what stands beside a nomination or a pick")


def register() -> None:
    CYCLE_PANELS.add("selection", order=500, template="selection/_cycle_panel.html", context=_panel)


def _panel(actor, cycle) -> dict | None:
    panel = {
        "can_see_overview": can_see_overview(actor, cycle),
        "results_published": both_final(cycle),
    }
    return panel if any(panel.values()) else None


def register_outcomes() -> None:
    outcomes.register("selection", 500, published_outcomes)


def published_outcomes(applications) -> dict:
    """The outcome of each submitted application whose side has published its decisions."""
    submitted = [a for a in applications if a.state == ApplicationState.SUBMITTED]
    published = set(
        Nomination.objects.filter(
            decisions_published_at__isnull=False,
            cycle_id__in={a.call.cycle_id for a in submitted},
            side_id__in={a.call.side_id for a in submitted},
        ).values_list("cycle_id", "side_id")
    )
    told = [a for a in submitted if (a.call.cycle_id, a.call.side_id) in published]
    if not told:
        return {}
    ids = [a.pk for a in told]
    places = {p.application_id: p for p in Place.objects.filter(application_id__in=ids)}
    reserves = set(
        PickEntry.objects.filter(
            choice=PickChoice.RESERVE, entry__application_id__in=ids
        ).values_list("entry__application_id", flat=True)
    )
    return {a.pk: _outcome(a.pk, places.get(a.pk), reserves) for a in told}


def _outcome(application_id, place, reserves) -> Outcome:
    if place is not None:
        link = reverse("selection:place", kwargs={"pk": place.pk})
        if place.is_held:
            return Outcome(str(Decision.SELECTED.label), "selected", link)
        return Outcome(str(place.get_state_display()), "declined", link)
    if application_id in reserves:
        return Outcome(str(Decision.RESERVE.label), "reserve")
    return Outcome(str(Decision.NOT_SELECTED.label), "not-selected")
