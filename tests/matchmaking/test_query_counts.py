"""The list pages cost a fixed number of queries whatever their length (no N+1): measured
with a few rows, then with many more, the count must not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jumelage.matchmaking import services
from jumelage.matchmaking.enums import MeetingState
from jumelage.matchmaking.models import Participant, Place, Profile

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _more_participants(mm, n, start):
    for i in range(start, start + n):
        other = Participant.objects.create(
            session=mm.session, kind="corporate", name=f"Corporate {i}"
        )
        Profile.objects.create(participant=other, offers=["investment"], seeks=["technology"])
        if i < mm.session.request_cap:
            services.send_request(mm.users.alice, mm.team, other)


def _meetings(mm, slots):
    for i in slots:
        place = Place.objects.create(session=mm.session, venue=mm.venue, name=f"R{i}", seats=6)
        other = Participant.objects.create(session=mm.session, kind="investor", name=f"Fund {i}")
        meeting = services.add_meeting(
            mm.users.theo, mm.session, [mm.team, other], slot=mm.slots[i], place=place
        )
        services.check_in(mm.users.theo, meeting, MeetingState.HELD)


def test_the_session_page_does_not_grow_with_the_participants(client, mm):
    client.force_login(mm.users.alice)
    url = reverse("matchmaking:session", args=[mm.session.pk])
    _more_participants(mm, 2, 0)
    few = _queries(client, url)
    _more_participants(mm, 8, 2)
    assert _queries(client, url) <= few


def test_the_agenda_does_not_grow_with_the_meetings(client, mm):
    client.force_login(mm.users.alice)
    url = reverse("matchmaking:agenda", args=[mm.session.pk])
    _meetings(mm, [0])
    few = _queries(client, url)
    _meetings(mm, [1, 2, 3])
    assert _queries(client, url) <= few
