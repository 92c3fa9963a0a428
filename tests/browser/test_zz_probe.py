import time
import pytest
from tests.browser.test_apply import call, draft_for, log_in, application_of  # noqa: F401
from jumelage.calls.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def slow(route):
    time.sleep(0)  # the delay is done in the page below
    route.continue_()


def test_typing_during_an_autosave(page, client, live_server, call, world):
    alice = world.users.alice
    application = draft_for(alice, call)
    log_in(page, client, live_server, alice)
    page.goto(f"{live_server.url}/en/calls/applications/{application.pk}/")
    held = []
    page.route("**/autosave/", lambda route: held.append(route))
    page.fill("#id_team_name", "Orchid")
    page.wait_for_timeout(1500)  # debounce: the save of "Orchid" is now in flight (held)
    assert len(held) == 1
    page.type("#id_team_name", " Sensors")  # typed while the request is in flight
    page.wait_for_timeout(200)
    held.pop().continue_()
    page.wait_for_timeout(4000)
    for r in held:
        r.continue_()
    page.wait_for_timeout(2000)
    print("held after", len(held))
    print("page:", page.input_value("#id_team_name"), "| status:", page.text_content("#autosave-status"))
    print("db:", Application.objects.get(pk=application.pk).team_name)
    print("storage:", page.evaluate("JSON.stringify(localStorage)"))
