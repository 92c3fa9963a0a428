"""Meetings and outcomes through each role's token: what the matchmaking and follow-up
pages show, to the same people."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jumelage.api.followup import followed_teams
from jumelage.followup import permissions as followup_permissions
from jumelage.followup.models import Milestone, Outcome
from jumelage.matchmaking import services as matchmaking
from jumelage.matchmaking.enums import MeetingState, ParticipantKind
from jumelage.matchmaking.models import Participant
from tests.followup.factories import hosted
from tests.matchmaking.factories import session_world

ROLES = ["alice", "bob", "tina", "theo", "hana", "rita", "olga"]


def _ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def mm(world):
    mm = session_world(world)
    mm.meeting = matchmaking.add_meeting(
        world.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[0], place=mm.tables[0]
    )
    mm.other = matchmaking.add_meeting(world.users.theo, mm.session, [mm.host, mm.investor])
    return mm


def test_the_organisers_see_every_meeting_a_participant_only_their_own(api, mm):
    path = f"/sessions/{mm.session.pk}/meetings"
    assert _ids(api("theo").get(path)) == [mm.meeting.pk, mm.other.pk]
    assert _ids(api("alice").get(path)) == [mm.meeting.pk]
    assert _ids(api("bob").get(path)) == [mm.other.pk]
    assert api("rita").get(path).status_code == 403
    assert api("bob").get(f"/meetings/{mm.meeting.pk}").status_code == 404


def test_a_meeting_tells_its_time_place_and_parties(api, mm):
    body = api("alice").get(f"/meetings/{mm.meeting.pk}").json()
    assert body["state"] == MeetingState.SCHEDULED
    assert body["place"] == "T1"
    assert body["party_ids"] == sorted([mm.team.pk, mm.host.pk])
    assert body["starts_at"].startswith(mm.slots[0].starts_at.astimezone(dt.UTC).isoformat()[:16])


def test_meetings_filter_by_state(api, mm):
    path = f"/sessions/{mm.session.pk}/meetings?state=to_schedule"
    assert _ids(api("theo").get(path)) == [mm.other.pk]


def test_sessions_are_listed_to_their_organisers_and_participants(api, mm, world):
    for name in ROLES:
        expected = (
            [mm.session.pk] if name in {"alice", "bob", "hana", "tina", "theo", "olga"} else []
        )
        assert _ids(api(name).get(f"/sessions?cycle={world.cycle.pk}")) == expected, name


def test_the_meetings_list_costs_the_same_queries_for_many_meetings(api, mm):
    caller = api("theo")
    path = f"/sessions/{mm.session.pk}/meetings"
    caller.get(path)
    with CaptureQueriesContext(connection) as few:
        caller.get(path)
    for i in range(6):
        guest = Participant.objects.create(
            session=mm.session, kind=ParticipantKind.INVESTOR, name=f"Guest {i}"
        )
        matchmaking.add_meeting(mm.users.theo, mm.session, [mm.team, guest])
    with CaptureQueriesContext(connection) as many:
        assert len(_ids(caller.get(path))) == 8
    assert len(many) == len(few)


@pytest.fixture
def followed(rich_world):
    hosted(rich_world.application, rich_world.offer)
    rich_world.outcome = Outcome.objects.create(application=rich_world.application, pilots=2)
    rich_world.milestone = Milestone.objects.create(
        application=rich_world.application, stage="concept", reached_on=dt.date(2020, 1, 1)
    )
    return rich_world


@pytest.mark.parametrize("name", ROLES)
def test_the_followed_teams_query_agrees_with_the_permission_helper(followed, name):
    user = getattr(followed.users, name)
    listed = set(followed_teams(user, followed.cycle).values_list("pk", flat=True))
    applications = followed.cycle.calls.values_list("applications", flat=True)
    allowed = {
        application.pk
        for application in followed.application.__class__.objects.filter(pk__in=applications)
        if followup_permissions.can_follow(user, application)
    }
    assert listed == allowed


@pytest.mark.parametrize("name", ROLES)
def test_outcomes_and_milestones_go_to_the_teams_followers(api, followed, name):
    follows = name in {"tina", "theo", "hana", "olga"}
    caller = api(name)
    outcomes = _ids(caller.get(f"/outcomes?cycle={followed.cycle.pk}"))
    milestones = _ids(caller.get(f"/milestones?cycle={followed.cycle.pk}&stage=concept"))
    assert outcomes == ([followed.outcome.pk] if follows else [])
    assert milestones == ([followed.milestone.pk] if follows else [])
    one = caller.get(f"/applications/{followed.application.pk}/outcome")
    assert one.status_code == (200 if follows else 404)
    if follows:
        assert one.json()["pilots"] == 2


def test_a_milestone_filter_that_matches_nothing_is_an_empty_page(api, followed):
    path = f"/milestones?cycle={followed.cycle.pk}&stage=business"
    assert _ids(api("tina").get(path)) == []


@pytest.mark.parametrize("query", ["state=maybe", "stage=unicorn"])
def test_an_unknown_state_or_stage_is_a_4xx_that_names_the_choices(api, mm, world, query):
    path = (
        f"/sessions/{mm.session.pk}/meetings?{query}"
        if query.startswith("state")
        else f"/milestones?cycle={world.cycle.pk}&{query}"
    )
    response = api("theo").get(path)
    assert response.status_code == 422
    assert "scheduled" in response.content.decode() or "concept" in response.content.decode()


def test_the_meetings_export_costs_the_same_queries_for_many_meetings(api, mm):
    caller = api("theo")
    path = f"/sessions/{mm.session.pk}/meetings?format=csv"
    caller.get(path)
    with CaptureQueriesContext(connection) as few:
        b"".join(caller.get(path).streaming_content)
    for i in range(6):
        guest = Participant.objects.create(
            session=mm.session, kind=ParticipantKind.INVESTOR, name=f"Guest {i}"
        )
        matchmaking.add_meeting(mm.users.theo, mm.session, [mm.team, guest])
    with CaptureQueriesContext(connection) as many:
        lines = b"".join(caller.get(path).streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 8
    assert len(many) == len(few)


def test_the_milestones_list_costs_the_same_queries_for_many_teams(api, followed):
    caller = api("hana")
    path = f"/milestones?cycle={followed.cycle.pk}"
    caller.get(path)
    with CaptureQueriesContext(connection) as few:
        caller.get(path)
    Milestone.objects.create(
        application=followed.application, stage="service", reached_on=dt.date(2020, 6, 1)
    )
    with CaptureQueriesContext(connection) as many:
        assert len(_ids(caller.get(path))) == 2
    assert len(many) == len(few)
