"""Every API operation against every role, read from the OpenAPI schema: an operation
without a row here fails `test_every_operation_is_in_the_matrix`.

The world is the shared rich world, plus a sent Taichung nomination with the partner's
proposed pick, a Taichung committee on which rita holds a seat (with a review of alice's
application) and carla the chair's, a blind Toulouse committee with blake on it, and
Taichung's delegation
to Toulouse with bob as a traveller; a Toulouse matchmaking session where alice's team
meets hana's La Cantine (bob takes part as an investor, in no meeting), and alice's team,
hosted by La Cantine, with an outcome and a milestone."""

import pytest
from django.utils import timezone

from jumelage.api.main import api as ninja_api
from jumelage.followup.models import Milestone, Outcome
from jumelage.matchmaking import services as matchmaking
from jumelage.review.enums import MemberRole
from jumelage.review.models import Committee, Member, Review
from jumelage.selection.enums import NominationState, PickState
from jumelage.selection.models import Nomination, Pick
from tests import factories as f
from tests.exchange.factories import ItineraryItemFactory, trip
from tests.followup.factories import hosted
from tests.matchmaking.factories import session_world
from tests.roles import ROLES

OK, UNAUTHORIZED, DENIED, MISSING, INVALID = 200, 401, 403, 404, 422


def everyone(status):
    return {"anonymous": UNAUTHORIZED, **dict.fromkeys(ROLES[1:], status)}


def only(status_else, **allowed):
    return {**everyone(status_else), **allowed}


MANAGERS = {"tina": OK, "theo": OK, "olga": OK}
TAICHUNG = {"tina": OK, "olga": OK}
MEMBERS = {**MANAGERS, "hana": OK}
FOLLOWERS = MEMBERS

# (method, path in the schema): (path with the world's ids, status per role)
ROWS = {
    ("GET", "/api/v1/partnerships"): ("/partnerships", everyone(OK)),
    ("GET", "/api/v1/partnerships/{partnership_id}"): ("/partnerships/{p}", everyone(OK)),
    ("GET", "/api/v1/cycles"): ("/cycles", everyone(OK)),
    ("GET", "/api/v1/cycles/{cycle_id}"): ("/cycles/{c}", everyone(OK)),
    ("GET", "/api/v1/stages"): ("/stages?cycle={c}", everyone(OK)),
    ("GET", "/api/v1/stages/{stage_id}"): ("/stages/{stage}", everyone(OK)),
    ("GET", "/api/v1/themes"): ("/themes?cycle={c}", everyone(OK)),
    ("GET", "/api/v1/themes/{theme_id}"): ("/themes/{proposal}", only(MISSING, **MANAGERS)),
    # Every role's token here is a read token: none may write (403).
    ("POST", "/api/v1/themes"): ("/themes", everyone(DENIED)),
    ("GET", "/api/v1/hosting-offers"): ("/hosting-offers?cycle={c}", only(DENIED, **MEMBERS)),
    ("GET", "/api/v1/hosting-offers/{offer_id}"): (
        "/hosting-offers/{offer}",
        only(DENIED, **MEMBERS),
    ),
    ("GET", "/api/v1/calls"): ("/calls?cycle={c}", everyone(OK)),
    ("GET", "/api/v1/calls/{call_id}"): ("/calls/{draft_call}", only(MISSING, **MANAGERS)),
    ("GET", "/api/v1/calls/{call_id}/applications"): (
        "/calls/{call}/applications",
        only(DENIED, **TAICHUNG),
    ),
    ("GET", "/api/v1/applications"): ("/applications", everyone(OK)),
    ("GET", "/api/v1/applications/{application_id}"): (
        "/applications/{application}",
        only(MISSING, alice=OK, **TAICHUNG),
    ),
    # A seat, the chair's included, reads its own reviews (carla's list is empty); blake's
    # seat is on another committee.
    ("GET", "/api/v1/committees/{committee_id}/reviews"): (
        "/committees/{committee}/reviews",
        only(MISSING, rita=OK, carla=OK, **TAICHUNG),
    ),
    ("GET", "/api/v1/reviews/{review_id}"): (
        "/reviews/{review}",
        only(MISSING, rita=OK, **TAICHUNG),
    ),
    ("GET", "/api/v1/nominations"): ("/nominations?cycle={c}", everyone(OK)),
    ("GET", "/api/v1/nominations/{nomination_id}"): (
        "/nominations/{nomination}",
        only(MISSING, **MANAGERS),
    ),
    ("GET", "/api/v1/picks"): ("/picks?cycle={c}", everyone(OK)),
    ("GET", "/api/v1/picks/{pick_id}"): ("/picks/{pick}", only(MISSING, **MANAGERS)),
    # Not both directions are final: the results are not announced yet, for anyone.
    ("GET", "/api/v1/results"): ("/results?cycle={c}", everyone(MISSING)),
    ("GET", "/api/v1/delegations"): ("/delegations?cycle={c}", only(DENIED, **MANAGERS)),
    ("GET", "/api/v1/delegations/{delegation_id}/itinerary"): (
        "/delegations/{delegation}/itinerary",
        only(DENIED, bob=OK, **MANAGERS),
    ),
    # A participant sees the session and their own meetings; the others see nothing of it.
    ("GET", "/api/v1/sessions"): ("/sessions?cycle={c}", everyone(OK)),
    ("GET", "/api/v1/sessions/{session_id}"): (
        "/sessions/{session}",
        only(MISSING, alice=OK, bob=OK, hana=OK, **MANAGERS),
    ),
    ("GET", "/api/v1/sessions/{session_id}/meetings"): (
        "/sessions/{session}/meetings",
        only(DENIED, alice=OK, bob=OK, hana=OK, **MANAGERS),
    ),
    ("GET", "/api/v1/meetings/{meeting_id}"): (
        "/meetings/{meeting}",
        only(MISSING, alice=OK, hana=OK, **MANAGERS),
    ),
    # Both cities' managers and the hosting organisation's staff follow the team.
    ("GET", "/api/v1/outcomes"): ("/outcomes?cycle={c}", everyone(OK)),
    ("GET", "/api/v1/applications/{application_id}/outcome"): (
        "/applications/{application}/outcome",
        only(MISSING, **FOLLOWERS),
    ),
    ("GET", "/api/v1/milestones"): ("/milestones?cycle={c}", everyone(OK)),
}


def _operations():
    schema = ninja_api.get_openapi_schema()
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
    }


def test_every_operation_is_in_the_matrix():
    assert sorted(_operations() ^ set(ROWS)) == []


def test_every_role_has_an_expectation_in_every_row():
    assert [key for key, (_path, row) in ROWS.items() if set(row) != set(ROLES)] == []


@pytest.fixture
def ids(rich_world):
    w = rich_world
    proposal = f.ThemeFactory(cycle=w.cycle, proposed_by=w.toulouse, state="proposed")
    w.call_tl.published = False
    w.call_tl.save()
    nomination = Nomination.objects.create(
        cycle=w.cycle, side=w.taichung, state=NominationState.SENT, sent_at=timezone.now()
    )
    pick = Pick.objects.create(nomination=nomination, side=w.toulouse, state=PickState.PROPOSED)
    committee = Committee.objects.create(cycle=w.cycle, side=w.taichung)
    seat = Member.objects.create(
        committee=committee, email="rita@reviewers.example", name="Rita", user=w.users.rita
    )
    review = Review.objects.create(member=seat, application=w.application)
    Member.objects.create(
        committee=committee,
        email=w.users.carla.email,
        name="Carla",
        user=w.users.carla,
        role=MemberRole.CHAIR,
    )
    blind = Committee.objects.create(cycle=w.cycle, side=w.toulouse, blind=True)
    Member.objects.create(
        committee=blind, email=w.users.blake.email, name="Blake", user=w.users.blake
    )
    delegation, _traveller = trip(w, user=w.users.bob)
    ItineraryItemFactory(delegation=delegation)
    mm = session_world(w)
    meeting = matchmaking.add_meeting(
        w.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[0], place=mm.tables[0]
    )
    hosted(w.application, w.offer)
    Outcome.objects.create(application=w.application, pilots=2)
    Milestone.objects.create(application=w.application, stage="concept", reached_on="2020-01-01")
    return {
        "p": w.partnership.pk,
        "c": w.cycle.pk,
        "stage": w.cycle.stages.first().pk,
        "proposal": proposal.pk,
        "offer": w.offer.pk,
        "draft_call": w.call_tl.pk,
        "call": w.call_tc.pk,
        "application": w.application.pk,
        "committee": committee.pk,
        "review": review.pk,
        "nomination": nomination.pk,
        "pick": pick.pk,
        "delegation": delegation.pk,
        "session": mm.session.pk,
        "meeting": meeting.pk,
    }


def _cases():
    for key in ROWS:
        for role in ROLES:
            yield pytest.param(key, role, id=f"{key[0]} {key[1]}-{role}")


@pytest.mark.parametrize(("key", "role"), list(_cases()))
def test_role_gets_the_expected_answer(api, ids, key, role):
    template, expectations = ROWS[key]
    caller = api(None if role == "anonymous" else role)
    path = template.format(**ids)
    if key[0] == "POST":
        body = {"cycle_id": ids["c"], "side_id": 1, "title": {"en": "A theme"}}
        response = caller.post(path, body)
    else:
        response = caller.get(path)
    assert response.status_code == expectations[role], response.content
