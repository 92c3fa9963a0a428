"""Webhooks against a real receiver: a local HTTP server started in the test checks each
call's HMAC signature and answers as told; a failing receiver is tried again with growing
delays through the task queue, and the delivery log shows every try."""

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jumelage.api import delivering, dispatch, tasks, webhooks
from jumelage.api.models import DeliveryState, Webhook, WebhookDelivery
from jumelage.calls import services as call_services
from jumelage.core import events
from jumelage.notifications.sending import retry_delay
from tests import factories as f


class Receiver:
    """A local endpoint: answers with the next of `codes` (the last one once they run out)
    and keeps what it was sent."""

    def __init__(self):
        self.codes, self.calls = [200], []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append((dict(self.headers), body))
                code = receiver.codes.pop(0) if len(receiver.codes) > 1 else receiver.codes[0]
                self.send_response(code)
                if code == 302:
                    self.send_header("Location", "http://169.254.169.254/latest")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def verified(self, secret: str) -> list[dict]:
        """The payloads whose signature holds and whose time is recent; raises otherwise."""
        payloads = []
        for headers, body in self.calls:
            fields = dict(
                part.split("=", 1) for part in headers[webhooks.SIGNATURE_HEADER].split(",")
            )
            expected = hmac.new(
                secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256
            ).hexdigest()
            assert hmac.compare_digest(fields["v1"], expected)
            assert abs(time.time() - int(fields["t"])) < 300
            payloads.append(json.loads(body))
        return payloads


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    settings.WEBHOOKS_REQUIRE_HTTPS = False
    found = Receiver()
    yield found
    found.server.shutdown()
    found.server.server_close()


class Clock:
    def __init__(self, monkeypatch):
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, seconds):
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def _hook(world, receiver, events=("application.submitted",), side=None):
    return webhooks.subscribe(
        world.users.tina, side or world.taichung, url=receiver.url, events=list(events)
    )


def _submit(world, user):
    application = call_services.start_application(user, world.call_tc, "en")
    answers = {
        "language": "en",
        "team_name": "Orchid",
        "organisation": "Orchid Ltd",
        "contact_name": user.full_name,
        "contact_email": user.email,
        "theme": world.theme.pk,
    }
    deck = {"pitch_deck": SimpleUploadedFile("deck.pdf", f.MINIMAL_PDF)}
    call_services.save_application(user, application.pk, answers, deck)
    assert call_services.submit_application(user, application.pk).ok
    return application


def test_a_submitted_application_reaches_the_receiver_signed(
    world, receiver, django_capture_on_commit_callbacks
):
    hook = _hook(world, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        application = _submit(world, world.users.alice)
    [payload] = receiver.verified(hook.secret)
    assert payload["event"] == "application.submitted"
    assert payload["data"] == {"application_id": application.pk}
    assert payload["side_id"] == world.taichung.pk
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert delivery.state == DeliveryState.DELIVERED
    [attempt] = delivery.tries.all()
    assert (attempt.number, attempt.succeeded, attempt.response_code) == (1, True, 200)


def test_a_forged_signature_does_not_verify(world, receiver, django_capture_on_commit_callbacks):
    hook = _hook(world, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        _submit(world, world.users.alice)
    with pytest.raises(AssertionError):
        receiver.verified("0" * 64 if hook.secret != "0" * 64 else "1" * 64)


def test_only_the_sides_and_events_subscribed_are_posted(
    world, receiver, django_capture_on_commit_callbacks
):
    webhooks.subscribe(
        world.users.theo, world.toulouse, url=receiver.url, events=["application.submitted"]
    )
    _hook(world, receiver, events=["nomination.sent"])
    with django_capture_on_commit_callbacks(execute=True):
        _submit(world, world.users.alice)
    assert receiver.calls == []
    assert WebhookDelivery.objects.count() == 0


def test_a_rolled_back_change_is_never_announced(
    world, receiver, django_capture_on_commit_callbacks
):
    _hook(world, receiver)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                events.announce(events.APPLICATION_SUBMITTED, [world.taichung.pk], application_id=1)
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == [] and receiver.calls == []


def test_a_failing_receiver_is_retried_with_growing_delays_through_the_queue(
    world, receiver, clock, settings, monkeypatch, client, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    queue = []
    monkeypatch.setattr(
        dispatch.current_app,
        "send_task",
        # The broker: only the webhooks' tasks are kept (a submission also queues a mail).
        lambda name, args, countdown=None: (
            name == dispatch.DELIVER_TASK and queue.append((name, args, countdown))
        ),
    )
    receiver.codes = [500, 503, 200]
    hook = _hook(world, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        _submit(world, world.users.alice)
    countdowns = []
    while queue:
        name, args, countdown = queue.pop(0)
        assert name == dispatch.DELIVER_TASK == f"{tasks.__name__}.deliver_webhook"
        countdowns.append(countdown)
        if countdown:
            # Before its delay is over, a retry is not taken.
            assert delivering.deliver(args[0]) is None
            clock.advance(countdown)
        tasks.deliver_webhook(*args)
    assert countdowns == [None, retry_delay(1), retry_delay(2)]
    assert retry_delay(1) < retry_delay(2)
    assert len(receiver.verified(hook.secret)) == 3
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert delivery.state == DeliveryState.DELIVERED
    tries = list(delivery.tries.all())
    assert [(t.number, t.response_code, t.succeeded, t.error) for t in tries] == [
        (1, 500, False, "HTTP 500"),
        (2, 503, False, "HTTP 503"),
        (3, 200, True, ""),
    ]
    gaps = [(t.retry_at - t.started_at).total_seconds() for t in tries[:2]]
    assert gaps[0] < gaps[1]
    assert all(t.duration_ms >= 0 for t in tries) and tries[2].retry_at is None
    client.force_login(world.users.tina)
    page = client.get(reverse("api:webhook", args=[hook.pk])).content.decode()
    assert page.count('class="attempt"') == 3
    assert "503" in page and "HTTP 500" in page


def test_inline_a_failed_try_waits_for_the_sweep(
    world, receiver, clock, django_capture_on_commit_callbacks
):
    receiver.codes = [500, 200]
    hook = _hook(world, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        _submit(world, world.users.alice)
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert delivery.state == DeliveryState.QUEUED and delivery.attempts == 1
    assert dispatch.sweep() == 0
    clock.advance(retry_delay(1))
    assert dispatch.sweep() == 1
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.DELIVERED and delivery.attempts == 2


def test_a_receiver_that_keeps_failing_is_given_up(world, receiver, clock, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.codes = [500]
    hook = _hook(world, receiver)
    [delivery_id] = webhooks.fan_out("application.submitted", [world.taichung.pk], {"x": 1})
    assert delivering.deliver(delivery_id) == retry_delay(1)
    clock.advance(retry_delay(1))
    assert delivering.deliver(delivery_id) is None
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.state == DeliveryState.FAILED
    assert [t.retry_at for t in delivery.tries.all()][-1] is None
    assert len(receiver.calls) == 2 and hook.deliveries.count() == 1


def test_a_redirect_is_not_followed(world, receiver):
    receiver.codes = [302]
    _hook(world, receiver)
    [delivery_id] = webhooks.fan_out("application.submitted", [world.taichung.pk], {})
    delivering.deliver(delivery_id)
    [attempt] = WebhookDelivery.objects.get(pk=delivery_id).tries.all()
    assert (attempt.response_code, attempt.succeeded) == (302, False)
    assert len(receiver.calls) == 1


def test_an_address_that_turned_private_is_not_posted_to(world, receiver, settings):
    _hook(world, receiver)
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = False
    [delivery_id] = webhooks.fan_out("application.submitted", [world.taichung.pk], {})
    delivering.deliver(delivery_id)
    [attempt] = WebhookDelivery.objects.get(pk=delivery_id).tries.all()
    assert attempt.response_code is None and "private" in attempt.error
    assert receiver.calls == []


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.1/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[fd00::1]/hook",
        "https://0.0.0.0/hook",
        "http://93.184.216.34/hook",
        "ftp://93.184.216.34/hook",
        "https://user:pw@93.184.216.34/hook",
        "https://93.184.216.34:99999/hook",
        "https:///hook",
    ],
)
def test_private_plain_or_odd_urls_are_refused(world, settings, url):
    settings.WEBHOOKS_REQUIRE_HTTPS = True
    with pytest.raises(ValidationError):
        webhooks.subscribe(world.users.tina, world.taichung, url=url, events=["nomination.sent"])
    assert Webhook.objects.count() == 0


def test_a_public_https_url_is_accepted_and_private_ones_when_allowed(world, settings):
    hook = webhooks.subscribe(
        world.users.tina,
        world.taichung,
        url="https://93.184.216.34/hook",
        events=["pick.confirmed"],
    )
    assert len(hook.secret) == 64
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    webhooks.subscribe(
        world.users.tina, world.taichung, url="https://10.0.0.5/hook", events=["pick.confirmed"]
    )
    assert Webhook.objects.count() == 2


def test_only_the_sides_managers_subscribe_or_remove(world):
    with pytest.raises(PermissionDenied):
        webhooks.subscribe(
            world.users.theo,
            world.taichung,
            url="https://93.184.216.34/",
            events=["pick.confirmed"],
        )
    hook = webhooks.subscribe(
        world.users.tina, world.taichung, url="https://93.184.216.34/", events=["pick.confirmed"]
    )
    with pytest.raises(PermissionDenied):
        webhooks.remove(world.users.theo, hook)
    with pytest.raises(ValidationError):
        webhooks.subscribe(
            world.users.tina, world.taichung, url="https://93.184.216.34/", events=["x"]
        )


def test_the_page_refuses_a_private_url_with_a_message(client, world):
    client.force_login(world.users.tina)
    data = {"side": world.taichung.pk, "url": "https://127.0.0.1/x", "events": ["pick.confirmed"]}
    response = client.post(reverse("api:webhooks"), data)
    assert response.status_code == 400
    assert "private or local address" in response.content.decode()
    assert Webhook.objects.count() == 0


def test_the_page_saves_a_webhook_for_a_managed_side_only(client, world):
    client.force_login(world.users.theo)
    data = {
        "side": world.taichung.pk,
        "url": "https://93.184.216.34/",
        "events": ["pick.confirmed"],
    }
    assert client.post(reverse("api:webhooks"), data).status_code == 400
    data["side"] = world.toulouse.pk
    response = client.post(reverse("api:webhooks"), data)
    hook = Webhook.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/webhooks/{hook.pk}/")
    assert hook.side == world.toulouse and hook.created_by == world.users.theo
    assert client.post(reverse("api:webhook_delete", args=[hook.pk])).status_code == 302
    assert Webhook.objects.count() == 0


def test_a_webhook_id_too_large_is_404(client, world):
    client.force_login(world.users.tina)
    assert client.get(reverse("api:webhook", args=[2**70])).status_code == 404


def test_the_pages_name_the_events_as_a_person_reads_them(client, world, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    hook = webhooks.subscribe(
        world.users.tina, world.taichung, url="https://127.0.0.1/x", events=["pick.confirmed"]
    )
    client.force_login(world.users.tina)
    for url in (reverse("api:webhooks"), reverse("api:webhook", args=[hook.pk])):
        page = client.get(url).content.decode()
        shown = page.split("<main")[1].split('<section class="panel narrow">')[0]  # not the form
        assert "a pick is confirmed" in shown and "pick.confirmed" not in shown


def test_a_webhook_without_events_is_refused_in_plain_words(client, world):
    client.force_login(world.users.tina)
    data = {"side": world.taichung.pk, "url": "https://93.184.216.34/"}
    response = client.post(reverse("api:webhooks"), data)
    assert response.status_code == 400
    assert "Tick at least one event to post." in response.content.decode()


def test_removing_a_webhook_asks_first(client, world, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    hook = webhooks.subscribe(
        world.users.tina, world.taichung, url="https://127.0.0.1/x", events=["pick.confirmed"]
    )
    client.force_login(world.users.tina)
    page = client.get(reverse("api:webhook", args=[hook.pk])).content.decode()
    form = page.split(reverse("api:webhook_delete", args=[hook.pk]))[1].split("</form>")[0]
    assert 'data-confirm="Remove this webhook?' in form


def test_a_refused_url_and_a_missing_event_are_said_together(client, world):
    client.force_login(world.users.tina)
    data = {"side": world.taichung.pk, "url": "https://127.0.0.1/x"}
    html = client.post(reverse("api:webhooks"), data).content.decode()
    assert "private or local address" in html and "Tick at least one event to post." in html
