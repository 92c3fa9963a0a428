"""A new visitor registers, confirms their email, drafts and submits an application, in
each of the site's languages. Elements are found by address, id and name, never by their
(translated) text."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from jumelage.calls import services
from jumelage.calls.enums import ApplicationState, QuestionKind
from jumelage.calls.models import Application, ApplicationTransition, Attachment
from jumelage.notifications.models import OutboxMessage
from tests.browser.steps import HTML_LANG, LANGUAGES, LOCALES, wait_until
from tests.factories import MINIMAL_PDF, QuestionFactory

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: it must see committed rows. The
    # serialized rollback restores the rows that migrations create (message templates).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long unusual passphrase"
TEAM = {"zh-hant": "蘭花感測", "fr": "Capteurs Orchidée", "en": "Orchid Sensors"}
INCUBATOR = {"zh-hant": "中興大學育成中心", "fr": "La Cantine, Toulouse", "en": "Taichung Hub"}
SUBMIT = "button[name=action][value=submit]"


@pytest.fixture
def language():
    return "en"


@pytest.fixture
def browser_locale(language):
    return LOCALES[language]


@pytest.fixture
def call(world):
    """The open Taichung call, with its privacy notice, a yes/no question and a text shown
    only on "yes"."""
    world.call_tc.privacy_notice_en = "We keep your application for two years."
    world.call_tc.privacy_notice_fr = "Nous gardons votre candidature deux ans."
    world.call_tc.privacy_notice_zh_hant = "我們保存您的申請兩年。"
    world.call_tc.privacy_notice_version = 1
    world.call_tc.save()
    incubated = QuestionFactory(
        call=world.call_tc,
        key="incubated",
        kind=QuestionKind.YES_NO,
        required=True,
        label="Has an incubator hosted your team?",
        label_fr="Votre équipe a-t-elle été incubée ?",
        label_zh_hant="您的團隊是否曾進駐育成中心？",
    )
    QuestionFactory(
        call=world.call_tc,
        key="incubator",
        kind=QuestionKind.LONG_TEXT,
        required=True,
        show_if=incubated,
        show_if_value="yes",
        label="Which incubator?",
        label_fr="Quel incubateur ?",
        label_zh_hant="哪一個育成中心？",
    )
    return world.call_tc


@pytest.fixture
def pdf_file(tmp_path):
    path = tmp_path / "pitch-deck.pdf"
    path.write_bytes(MINIMAL_PDF)
    return path


# Helpers: each does one thing a person does, or waits for one thing to be true.


def wait_for_autosave(page, check, what, timeout=10.0):
    """The server has the value, and the page says it is saved (whatever the language)
    with nothing left to save: its copy of unsaved changes in localStorage is gone."""
    wait_until(page, check, what, timeout)
    page.wait_for_function(
        """() => {
            const form = document.getElementById("application-form");
            const status = document.getElementById("autosave-status");
            return status.textContent.startsWith(form.dataset.msgSaved)
                && !status.classList.contains("error")
                && localStorage.getItem(form.dataset.storageKey) === null;
        }"""
    )


def application_of(email):
    return Application.objects.filter(applicant__email=email).first()


def register(page, language, email, screenshot):
    page.locator('main a[href*="/accounts/register/"]').click()
    page.wait_for_url(re.compile(rf"/{language}/accounts/register/\?next="))
    page.fill("#id_full_name", "Mei Lin")
    page.fill("#id_email", email)
    page.select_option("#id_language", language)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    screenshot("register")
    page.locator("main button.primary").click()
    page.wait_for_url(re.compile(rf"/{language}/accounts/verify/$"))


def verification_path(email):
    """The path of the link in the confirmation message (its host is SITE_URL's)."""
    message = OutboxMessage.objects.get(template_key="verify-email", recipient_email=email)
    return urlsplit(re.search(r"https?://\S+", message.body).group(0)).path


def start_application(page):
    page.locator('form[action$="/apply/"] button.primary').click()
    page.wait_for_url(re.compile(r"/calls/applications/\d+/$"))


def choose(page, question, answer):
    page.check(f'input[name="q_{question}"][value="{answer}"]')


def draft_for(user, call, **changes):
    """A draft that could be submitted as it is, but for `changes`."""
    application = services.start_application(user, call, "en")
    data = {
        "language": "en",
        "team_name": "Orchid Sensors",
        "organisation": "Orchid Ltd",
        "contact_name": user.full_name,
        "contact_email": user.email,
        "contact_phone": "",
        "theme": call.cycle.themes.first().pk,
        "q_incubated": "no",
        "privacy_consent": "on",
        **changes,
    }
    deck = SimpleUploadedFile("deck.pdf", MINIMAL_PDF, content_type="application/pdf")
    result = services.save_application(user, application.pk, data, {"pitch_deck": deck})
    assert result.ok, result.errors
    return application


# The tests.


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_visitor_registers_drafts_and_submits(
    page, live_server, call, world, language, pdf_file, screenshot, problems
):
    email = f"mei.{language}@example.org"
    call_url = f"{live_server.url}/{language}/calls/{call.slug}/"
    page.goto(call_url)
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])
    screenshot("call")
    assert problems == [], "the call page's styles or scripts failed"

    register(page, language, email, screenshot)
    screenshot("confirm-email")
    page.goto(live_server.url + verification_path(email))
    page.wait_for_url(call_url)  # the link brings the visitor back to the call
    screenshot("confirmed")

    start_application(page)
    page.fill("#id_team_name", TEAM[language])
    page.fill("#id_organisation", "Orchid Ltd")
    page.select_option("#id_theme", str(world.theme.pk))
    incubator = page.locator("#field-q_incubator")
    expect(incubator).to_be_hidden()
    choose(page, "incubated", "yes")
    expect(incubator).to_be_visible()
    page.fill("#id_q_incubator", INCUBATOR[language])
    wait_for_autosave(
        page,
        lambda: (
            (draft := application_of(email))
            and draft.team_name == TEAM[language]
            and draft.answers == {"incubated": "yes", "incubator": INCUBATOR[language]}
        ),
        "the draft to be saved",
    )
    screenshot("autosaved")

    # Reload from the server's copy only: nothing kept in this browser.
    page.evaluate("localStorage.clear()")
    page.reload()
    expect(page.locator("#id_team_name")).to_have_value(TEAM[language])
    expect(page.locator("#id_q_incubator")).to_have_value(INCUBATOR[language])
    expect(page.locator('input[name="q_incubated"][value="yes"]')).to_be_checked()
    expect(incubator).to_be_visible()
    choose(page, "incubated", "no")
    expect(incubator).to_be_hidden()
    choose(page, "incubated", "yes")
    expect(incubator).to_be_visible()
    expect(page.locator("#id_q_incubator")).to_have_value(INCUBATOR[language])

    page.set_input_files('input[name="pitch_deck"]', str(pdf_file))
    wait_for_autosave(
        page,
        lambda: (
            Attachment.objects.filter(application__applicant__email=email).exists()
            and application_of(email).answers.get("incubated") == "yes"
        ),
        "the pitch deck and the answer to be saved",
    )
    page.check("#id_privacy_consent")
    screenshot("ready")

    page.locator(SUBMIT).click()
    expect(page.locator("#application-state")).to_have_class(re.compile(r"\bsubmitted\b"))
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])
    screenshot("submitted")

    application = Application.objects.get()  # exactly one
    assert application.state == ApplicationState.SUBMITTED
    assert application.language == language
    assert application.privacy_notice_version == 1 and application.privacy_consent_at
    assert ApplicationTransition.objects.count() == 1
    assert problems == []


def test_double_clicking_submit_makes_one_transition(
    page, log_in, live_server, call, world, screenshot, problems
):
    alice = world.users.alice
    application = draft_for(alice, call)
    log_in(alice)
    page.goto(f"{live_server.url}/en/calls/applications/{application.pk}/")

    page.locator(SUBMIT).dblclick()
    expect(page.locator("#application-state")).to_have_class(re.compile(r"\bsubmitted\b"))
    screenshot("submitted")

    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert ApplicationTransition.objects.filter(application=application).count() == 1
    assert OutboxMessage.objects.filter(template_key="application-submitted").count() == 1
    assert problems == []


def test_submitting_with_a_missing_answer_lists_it_with_a_link_to_it(
    page, log_in, live_server, call, world, screenshot, problems
):
    alice = world.users.alice
    application = draft_for(alice, call, q_incubated="yes")  # "Which incubator?" unanswered
    log_in(alice)
    page.goto(f"{live_server.url}/en/calls/applications/{application.pk}/")
    expect(page.locator("#field-q_incubator")).to_be_visible()

    page.locator(SUBMIT).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    link = summary.locator('a[href="#field-q_incubator"]')
    expect(link).to_have_count(1)
    screenshot("problems")
    link.click()
    expect(page).to_have_url(re.compile("#field-q_incubator$"))
    expect(page.locator("#field-q_incubator")).to_be_in_viewport()

    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT
    assert not ApplicationTransition.objects.exists()
    assert problems == []


def test_text_typed_while_an_autosave_is_under_way_is_saved_too(
    page, log_in, live_server, call, world
):
    alice = world.users.alice
    application = draft_for(alice, call)
    log_in(alice)
    page.goto(f"{live_server.url}/en/calls/applications/{application.pk}/")
    held = []

    def hold_the_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/autosave/", hold_the_first)
    page.fill("#id_team_name", "Lotus")
    wait_until(page, lambda: held, "the autosave to start")
    page.locator("#id_team_name").press_sequentially(" Robotics")  # while it is under way
    held[0].continue_()

    def saved_name():
        return Application.objects.get(pk=application.pk).team_name

    wait_until(page, lambda: saved_name() == "Lotus", "the first save")
    wait_for_autosave(
        page,
        lambda: saved_name() == "Lotus Robotics",
        "the whole team name to be saved",
        timeout=5.0,
    )
