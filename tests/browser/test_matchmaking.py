"""Two participants exchange a request, the organiser schedules, both find the meeting in
their agenda and in their calendar feed (parsed back), one checks in on a phone, the other
leaves feedback; in each of the site's languages. Elements are found by id and address."""

import icalendar
import pytest
from playwright.sync_api import expect

from jumelage.matchmaking.enums import MeetingState, RequestState
from jumelage.matchmaking.models import Feedback, Meeting, Request
from tests.browser.steps import HTML_LANG, LANGUAGES, LOCALES
from tests.matchmaking.factories import session_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


@pytest.fixture
def browser_locale(language):
    return LOCALES[language]


@pytest.fixture
def mm(world):
    return session_world(world)


def _url(live_server, language, path):
    return f"{live_server.url}/{language}/matchmaking/{path}"


def ask(page, live_server, language, mm, screenshot):
    page.goto(_url(live_server, language, f"{mm.session.pk}/"))
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])
    form = page.locator(f"#ask-{mm.investor.pk}")
    form.locator("select[name=priority]").select_option("3")
    form.locator("textarea[name=message]").fill("Un pilote à Toulouse ?")
    screenshot(f"{language}-suggestions")
    form.locator("button").click()
    expect(page.locator(f"#sent-{mm.investor.pk}")).to_be_visible()
    screenshot(f"{language}-sent")


def accept(page, live_server, language, mm, screenshot):
    request = Request.objects.get(sender=mm.team, recipient=mm.investor)
    page.goto(_url(live_server, language, f"{mm.session.pk}/"))
    form = page.locator(f"#answer-{request.pk}")
    form.locator("input[name=answer]").fill("Avec plaisir")
    screenshot(f"{language}-received")
    form.locator("button[value=yes]").click()
    expect(page.locator(f"#received-{request.pk}")).to_have_attribute("data-state", "accepted")
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED


def add_a_virtual_room(page, live_server, language, mm, screenshot):
    page.goto(_url(live_server, language, f"{mm.session.pk}/"))
    page.locator("#setup").click()
    expect(page.locator("#places")).to_contain_text("T1")
    screenshot(f"{language}-setup")
    page.locator('#places a[href$="/places/add/"]').click()
    page.fill("#id_name", "Visio")
    page.locator("main form button.primary").click()
    expect(page.locator("main form .errorlist, main form .error-summary").first).to_be_visible()
    screenshot(f"{language}-place-error")
    page.fill("#id_link", "https://visio.example.org/mm")
    page.locator("main form button.primary").click()
    expect(page.locator("#places")).to_contain_text("Visio")


def schedule(page, live_server, language, mm, screenshot):
    page.goto(_url(live_server, language, f"{mm.session.pk}/grid/"))
    page.locator("#schedule").click()
    expect(page.locator("#run")).to_have_attribute("data-state", "done")
    screenshot(f"{language}-grid")


def agenda_shows(page, live_server, language, mm, party, screenshot):
    meeting = Meeting.objects.get()
    page.goto(_url(live_server, language, f"{mm.session.pk}/agenda/"))
    item = page.locator(f"#meeting-{meeting.pk}")
    expect(item).to_contain_text(meeting.place.name)
    screenshot(f"{language}-agenda-{party.pk}")
    feed = page.request.get(live_server.url + page.locator("#ical").get_attribute("href"))
    assert feed.ok
    events = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [meeting.slot.starts_at]
    where = meeting.place.name if meeting.place.is_virtual else f"{meeting.place.name}, La Cantine"
    assert [str(e["location"]) for e in events] == [where]


def check_in_on_a_phone(page, live_server, language, mm, screenshot):
    meeting = Meeting.objects.get()
    page.set_viewport_size(PHONE)
    page.goto(_url(live_server, language, f"{mm.session.pk}/agenda/"))
    page.locator(f"#check-in-{meeting.pk}").click()
    held = page.locator("button[value=held]")
    box = held.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(f"{language}-check-in-phone")
    held.click()
    expect(page.locator("#meeting-state")).to_have_attribute("data-state", "held")
    screenshot(f"{language}-checked-in-phone")
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD


def give_feedback(page, live_server, language, mm, screenshot):
    meeting = Meeting.objects.get()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(_url(live_server, language, f"{mm.session.pk}/agenda/"))
    page.locator(f"#feedback-{meeting.pk}").click()
    page.locator("#id_interest").select_option("pilot")
    page.locator("#id_satisfaction").select_option("5")
    page.locator("#id_note").fill("Pilote chez Airbus à discuter")
    screenshot(f"{language}-feedback")
    page.locator("main form button.primary").click()
    expect(page.locator(f"#feedback-{meeting.pk}")).to_have_attribute("data-given", "yes")
    feedback = Feedback.objects.get()
    assert (feedback.participant, feedback.interest, feedback.satisfaction) == (
        mm.investor,
        "pilot",
        5,
    )


def test_a_request_becomes_a_scheduled_meeting_checked_in_and_rated(
    page, log_in, live_server, language, mm, problems, screenshot
):
    log_in(mm.users.alice)
    ask(page, live_server, language, mm, screenshot)
    log_in(mm.users.bob)
    accept(page, live_server, language, mm, screenshot)
    log_in(mm.users.theo)
    add_a_virtual_room(page, live_server, language, mm, screenshot)
    schedule(page, live_server, language, mm, screenshot)
    for user, party in ((mm.users.alice, mm.team), (mm.users.bob, mm.investor)):
        log_in(user)
        agenda_shows(page, live_server, language, mm, party, screenshot)
    log_in(mm.users.alice)
    check_in_on_a_phone(page, live_server, language, mm, screenshot)
    log_in(mm.users.bob)
    give_feedback(page, live_server, language, mm, screenshot)
    assert problems == []
