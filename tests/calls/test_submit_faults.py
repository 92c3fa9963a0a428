"""Submitting through faults: a database error at any step of the submission leaves the
autosaved draft whole and answers "try again" (503); the same form page sent again is
accepted once, whether it is a retry after the fault, a double click or two requests at
once. The form page carries its own token, stored with the submission."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from jumelage.calls import services
from jumelage.calls.enums import ApplicationState
from jumelage.notifications.models import OutboxMessage
from tests import factories as f
from tests.concurrency import postgresql_only, run_together

SUBMITTED = "Your application is submitted."
STEPS = ["_apply_cleaned", "_store_uploads", "_move", "_confirm", "queue_message"]


@pytest.fixture
def draft(world):
    """alice's draft as autosave left it: complete but for a changed team name."""
    alice = world.users.alice
    application = services.start_application(alice, world.call_tc, "en")
    answers = {
        "language": "en",
        "team_name": "Orchid",
        "organisation": "Orchid Ltd",
        "contact_name": "Alice",
        "contact_email": alice.email,
        "theme": world.theme.pk,
    }
    deck = {"pitch_deck": SimpleUploadedFile("deck.pdf", f.MINIMAL_PDF)}
    assert services.save_application(alice, application.pk, answers, deck).ok
    application.refresh_from_db()
    return application


def the_page(draft, token="page-1"):
    """What the application page sends when alice presses "Submit my application"."""
    return {
        "form_token": token,
        "action": "submit",
        "language": "en",
        "team_name": "Orchid Sensors",
        "organisation": "Orchid Ltd",
        "contact_name": "Alice",
        "contact_email": draft.applicant.email,
        "contact_phone": "",
        "theme": str(draft.theme_id),
    }


def url_of(draft):
    return reverse("calls:application", kwargs={"pk": draft.pk})


def submissions(draft):
    return draft.transitions.filter(to_state=ApplicationState.SUBMITTED)


def confirmations():
    return OutboxMessage.objects.filter(template_key="application-submitted")


def assert_draft_intact(draft):
    deck = draft.attachments.get()
    before = (draft.revision, draft.updated, deck.pk, deck.file.name)
    draft.refresh_from_db()
    deck = draft.attachments.get()
    assert draft.state == ApplicationState.DRAFT and draft.submitted_at is None
    assert draft.team_name == "Orchid"  # what autosave stored, not what the failed page sent
    assert (draft.revision, draft.updated, deck.pk, deck.file.name) == before
    assert deck.file.storage.exists(deck.file.name)
    assert not submissions(draft).exists() and not confirmations().exists()


def failing(monkeypatch, step):
    """The submission's `step` meets a lost database connection."""

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, step, lost)


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS)
def test_a_database_error_at_any_step_answers_try_again_and_keeps_the_draft(
    client, world, draft, monkeypatch, step
):
    client.force_login(world.users.alice)
    page = the_page(draft)
    with monkeypatch.context() as patched:
        failing(patched, step)
        response = client.post(url_of(draft), page)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "try again" in response.content.decode().lower()
    assert_draft_intact(draft)

    retried = client.post(url_of(draft), page, follow=True)
    assert SUBMITTED in retried.content.decode()
    draft.refresh_from_db()
    assert draft.state == ApplicationState.SUBMITTED and draft.team_name == "Orchid Sensors"
    assert submissions(draft).count() == 1 and confirmations().count() == 1


@pytest.mark.django_db
def test_the_same_page_sent_twice_submits_once_and_answers_the_same(client, world, draft):
    client.force_login(world.users.alice)
    page = the_page(draft)
    first = client.post(url_of(draft), page, follow=True)
    draft.refresh_from_db()
    revision = draft.revision
    second = client.post(url_of(draft), {**page, "team_name": "Changed in between"}, follow=True)
    assert SUBMITTED in first.content.decode() and SUBMITTED in second.content.decode()
    draft.refresh_from_db()
    assert draft.revision == revision and draft.team_name == "Orchid Sensors"
    assert submissions(draft).get().form_token == "page-1"
    assert confirmations().count() == 1


@pytest.mark.django_db
def test_a_new_page_submits_again_after_a_withdrawal_but_an_old_one_does_not(client, world, draft):
    alice = world.users.alice
    client.force_login(alice)
    client.post(url_of(draft), the_page(draft, "page-1"))
    services.withdraw_application(alice, draft.pk)
    services.reopen_application(alice, draft.pk)
    stale = client.post(url_of(draft), the_page(draft, "page-1"), follow=True)
    assert "already sent" in stale.content.decode()
    draft.refresh_from_db()
    assert draft.state == ApplicationState.DRAFT and submissions(draft).count() == 1
    token = stale.context["form_token"]
    assert token and token != "page-1"  # the page as it is now carries a token of its own
    client.post(url_of(draft), the_page(draft, token))
    draft.refresh_from_db()
    assert draft.state == ApplicationState.SUBMITTED and submissions(draft).count() == 2


@pytest.mark.django_db
def test_the_submit_button_of_a_checked_draft_is_known_by_its_token_too(client, world, draft):
    client.force_login(world.users.alice)
    url = reverse("calls:submit", kwargs={"pk": draft.pk})
    assert client.post(url, {"form_token": "check-page"}).status_code == 302
    services.withdraw_application(world.users.alice, draft.pk)
    services.reopen_application(world.users.alice, draft.pk)
    again = client.post(url, {"form_token": "check-page"}, follow=True)
    assert "already sent" in again.content.decode()
    draft.refresh_from_db()
    assert draft.state == ApplicationState.DRAFT and submissions(draft).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@postgresql_only
def test_the_connection_lost_in_the_middle_of_the_submission_answers_try_again(
    client, world, draft, monkeypatch
):
    """The server ends the connection while the submission's transaction is open: nothing
    of it was written, and the retry on a new connection submits once."""
    confirm = services._confirm

    def connection_killed(*args):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        return confirm(*args)

    client.force_login(world.users.alice)
    page = the_page(draft)
    with monkeypatch.context() as patched:
        patched.setattr(services, "_confirm", connection_killed)
        response = client.post(url_of(draft), page)
    assert response.status_code == 503
    assert_draft_intact(draft)
    assert SUBMITTED in client.post(url_of(draft), page, follow=True).content.decode()
    assert submissions(draft).count() == 1 and confirmations().count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@postgresql_only
def test_the_same_page_sent_twice_at_once_submits_once(world, draft):
    barrier = threading.Barrier(2)
    page = the_page(draft)

    def post():
        client = Client()
        client.force_login(world.users.alice)
        barrier.wait(timeout=10)
        response = client.post(url_of(draft), page, follow=True)
        return response.status_code, SUBMITTED in response.content.decode()

    outcomes = run_together(post, post)
    assert [outcome.get("value") for outcome in outcomes] == [(200, True), (200, True)]
    assert submissions(draft).count() == 1 and confirmations().count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["_move", "_confirm", "queue_message"])
def test_a_failed_submission_leaves_no_file_of_its_new_upload_behind(
    client, world, draft, monkeypatch, step
):
    storage = draft.attachments.get().file.storage
    folder = draft.attachments.get().file.name.rsplit("/", 1)[0]
    before = set(storage.listdir(folder)[1])
    client.force_login(world.users.alice)
    page = {**the_page(draft), "pitch_deck": SimpleUploadedFile("new.pdf", f.MINIMAL_PDF)}
    with monkeypatch.context() as patched:
        failing(patched, step)
        assert client.post(url_of(draft), page).status_code == 503
    assert set(storage.listdir(folder)[1]) == before
    assert_draft_intact(draft)
