"""The six-month question: asked once through the outbox when due, answered on its page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.matchmaking import outcomes, queries, services, tasks
from jumelage.matchmaking.enums import MeetingState
from jumelage.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _held(mm, interest="pilot", slot=0):
    meeting = services.add_meeting(
        mm.users.theo, mm.session, [mm.team, mm.investor], slot=mm.slots[slot], place=mm.tables[0]
    )
    services.check_in(mm.users.theo, meeting, MeetingState.HELD)
    meeting.refresh_from_db()
    return services.leave_feedback(
        mm.users.alice, meeting, mm.team, interest=interest, satisfaction=4
    )


def _asked():
    return OutboxMessage.objects.filter(template_key="matchmaking-outcome-due")


def _months_later(mm, days):
    return mm.slots[0].starts_at + dt.timedelta(days=days)


def _move_into_the_past(mm, days=200):
    for slot in mm.slots:
        slot.starts_at -= dt.timedelta(days=days)
        slot.ends_at -= dt.timedelta(days=days)
        slot.save()


def test_the_question_waits_six_months_then_is_sent_once(mm):
    _held(mm)
    assert outcomes.ask(_months_later(mm, 100)) == 0
    assert not _asked().exists()
    assert outcomes.ask(_months_later(mm, 183)) == 1
    outcomes.ask(_months_later(mm, 190))
    message = _asked().get()
    assert message.recipient_email == mm.users.alice.email
    assert "Midi Capital" in message.subject
    assert "/feedback/" in message.body and "/outcome/" in message.body


def test_feedback_without_hope_of_a_follow_up_is_never_asked(mm):
    _held(mm, interest="none")
    assert outcomes.ask(_months_later(mm, 400)) == 0


def test_an_answered_question_is_not_due_any_more(mm):
    feedback = _held(mm)
    later = _months_later(mm, 183)
    services.record_outcome(mm.users.alice, feedback, outcome="agreement", now=later)
    assert outcomes.ask(later) == 0


def test_the_task_takes_a_moved_clock(mm):
    _held(mm)
    tasks.ask_outcomes.delay(_months_later(mm, 183).isoformat())
    assert _asked().count() == 1


def test_the_page_says_when_the_question_opens_and_refuses_an_early_answer(client, mm):
    feedback = _held(mm)
    client.force_login(mm.users.alice)
    url = reverse("matchmaking:outcome", args=[feedback.pk])
    assert "what came of this meeting from" in client.get(url).content.decode()
    early = client.post(url, {"outcome": "negotiation"})
    assert early.status_code == 400
    feedback.refresh_from_db()
    assert feedback.outcome == ""


def test_the_party_answers_on_the_page_six_months_on(client, mm):
    feedback = _held(mm)
    _move_into_the_past(mm)
    client.force_login(mm.users.alice)
    agenda = client.get(reverse("matchmaking:agenda", args=[mm.session.pk])).content.decode()
    assert f'id="outcome-{feedback.pk}"' in agenda
    url = reverse("matchmaking:outcome", args=[feedback.pk])
    page = client.post(url, {"outcome": "negotiation", "note": "Term sheet in March"})
    assert page.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.outcome, feedback.outcome_note) == ("negotiation", "Term sheet in March")
    assert feedback.outcome_at <= timezone.now()


def test_a_bad_answer_is_refused_with_a_message(client, mm):
    feedback = _held(mm)
    _move_into_the_past(mm)
    client.force_login(mm.users.alice)
    page = client.post(reverse("matchmaking:outcome", args=[feedback.pk]), {"outcome": "lottery"})
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()


def test_another_party_cannot_answer_for_them(client, mm):
    feedback = _held(mm)
    client.force_login(mm.users.bob)
    assert client.get(reverse("matchmaking:outcome", args=[feedback.pk])).status_code == 403


def test_the_organisers_figures_count_the_answers(mm):
    feedback = _held(mm)
    later = _months_later(mm, 183)
    services.record_outcome(mm.users.alice, feedback, outcome="agreement", now=later)
    figures = queries.figures(mm.session)
    assert figures["outcomes"] == [("agreement reached", 1)]
    assert figures["follow_ups"] == [("a pilot", 1)]
