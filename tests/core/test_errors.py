import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from jumelage.core import views


@pytest.mark.parametrize(
    ("view", "status"),
    [
        (lambda request: views.bad_request(request, ValueError()), 400),
        (lambda request: views.permission_denied(request, PermissionDenied()), 403),
        (lambda request: views.page_not_found(request, Http404()), 404),
        (views.server_error, 500),
        (views.csrf_failure, 403),
    ],
)
def test_every_error_page_renders_for_a_request_that_has_no_user(db, view, status):
    request = RequestFactory().get("/en/nowhere/")
    assert not hasattr(request, "user")
    response = view(request)
    assert response.status_code == status
    assert "Log in" in response.content.decode()


def test_an_unknown_host_is_a_bad_request_not_a_server_error(client, settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["jumelage.example.org"]
    response = client.get("/en/", HTTP_HOST="attacker.example.com")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_a_manager_sees_the_outbox_link_others_do_not(client, world):
    client.force_login(world.users.tina)
    assert "/en/outbox/" in _outbox_link(client)
    client.force_login(world.users.alice)
    assert _outbox_link(client) == ""


def _outbox_link(client):
    page = client.get("/en/").content.decode()
    return next((line for line in page.splitlines() if ">Outbox<" in line), "")
