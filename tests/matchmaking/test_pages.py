import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.matchmaking import services
from jumelage.matchmaking.enums import MeetingState, RequestState
from jumelage.matchmaking.models import Availability, Meeting, Place, Request

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


def test_a_participant_sees_suggestions_with_their_reason(client, mm):
    page = _client(client, mm.users.alice).get(reverse("matchmaking:session", args=[mm.session.pk]))
    assert page.status_code == 200
    assert "You seek investment; they offer it." in page.content.decode()
    assert "Midi Capital" in page.content.decode()


def test_a_request_and_its_acceptance_through_the_pages(client, mm):
    url = reverse("matchmaking:request_send", args=[mm.session.pk])
    _client(client, mm.users.alice).post(
        url, {"recipient": mm.investor.pk, "priority": 3, "message": "Bonjour"}
    )
    request = Request.objects.get()
    client.force_login(mm.users.bob)
    answer = reverse("matchmaking:request_answer", args=[request.pk])
    client.post(answer, {"accept": "yes", "answer": "Avec plaisir"})
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED
    again = client.post(answer, {"accept": "yes"}, follow=True)
    assert "already been answered" in again.content.decode()


def test_a_request_to_oneself_answers_with_a_message(client, mm):
    url = reverse("matchmaking:request_send", args=[mm.session.pk])
    page = _client(client, mm.users.alice).post(
        url, {"recipient": mm.team.pk, "priority": 1}, follow=True
    )
    assert "You cannot ask to meet yourself." in page.content.decode()
    assert not Request.objects.exists()


def test_a_request_to_nobody_answers_with_a_message(client, mm):
    url = reverse("matchmaking:request_send", args=[mm.session.pk])
    page = _client(client, mm.users.alice).post(
        url, {"recipient": 999999, "priority": 1}, follow=True
    )
    assert "not in your matchmaking session" in page.content.decode()


def test_the_organiser_schedules_and_both_see_it_in_their_feed(client, mm):
    request = services.send_request(mm.users.alice, mm.team, mm.investor)
    services.answer_request(mm.users.bob, request.pk, accept=True)
    page = _client(client, mm.users.theo).post(
        reverse("matchmaking:schedule_run", args=[mm.session.pk]), follow=True
    )
    assert page.status_code == 200
    meeting = Meeting.objects.get()
    assert meeting.state == MeetingState.SCHEDULED
    for party in (mm.team, mm.investor):
        feed = client.get(reverse("matchmaking:agenda_ical", args=[party.ical_token]))
        events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
        assert [e.decoded("dtstart") for e in events] == [meeting.slot.starts_at]


def test_the_grid_costs_the_same_queries_whatever_its_size(
    client, mm, django_assert_max_num_queries
):
    for other, user in ((mm.investor, mm.users.bob), (mm.host, mm.users.hana)):
        request = services.send_request(mm.users.alice, mm.team, other)
        services.answer_request(user, request.pk, accept=True)
    _client(client, mm.users.theo).post(reverse("matchmaking:schedule_run", args=[mm.session.pk]))
    with django_assert_max_num_queries(20):
        page = client.get(reverse("matchmaking:grid", args=[mm.session.pk]))
    assert page.status_code == 200
    assert page.content.decode().count("check-in/") == 4


def test_a_participant_cannot_see_the_grid(client, mm):
    page = _client(client, mm.users.alice).get(reverse("matchmaking:grid", args=[mm.session.pk]))
    assert page.status_code == 403


def test_an_outsider_cannot_see_the_session(client, mm):
    page = _client(client, mm.users.rita).get(reverse("matchmaking:session", args=[mm.session.pk]))
    assert page.status_code == 403


def test_a_second_run_while_one_runs_is_refused_with_a_message(client, mm):
    services.start_run(mm.users.theo, mm.session)
    page = _client(client, mm.users.theo).post(
        reverse("matchmaking:schedule_run", args=[mm.session.pk]), follow=True
    )
    assert "already under way" in page.content.decode()


def test_check_in_then_feedback(client, mm):
    meeting = services.add_meeting(
        mm.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[0], place=mm.tables[0]
    )
    _client(client, mm.users.alice).post(
        reverse("matchmaking:check_in", args=[meeting.pk]), {"state": "held"}
    )
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD
    client.post(
        reverse("matchmaking:feedback", args=[meeting.pk]),
        {"interest": "pilot", "satisfaction": 5, "note": "Pilot at Airbus"},
    )
    assert meeting.feedback.get().interest == "pilot"


def test_the_profile_page_saves(client, mm):
    url = reverse("matchmaking:profile_edit", args=[mm.session.pk])
    page = _client(client, mm.users.alice).post(
        url,
        {"language": "fr", "description": "Capteurs", "offers": ["technology"], "seeks": ["pilot"]},
    )
    assert page.status_code == 302
    mm.team.profile.refresh_from_db()
    assert mm.team.profile.seeks == ["pilot"]


def test_the_agenda_shows_the_sessions_clock_whatever_the_readers_zone(client, mm):
    meeting = services.add_meeting(
        mm.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[2], place=mm.tables[0]
    )
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    start, end = (
        t.astimezone(paris).strftime("%H:%M")
        for t in (meeting.slot.starts_at, meeting.slot.ends_at)
    )
    with timezone.override("Asia/Taipei"):
        page = _client(client, mm.users.alice).get(
            reverse("matchmaking:agenda", args=[mm.session.pk])
        )
    assert f"{start}–{end}" in page.content.decode()


def test_an_organiser_meeting_in_a_slot_a_party_blocked_gets_a_message(client, mm):
    Availability.objects.create(participant=mm.team, slot=mm.slots[0], available=False)
    page = _client(client, mm.users.theo).post(
        reverse("matchmaking:meeting_add", args=[mm.session.pk]),
        {
            "parties": [mm.team.pk, mm.host.pk],
            "slot": mm.slots[0].pk,
            "place": mm.tables[0].pk,
            "priority": 3,
        },
    )
    assert page.status_code == 200
    assert "Not available in this slot: Orchid." in page.content.decode()
    assert not Meeting.objects.exists()


def test_a_virtual_meeting_is_at_its_link_not_at_the_venue(client, mm):
    room = Place.objects.create(
        session=mm.session, name="Visio", seats=4, link="https://visio.example.org/r"
    )
    services.add_meeting(
        mm.users.theo, mm.session, [mm.team, mm.host], slot=mm.slots[0], place=room
    )
    feed = client.get(reverse("matchmaking:agenda_ical", args=[mm.team.ical_token]))
    (event,) = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert (str(event["location"]), str(event["url"])) == ("Visio", "https://visio.example.org/r")
