"""Two answers to one meeting request at once (a double click, two tabs, two devices), each
on its own database connection: one wins, the other is told so in words, and there is one
meeting, never two. Row locks need PostgreSQL."""

import threading
import time

import pytest
from django.test import Client
from django.urls import reverse

from jumelage.matchmaking import permissions, services
from jumelage.matchmaking.enums import RequestState
from jumelage.matchmaking.models import Meeting, Request
from tests.concurrency import postgresql_only, run_together
from tests.matchmaking.factories import session_world

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), postgresql_only]


@pytest.fixture
def mm(world):
    return session_world(world)


@pytest.fixture
def slow_answer(monkeypatch):
    """Whoever holds the request's lock checks the answerer slowly, so the other waits."""
    check = permissions.can_answer_for

    def slow(user, participant):
        time.sleep(0.5)
        return check(user, participant)

    monkeypatch.setattr(permissions, "can_answer_for", slow)


def _answers(request, *accepts):
    barrier = threading.Barrier(len(accepts))

    def answer(accept):
        def work():
            barrier.wait(timeout=10)
            return services.answer_request(request.recipient.user, request.pk, accept=accept)

        return work

    return run_together(*(answer(accept) for accept in accepts))


def test_two_accepts_at_once_make_one_meeting_and_the_second_is_told(mm, slow_answer):
    request = services.send_request(mm.users.alice, mm.team, mm.investor)
    outcomes = _answers(request, True, True)
    won = [o["value"] for o in outcomes if "value" in o]
    refused = [o["error"] for o in outcomes if "error" in o]
    assert len(won) == 1 and won[0].state == RequestState.ACCEPTED
    assert len(refused) == 1 and "already been answered" in " ".join(refused[0].messages)
    assert Meeting.objects.filter(request=request).count() == 1
    assert set(Meeting.objects.get().parties.values_list("pk", flat=True)) == {
        mm.team.pk,
        mm.investor.pk,
    }


def test_an_accept_and_a_decline_at_once_leave_one_answer_whole(mm, slow_answer):
    request = services.send_request(mm.users.alice, mm.team, mm.investor)
    outcomes = _answers(request, True, False)
    assert sum("value" in o for o in outcomes) == 1
    request.refresh_from_db()
    accepted = request.state == RequestState.ACCEPTED
    assert Meeting.objects.count() == (1 if accepted else 0)


def test_two_accepts_from_the_page_at_once_answer_both_and_keep_one(mm, slow_answer):
    request = services.send_request(mm.users.alice, mm.team, mm.investor)
    url = reverse("matchmaking:request_answer", args=[request.pk])
    barrier = threading.Barrier(2)

    def post():
        client = Client()
        client.force_login(mm.users.bob)
        barrier.wait(timeout=10)
        response = client.post(url, {"accept": "yes", "answer": "Oui"}, follow=True)
        return response.redirect_chain[0][1], response.content.decode()

    outcomes = run_together(post, post)
    assert [o.get("error") for o in outcomes] == [None, None]
    assert [o["value"][0] for o in outcomes] == [302, 302]
    pages = [o["value"][1] for o in outcomes]
    assert sum("Your answer is sent." in page for page in pages) == 1
    assert sum("already been answered" in page for page in pages) == 1
    assert Request.objects.get().state == RequestState.ACCEPTED
    assert Meeting.objects.count() == 1
