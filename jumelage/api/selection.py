"""Nominations, picks and results, as the selection pages show them.

A side's managers see their own nomination whole; the partner side's managers see it once
it is sent, and only its nominated applicants, with the score and the justification when
the nominating side shares them. A pick is the picking side's work; the nominating side
sees it once proposed. The results are public once both directions are final."""

from functools import partial

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from jumelage.api.common import PageQuery, cycle_or_404, listing, one
from jumelage.api.paging import detail, page
from jumelage.api.schemas import NominationOut, PickOut, ResultsOut
from jumelage.selection import permissions, queries
from jumelage.selection.enums import PickState
from jumelage.selection.models import Nomination, Pick

router = Router(tags=["selection"])


def _nominations():
    return Nomination.objects.select_related("cycle__partnership", "side")


def _nomination_view(user, nomination) -> dict | None:
    """What `user` may read of `nomination`, or None when it does not exist for them."""
    cycle, side = nomination.cycle, nomination.side
    if permissions.can_nominate(user, side):
        entries, shares = queries.entries_of(nomination), (True, True)
    elif permissions.can_pick_from(user, cycle, side) and nomination.is_sent:
        entries = queries.entries_for_partner(nomination)
        shares = (nomination.share_summary, nomination.share_justification)
    else:
        return None
    return {
        "id": nomination.pk,
        "cycle_id": cycle.pk,
        "side_id": side.pk,
        "state": nomination.state,
        "sent_at": nomination.sent_at,
        "entries": [
            {
                "application_id": entry.application_id,
                "kind": entry.kind,
                "order": entry.order,
                "team_name": entry.application.team_name,
                "theme_id": entry.application.theme_id,
                "summary": entry.summary if shares[0] else None,
                "justification": entry.justification if shares[1] else None,
            }
            for entry in entries
        ],
    }


def _pick_view(user, pick) -> dict | None:
    nomination = pick.nomination
    picker = permissions.can_pick_from(user, nomination.cycle, nomination.side)
    nominator = permissions.can_nominate(user, nomination.side)
    if not (picker or (nominator and pick.state != PickState.DRAFT)):
        return None
    return {
        "id": pick.pk,
        "nomination_id": nomination.pk,
        "nominating_side_id": nomination.side_id,
        "side_id": pick.side_id,
        "state": pick.state,
        "proposed_at": pick.proposed_at,
        "confirmed_at": pick.confirmed_at,
        "lines": [
            {
                "application_id": line.entry.application_id,
                "choice": line.choice,
                "order": line.order,
                "reason": line.reason,
            }
            for line in queries.pick_lines(pick)
        ],
    }


def _visible(user, rows, view) -> list[int]:
    return [row.pk for row in rows if view(user, row) is not None]


@router.get("/nominations", response=listing(NominationOut))
def list_nominations(request, cycle: int, paging: Query[PageQuery]):
    """The cycle's nominations the token's owner may read (see above)."""
    found = cycle_or_404(cycle)
    rows = _nominations().filter(cycle=found)
    visible = rows.filter(pk__in=_visible(request.user, rows, _nomination_view))
    convert = partial(_nomination_view, request.user)
    return page(request, visible, NominationOut, paging, convert)


@router.get("/nominations/{nomination_id}", response=one(NominationOut))
def get_nomination(request, nomination_id: int):
    view = _nomination_view(request.user, get_object_or_404(_nominations(), pk=nomination_id))
    if view is None:
        raise Http404
    return detail(request, view, NominationOut)


def _picks():
    return Pick.objects.select_related("nomination__cycle__partnership", "nomination__side")


@router.get("/picks", response=listing(PickOut))
def list_picks(request, cycle: int, paging: Query[PageQuery]):
    found = cycle_or_404(cycle)
    rows = _picks().filter(nomination__cycle=found)
    visible = rows.filter(pk__in=_visible(request.user, rows, _pick_view))
    convert = partial(_pick_view, request.user)
    return page(request, visible, PickOut, paging, convert)


@router.get("/picks/{pick_id}", response=one(PickOut))
def get_pick(request, pick_id: int):
    view = _pick_view(request.user, get_object_or_404(_picks(), pk=pick_id))
    if view is None:
        raise Http404
    return detail(request, view, PickOut)


@router.get("/results", response=one(ResultsOut))
def get_results(request, cycle: int):
    """The announced teams of a cycle, once both directions are final (404 before)."""
    found = cycle_or_404(cycle)
    if not queries.both_final(found):
        raise Http404
    payload = {
        "cycle_id": found.pk,
        "results": [
            {
                "side_id": result.side.pk,
                "host_side_id": result.host.pk,
                "teams": [
                    {
                        "application_id": application.pk,
                        "team_name": application.team_name,
                        "organisation": application.organisation if published else None,
                        "theme_id": application.theme_id,
                        "pitch": pitch,
                    }
                    for application, published, pitch in result.teams
                ],
            }
            for result in queries.results(found)
        ],
    }
    return detail(request, payload, ResultsOut)
