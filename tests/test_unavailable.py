"""A database that cannot be reached answers a translated "try again" page (503), rendered
without the database, and the submission sent again once it is back is accepted once."""

import contextlib

import pytest
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import translation

from jumelage.calls import services as calls
from jumelage.calls.enums import ApplicationState

# Transactional: the lost connection must really roll back; the data migrations stay.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@contextlib.contextmanager
def database_unreachable():
    """The connection is lost and cannot be opened again: a restart or failover."""
    if connection.vendor == "sqlite":
        # Django keeps an in-memory test database open whatever is asked of it.
        pytest.skip("an in-memory SQLite database cannot be made unreachable")
    saved = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = "jumelage_unreachable"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "try again"), ("fr", "réessayer"), ("zh-hant", "稍後再試")],
)
def test_a_submission_while_the_database_is_down_answers_try_again_in_each_language(
    rich_world, client, language, words
):
    application = rich_world.application
    calls.withdraw_application(rich_world.users.alice, application.pk)
    calls.reopen_application(rich_world.users.alice, application.pk)
    client.force_login(rich_world.users.alice)
    with translation.override(language):
        url = reverse("calls:submit", kwargs={"pk": application.pk})
    with database_unreachable():
        response = client.post(url)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert words in response.content.decode().lower()
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # the same form sent twice: one submission
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert application.transitions.filter(to_state=ApplicationState.SUBMITTED).count() == 2


class DatabaseLostAfterTheView:
    """Stands where the session middleware saves the session: the view answered, then the
    database went away."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.get_response(request)
        raise OperationalError("server closed the connection unexpectedly")


def test_a_database_error_outside_any_view_answers_try_again_too(client, settings):
    session = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:session],
        f"{__name__}.DatabaseLostAfterTheView",
        *settings.MIDDLEWARE[session:],
    ]
    client.raise_request_exception = False
    response = client.get(reverse("core:home"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "try again" in response.content.decode().lower()
