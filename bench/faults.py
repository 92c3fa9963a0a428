"""Faults survived, against a real stack on this machine: one JSON line per scenario.

    .venv/bin/python bench/faults.py            # every scenario, about 15 minutes
    .venv/bin/python bench/faults.py --quick    # shorter rushes, fewer people
    .venv/bin/python bench/faults.py --only mail_refusing --only broker_down

The bench starts its own PostgreSQL (initdb into /tmp, port 5499) and Redis (port 6390),
since the scenarios stop and restart them, gunicorn (2 sync workers, production settings,
the application preloaded so that a worker replacing a killed one serves at once), a Celery
worker with its beat (the outbox's sweep every 30 s), and an SMTP sink (port 8151) that can
refuse (451) or stall. Retries and leases are shortened (first retry after 2 s, at most
10 s; a send's lease 15 s; the sweep takes a message after 10 s).

Each scenario is a rush of `--seconds`: applicants log in, start their application,
autosave a draft, and submit the full form with a PDF; a manager invites committee members
(each invitation queues a message) and reads the applications list; once the fault is on,
the same manager, in a second browser, sends Toulouse's nomination of a closed call and
drafts and publishes the decisions of another cycle whose picks are final (each decision
queues a message to an applicant). A few seconds in, the fault is injected, and removed a
while later. Everyone behaves as a browser would: after an error page or a connection cut,
the same form is sent again; after a refused form (403), the page is opened anew. Nobody
starts anything after the rush, and what is under way is finished, retrying, within
PATIENCE_SECONDS: a loss is what is missing after that.

After the rush the database is counted, not the clients' beliefs:
- `saved`: submissions, invitations and selection steps found (`selection_saved`: the
  nomination sent, the decisions published, each applicant's decision message); `lost`:
  intended ones not found, and autosaved drafts whose text is not in the row;
  `lost_unanswered`: of those, the people whose last request was never answered (the
  server too busy, or down): what they sent is not saved, and they were not told it was;
- `duplicated`: more than one submission of one application, one member per address, or
  one message per event;
- `contradicted`: a submission the applicant was told succeeded but is not submitted, a
  confirmation sent for an application not submitted, or a message sent whose news no
  longer held (the outbox's currency check);
- `5xx`: answers >= 500 outside the fault window, and any other than 503 inside it
  (`503_in_window` counts those); `connection_errors` the requests cut (a killed worker)
  or unanswered within 30 s (`timeouts`, then sent again); `answer_p50_ms` and so on: the
  wait for each answer, as the clients saw it;
- `messages_queued` / `messages_sent`: the scenario's outbox rows / those sent;
  `messages_sent_twice`: Message-IDs the sink accepted more than once;
- `recovery_seconds`: the longest any message waited once the fault was removed (from the
  removal, or from its queueing if later, to its sending; null when some were not sent
  within two minutes).

Progress goes to stderr; stdout holds only the JSON lines.
"""

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import random
import re
import secrets
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import real_stack
from bench.load import multipart, parse_response
from bench.real_stack import log

PG_PORT, REDIS_PORT, SMTP_PORT = 5499, 6390, 8151
PASSWORD = "faults bench password 7 kettles"
MANAGER, PARTNER_MANAGER = "manager@faults.example", "partner-manager@faults.example"
# Each scenario's selection: applicants of a closed call that Toulouse's manager nominates
# from, and of one whose decisions it publishes.
SELECTION_APPLICANTS = 7
SCENARIOS = (
    "healthy",
    "broker_down",
    "mail_refusing",
    "mail_slow",
    "celery_worker_killed",
    "database_restart",
    "web_worker_killed",
)
FULL = {"seconds": 40, "lead": 10, "fault": 15, "applicants": 80, "members": 20}
QUICK = {"seconds": 16, "lead": 4, "fault": 6, "applicants": 24, "members": 6}
# A fault's effects last a little beyond its removal (reconnecting, a worker starting).
SETTLE_SECONDS = 5
# After the rush, a person still at it (retrying a form, the manager's invitation in hand)
# goes on for at most this long.
PATIENCE_SECONDS = 120
# Every queued message must be sent within this long of the fault's removal.
RECOVERY_LIMIT = 120
EMAIL_TIMEOUT = 5
TIMEOUT = 30.0
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INPUT_RE = re.compile(r"<input\b[^>]*>")
ATTRIBUTE_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')
APPLICATION_RE = re.compile(r"^/en/calls/applications/(\d+)/$")


def stack_env(workdir, pg, redis, smtp_port=SMTP_PORT):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "CELERY_", "EMAIL_", "OUTBOX_", "CACHE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="jumelage.settings",
        DEBUG="false",
        # The bench's staff log in with a password: it measures faults, not the second factor.
        OTP_REQUIRED="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://127.0.0.1",
        DATA_DIR=str(workdir / "data"),
        DATABASE_URL=pg.url,
        CELERY_BROKER_URL=redis.url,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        EMAIL_TIMEOUT=str(EMAIL_TIMEOUT),
        OUTBOX_RETRY_FIRST_SECONDS="2",
        OUTBOX_RETRY_MAX_SECONDS="10",
        OUTBOX_LEASE_SECONDS="15",
        OUTBOX_SWEEP_AFTER_SECONDS="10",
        PYTHONUNBUFFERED="1",
    )
    return env


# -- the world --------------------------------------------------------------------------------


def seed(sizes):
    """The bench's world, through bench/seed.py's builders: one open call (Toulouse's, with
    its pitch deck question), a manager of Toulouse, its committee, and per scenario the
    applicants, all with one known password."""
    from django.contrib.auth.hashers import make_password

    from bench import seed as builders
    from jumelage.accounts.models import Membership, Role, User
    from jumelage.review.models import Committee

    calls, themes, taichung = builders.build_world()
    call = calls["submit"]
    password = make_password(PASSWORD)
    for scenario in SCENARIOS:
        builders.bulk_users(f"{scenario}-", sizes["applicants"], password)
    managers = {}
    for side, email in ((call.side, MANAGER), (taichung, PARTNER_MANAGER)):
        managers[side.slug] = User.objects.create(
            email=email, full_name=f"Manager of {side.city}", password=password, email_verified=True
        )
        Membership.objects.create(user=managers[side.slug], side=side, role=Role.MANAGER)
    Committee.objects.create(cycle=call.cycle, side=call.side)
    return {
        "slug": call.slug,
        "theme": themes[call.cycle_id][0].pk,
        "committee": f"/en/review/{call.cycle.partnership.slug}/{call.cycle.slug}/"
        f"{call.side.slug}/",
        "selection": {
            scenario: seed_selection(scenario, call, taichung, managers, password)
            for scenario in SCENARIOS
        },
    }


def _closed_call_with_applicants(cycle, side, prefix, password):
    from django.utils import timezone

    from bench import seed as builders

    call = builders._call(cycle, side, f"{prefix}-{side.slug}")
    call.closes_at = timezone.now() - dt.timedelta(days=1)
    call.save(update_fields=["closes_at"])
    users = builders.bulk_users(f"{prefix}-{side.slug}-", SELECTION_APPLICANTS, password)
    builders.bulk_applications(call, users, SELECTION_APPLICANTS, [None])
    return sorted(call.applications.values_list("pk", flat=True))


def seed_selection(scenario, call, taichung, managers, password):
    """Two cycles of the bench's partnership whose calls have closed: in the first, Toulouse
    is yet to nominate; in the second, both sides have nominated, picked and confirmed, and
    Toulouse is yet to draft and publish its decisions. Its manager does both over HTTP
    while the fault is on (see `selection_manager`)."""
    from django.db import transaction
    from django.utils import timezone

    from jumelage.partnerships.services import create_cycle
    from jumelage.selection import services
    from jumelage.selection.enums import EntryKind, PickChoice

    toulouse, partnership = call.side, call.cycle.partnership
    start = timezone.localdate() - dt.timedelta(days=60)
    nominate = create_cycle(partnership, slug=f"{scenario}-nominate", name="N", start=start)
    decide = create_cycle(partnership, slug=f"{scenario}-decide", name="D", start=start)
    nominees = _closed_call_with_applicants(nominate, toulouse, f"{scenario}-nom", password)
    decided = {}
    for side in (toulouse, taichung):
        decided[side.slug] = _closed_call_with_applicants(decide, side, f"{scenario}-dec", password)
    sides = {"toulouse": toulouse, "taichung": taichung}
    partner = {"toulouse": "taichung", "taichung": "toulouse"}
    with transaction.atomic():
        nominations = {}
        for slug, side in sides.items():
            choices = [
                services.EntryChoice(pk, EntryKind.NOMINATED, "Ranked high", "A fine team")
                for pk in decided[slug][: decide.nominations_per_side]
            ]
            services.save_nomination(managers[slug], decide, side, choices)
            nominations[slug] = services.send_nomination(managers[slug], decide, side)
        for slug, nomination in nominations.items():
            entries = nomination.entries.filter(kind=EntryKind.NOMINATED).order_by("order")
            lines = [
                services.PickLine(entry.pk, PickChoice.SELECTED, "We host them", order)
                for order, entry in enumerate(entries[: decide.picks_per_side], start=1)
            ]
            services.save_pick(managers[partner[slug]], nomination.pk, lines)
            services.propose_pick(managers[partner[slug]], nomination.pk)
        for slug, nomination in nominations.items():
            services.confirm_pick(managers[slug], nomination.pk)
    prefix = f"/en/selection/{partnership.slug}"
    return {
        "nominate_cycle": nominate.pk,
        "nominees": nominees[: nominate.nominations_per_side],
        "nominate": f"{prefix}/{nominate.slug}/toulouse/nominate/",
        "decide_cycle": decide.pk,
        "decisions": f"{prefix}/{decide.slug}/toulouse/decisions/",
        "decided": [
            f"{scenario}-dec-toulouse-{n:06d}@bench.example" for n in range(SELECTION_APPLICANTS)
        ],
    }


# -- the clients ------------------------------------------------------------------------------


class NoAnswer(Exception):
    """The connection was refused or cut before a whole answer came (a killed worker)."""


@dataclass
class Tally:
    requests: int = 0
    statuses: list = field(default_factory=list)  # (time, status, method, path, seconds)
    connection_errors: int = 0
    timeouts: int = 0  # of the connection errors, those where no answer came in TIMEOUT
    gave_up: list = field(default_factory=list)  # the manager's steps abandoned, and why

    def give_up(self, step, answer, path):
        self.gave_up.append(_why(step, answer, path))


@dataclass
class Intent:
    """What one person set out to do, and what they were told."""

    email: str
    organisation: str = ""
    application: int | None = None
    autosaved: bool = False
    told_submitted: bool = False
    gave_up: str = ""  # the step where the person stopped, and the last answer


class Browser:
    """One person's browser: cookies, and the same form sent again after an error."""

    def __init__(self, port, tally, deadline, timeout=TIMEOUT):
        self.port, self.tally, self.deadline, self.timeout = port, tally, deadline, timeout
        self.cookies = {}
        self.origin = f"https://127.0.0.1:{port}"

    async def _once(self, method, path, headers, body):
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}"]
        lines += ["Connection: close", "X-Forwarded-Proto: https", f"Origin: {self.origin}"]
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items() if v is not None)
        if cookie:
            lines.append(f"Cookie: {cookie}")
        lines += [f"{key}: {value}" for key, value in headers.items()]
        if method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        payload = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        self.tally.requests += 1
        began = time.monotonic()
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", self.port), self.timeout
            )
            try:
                writer.write(payload)
                raw = await asyncio.wait_for(reader.read(), self.timeout)
            finally:
                writer.close()
            response = parse_response(raw)
        except (OSError, TimeoutError, ValueError, IndexError) as error:
            self.tally.connection_errors += 1
            self.tally.timeouts += isinstance(error, TimeoutError)
            raise NoAnswer(repr(error)) from error
        seconds = time.monotonic() - began
        self.tally.statuses.append((time.time(), response.status, method, path, seconds))
        self.cookies.update(response.set_cookies())
        return response

    async def send(self, method, path, headers=None, body=b"", ok=(200, 302)):
        """The request, sent again after a 5xx or a cut connection, as a person would
        press reload; returns the first answer in `ok`, or None when time is up."""
        while time.monotonic() < self.deadline:
            try:
                response = await self._once(method, path, headers or {}, body)
            except NoAnswer:
                await asyncio.sleep(0.5)
                continue
            if response.status in ok:
                return response
            if response.status < 500:
                return response
            await asyncio.sleep(0.5)
        return None

    def form(self, fields):
        return {"Content-Type": "application/x-www-form-urlencoded"}, urlencode(fields).encode()


def hidden_inputs(page: str, form_id: str) -> dict:
    """The hidden fields of the page's form `form_id`, a form token among them if any."""
    start = page.find(f'id="{form_id}"')
    segment = page[start : page.find("</form>", start)] if start >= 0 else page
    fields = {}
    for tag in INPUT_RE.findall(segment):
        attributes = dict(ATTRIBUTE_RE.findall(tag))
        if attributes.get("type") == "hidden" and "name" in attributes:
            fields.setdefault(attributes["name"], attributes.get("value", ""))
    return fields


def _why(step, answer, path):
    if answer is None:
        return f"{step}: no answer in time"
    return f"{step}: {answer.status} {answer.header('location') or ''} {path}".strip()


async def log_in(browser, email):
    page = await browser.send("GET", "/en/accounts/login/")
    token = TOKEN_RE.search(page.body.decode()) if page else None
    if token is None:
        return _why("login page", page, "")
    fields = {"csrfmiddlewaretoken": token.group(1), "username": email, "password": PASSWORD}
    answer = await browser.send("POST", "/en/accounts/login/", *browser.form(fields))
    return "" if answer is not None and answer.status == 302 else _why("log in", answer, "")


async def think():
    await asyncio.sleep(random.uniform(0.3, 1.2))


async def applicant(port, world, intent, tally, deadline, pdf):
    browser = Browser(port, tally, deadline)
    intent.gave_up = await log_in(browser, intent.email)
    if intent.gave_up:
        return
    await think()
    token = browser.cookies.get("csrftoken")
    fields = {"csrfmiddlewaretoken": token, "language": "en"}
    answer = await browser.send("POST", f"/en/calls/{world['slug']}/apply/", *browser.form(fields))
    location = (answer.header("location") or "") if answer else ""
    if not APPLICATION_RE.match(location):
        intent.gave_up = _why("apply", answer, "")
        return
    intent.application = int(APPLICATION_RE.match(location).group(1))
    page = await browser.send("GET", location)
    if page is None or page.status != 200:
        intent.gave_up = _why("application page", page, location)
        return
    await think()  # typing
    hidden = hidden_inputs(page.body.decode(), "application-form")
    name = intent.email.split("@")[0]
    intent.organisation = f"{name} Labs"
    draft = {"csrfmiddlewaretoken": hidden["csrfmiddlewaretoken"], "team_name": f"Team {name}"}
    draft |= {"organisation": intent.organisation}
    body = urlencode([*draft.items(), ("_fields", "team_name"), ("_fields", "organisation")])
    form_type = {"Content-Type": "application/x-www-form-urlencoded"}
    saved = await browser.send("POST", f"{location}autosave/", form_type, body.encode(), ok=(200,))
    intent.autosaved = saved is not None and saved.status == 200
    await think()  # reading it over once more
    full = {
        **hidden,
        "action": "submit",
        "language": "en",
        "team_name": f"Team {name}",
        "organisation": intent.organisation,
        "contact_name": f"Contact {name}",
        "contact_email": intent.email,
        "contact_phone": "+33 5 00 00 00 00",
        "theme": world["theme"],
        "privacy_consent": "on",
    }
    content_type, body = multipart(full, {"pitch_deck": ("pitch.pdf", "application/pdf", pdf)})
    answer = await browser.send("POST", location, {"Content-Type": content_type}, body)
    intent.told_submitted = (
        answer is not None and answer.status == 302 and answer.header("location") == location
    )
    if not intent.told_submitted:
        intent.gave_up = _why("submit", answer, location)


async def manager(port, world, scenario, intents, tally, deadline, count, rush_end):
    """The manager invites `count` members one after another, starting none after the
    rush's end; the one in hand is finished (retried until `deadline`)."""
    browser = Browser(port, tally, deadline)
    failed = await log_in(browser, MANAGER)
    if failed:
        tally.gave_up.append(failed)
        return
    members = f"{world['committee']}members/"
    for n in range(count):
        if time.monotonic() >= rush_end:
            return
        email = f"{scenario}-member-{n}@faults.example"
        intents.append(email)
        failed = await invite(browser, members, n, email)
        if failed:
            tally.gave_up.append(f"{email}: {failed}")
        await browser.send("GET", f"/en/calls/{world['slug']}/applications/")
        await asyncio.sleep(0.5)


async def invite(browser, members, n, email):
    """Invite one committee member as a manager would: open the page, fill the form, send
    it; after an error page, send it again; after a refused form (403, its token gone),
    open the page anew. Returns "" once invited, else where it stopped."""
    answer = None
    while time.monotonic() < browser.deadline:
        page = await browser.send("GET", members)
        token = TOKEN_RE.search(page.body.decode()) if page else None
        if token is None:
            return _why("members page", page, members)
        fields = {
            "csrfmiddlewaretoken": token.group(1),
            "name": f"Member {n}",
            "email": email,
            "role": "reviewer",
            "language": "en",
            "max_load": "10",
        }
        answer = await browser.send("POST", members, *browser.form(fields))
        if answer is not None and answer.status == 302:
            return ""
        # A 400 saying the address "is already invited" is the first try's success.
        if answer is not None and answer.status == 400 and b"already invited" in answer.body:
            return ""
        if answer is None or answer.status != 403:
            break
    return _why("invite", answer, members)


async def send_form(browser, path, fields_from):
    """Open the page at `path`, send its form (`fields_from(csrf token)`), as a manager
    would: the same form again after an error page or a cut connection, the page anew
    after a refused form (403). Returns "" once answered with a redirect, else why not."""
    answer = None
    while time.monotonic() < browser.deadline:
        page = await browser.send("GET", path)
        token = TOKEN_RE.search(page.body.decode()) if page else None
        if token is None:
            return _why("page", page, path)
        answer = await browser.send("POST", path, *browser.form(fields_from(token.group(1))))
        if answer is not None and answer.status == 302:
            return ""
        if answer is None or answer.status != 403:
            break
    return _why("form", answer, path)


async def selection_manager(port, selection, tally, deadline, fault_in):
    """Toulouse's manager, once the fault is on, sends its nomination of one cycle, then
    drafts and publishes the decisions of another."""
    browser = Browser(port, tally, deadline)
    failed = await log_in(browser, MANAGER)
    if failed:
        tally.gave_up.append(f"selection: {failed}")
        return
    await asyncio.sleep(max(0.0, fault_in - time.monotonic()))

    def nomination(token):
        fields = {"csrfmiddlewaretoken": token, "action": "send", "share_summary": "on"}
        for pk in selection["nominees"]:
            fields |= {f"kind_{pk}": "nominated", f"justification_{pk}": "Ranked high"}
            fields[f"partner_summary_{pk}"] = "A fine team"
        return fields

    steps = (
        ("nominate and send", selection["nominate"], nomination),
        ("draft the decisions", selection["decisions"], lambda t: _action(t, "draft")),
        ("publish the decisions", selection["decisions"], lambda t: _action(t, "publish")),
    )
    for step, path, fields_from in steps:
        failed = await send_form(browser, path, fields_from)
        if failed:
            tally.gave_up.append(f"selection, {step}: {failed}")
            return
        await asyncio.sleep(1.0)


def _action(token, action):
    return {"csrfmiddlewaretoken": token, "action": action}


async def rush(port, world, scenario, sizes, fault, pdf):
    """Applicants and a manager for `seconds`, the fault injected after `lead` seconds and
    removed `fault` seconds later; returns what they set out to do and the timings."""
    tally, intents, invitations = Tally(), [], []
    start = time.monotonic()
    # Flows under way at the rush's end are finished, retrying, for this long: a person
    # who pressed "send" waits for the answer, and a loss is what is missing after that.
    deadline = start + sizes["seconds"] + PATIENCE_SECONDS
    emails = [f"{scenario}-{n:06d}@bench.example" for n in range(sizes["applicants"])]

    async def arrivals():
        """Applicants arrive evenly over the rush, each at their own pace."""
        flows = []
        for n, email in enumerate(emails):
            await asyncio.sleep(
                max(0.0, start + n * sizes["seconds"] / len(emails) - time.monotonic())
            )
            intents.append(Intent(email))
            flows.append(applicant(port, world, intents[-1], tally, deadline, pdf))
            flows[-1] = asyncio.ensure_future(flows[-1])
        await asyncio.gather(*flows)

    rush_start = dt.datetime.now(dt.UTC)

    async def timeline():
        await asyncio.sleep(sizes["lead"])
        window = {"start": time.time(), "rush_start": rush_start}
        log(f"{scenario}: fault in")
        await fault.inject()
        await asyncio.sleep(sizes["fault"])
        await fault.remove()
        window["removed"] = time.time()
        log(f"{scenario}: fault out")
        return window

    rush_end = start + sizes["seconds"]
    manage = manager(
        port, world, scenario, invitations, tally, deadline, sizes["members"], rush_end
    )
    select = selection_manager(
        port, world["selection"][scenario], tally, deadline, start + sizes["lead"] + 1
    )
    window, *_done = await asyncio.gather(timeline(), arrivals(), manage, select)
    return tally, intents, invitations, window


# -- the faults -------------------------------------------------------------------------------


class Fault:
    def __init__(self, inject=None, remove=None):
        self._inject, self._remove = inject, remove

    async def inject(self):
        if self._inject:
            await self._inject()

    async def remove(self):
        if self._remove:
            await self._remove()


def faults(stack):
    sink, loop = stack.sink, asyncio.get_running_loop()

    async def in_thread(function, *args):
        await loop.run_in_executor(None, function, *args)

    async def refuse():
        sink.refusing = True

    async def accept():
        sink.refusing = False

    async def stall():
        sink.stall = 2 * EMAIL_TIMEOUT  # past the client's timeout: accepted, believed lost

    async def answer():
        sink.stall = 0.0

    async def kill_worker_mid_send():
        sink.stall = 3.0  # sends in flight when the worker dies
        await asyncio.sleep(2.0)
        await in_thread(stack.worker.kill)

    async def restart_worker():
        sink.stall = 0.0
        await in_thread(stack.worker.start)

    async def kill_web_workers():
        """SIGKILL a gunicorn worker every few seconds while submissions are in flight,
        once every worker has answered a request since it started (gunicorn starts a new
        one each time): requests cut mid-way, not a site that is down."""

        async def keep_killing():
            while not stack.stop_killing:
                workers = stack.web.children()
                served = real_stack.served_pids(stack.web.logfile)
                if len(workers) >= 2 and all(w in served for w in workers):
                    victim = random.choice(workers)
                    os.kill(victim, signal.SIGKILL)
                    stack.kills.append(victim)
                await asyncio.sleep(4.0)

        stack.stop_killing = False
        stack.killer = asyncio.ensure_future(keep_killing())

    async def stop_killing():
        stack.stop_killing = True
        await stack.killer

    return {
        "healthy": Fault(),
        "broker_down": Fault(
            lambda: in_thread(stack.redis.stop), lambda: in_thread(stack.redis.start)
        ),
        "mail_refusing": Fault(refuse, accept),
        "mail_slow": Fault(stall, answer),
        "celery_worker_killed": Fault(kill_worker_mid_send, restart_worker),
        "database_restart": Fault(
            lambda: in_thread(stack.pg.stop), lambda: in_thread(stack.pg.start)
        ),
        "web_worker_killed": Fault(kill_web_workers, stop_killing),
    }


# -- counting ---------------------------------------------------------------------------------


def wait_for_messages(emails, removed, limit=RECOVERY_LIMIT):
    """Seconds from the fault's removal until a message to `emails` queued before it, or
    waiting since, was sent: the longest any message waited once the fault was gone
    (0 when every one went out at once); None when one is still unsent `limit` s after the
    removal or after its queueing, whichever is later."""
    from django.db import connections
    from django.db.models import Max

    from jumelage.notifications.models import OutboxMessage, OutboxState

    finished = (OutboxState.SENT, OutboxState.FAILED, OutboxState.CANCELLED)
    while True:
        connections.close_all()
        messages = OutboxMessage.objects.filter(recipient_email__in=emails)
        waiting = messages.exclude(state__in=finished)
        if not waiting.exists():
            waits = [
                m.sent_at.timestamp() - max(m.created.timestamp(), removed)
                for m in messages
                if m.sent_at
            ]
            return round(max([0.0, *waits]), 1)
        latest = waiting.aggregate(latest=Max("created"))["latest"]
        if latest is None:  # the last one went out between the two reads
            continue
        if time.time() - max(removed, latest.timestamp()) > limit:
            return None
        time.sleep(1)


def _quantile(ordered, q):
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def count_selection(selection):
    """(saved, lost) of the selection's steps: the nomination sent, the decisions published,
    and a decision message for each of the applicants concerned."""
    from jumelage.notifications.models import OutboxMessage, OutboxState
    from jumelage.selection.enums import NominationState
    from jumelage.selection.models import Nomination

    of_toulouse = Nomination.objects.filter(side__slug="toulouse")
    sent = of_toulouse.filter(
        cycle_id=selection["nominate_cycle"], state=NominationState.SENT
    ).exists()
    published = of_toulouse.filter(
        cycle_id=selection["decide_cycle"], decisions_published_at__isnull=False
    ).exists()
    told = set(
        OutboxMessage.objects.filter(
            recipient_email__in=selection["decided"], template_key__startswith="decision-"
        )
        .exclude(state__in=(OutboxState.DRAFT, OutboxState.CANCELLED))
        .values_list("recipient_email", flat=True)
    )
    missing = len(set(selection["decided"]) - told)
    return sent + published + len(told), (not sent) + (not published) + missing


def count(scenario, tally, intents, invitations, window, sink, recovery, selection):
    from django.db import connections
    from django.db.models import Count, Q

    from jumelage.calls.enums import ApplicationState
    from jumelage.calls.models import Application
    from jumelage.notifications import currency
    from jumelage.notifications.models import OutboxMessage, OutboxState
    from jumelage.review.models import Member

    connections.close_all()
    emails = [intent.email for intent in intents]
    applications = {
        a.applicant.email: a
        for a in Application.objects.filter(applicant__email__in=emails)
        .select_related("applicant")
        .annotate(submissions=Count("transitions", filter=Q(transitions__to_state="submitted")))
    }
    submitted = {
        email for email, a in applications.items() if a.state == ApplicationState.SUBMITTED
    }
    drafts_lost = sum(
        1
        for intent in intents
        if intent.autosaved and applications[intent.email].organisation != intent.organisation
    )
    members = Counter(Member.objects.filter(email__in=invitations).values_list("email", flat=True))
    # The scenario's messages: to its people, and to the partner's manager since it began
    # (the nomination received).
    messages = OutboxMessage.objects.filter(
        Q(recipient_email__in=emails + invitations + selection["decided"])
        | Q(recipient_email=PARTNER_MANAGER, created__gte=window["rush_start"])
    )
    per_event = Counter(
        messages.exclude(state=OutboxState.CANCELLED).values_list("template_key", "recipient_email")
    )
    selection_saved, selection_lost = count_selection(selection)
    sent = messages.filter(state=OutboxState.SENT)
    contradicted = sum(1 for i in intents if i.told_submitted and i.email not in submitted)
    contradicted += (
        sent.filter(template_key="application-submitted")
        .exclude(recipient_email__in=submitted)
        .count()
    )
    contradicted += sum(1 for message in sent if currency.reason_to_cancel(message))
    wanted_ids = set(messages.exclude(message_id="").values_list("message_id", flat=True))
    accepted = Counter(mid for mid, _at in sink.received if mid in wanted_ids)
    gave_up = [f"{i.email}: {i.gave_up}" for i in intents if i.gave_up] + tally.gave_up
    unanswered = sum(1 for reason in gave_up if reason.endswith("no answer in time"))
    start, end = window["start"], window["removed"] + SETTLE_SECONDS
    inside = [s for at, s, *_ in tally.statuses if start <= at <= end and s >= 500]
    outside = [
        (s, m, p) for at, s, m, p, _secs in tally.statuses if not start <= at <= end and s >= 500
    ]
    waits = sorted(seconds for *_rest, seconds in tally.statuses)
    return {
        "scenario": scenario,
        "requests": tally.requests,
        "saved": len(submitted) + len(members) + selection_saved,
        "lost": len(intents)
        - len(submitted)
        + drafts_lost
        + len(set(invitations) - set(members))
        + selection_lost,
        "duplicated": sum(a.submissions - 1 for a in applications.values() if a.submissions > 1)
        + sum(n - 1 for n in members.values() if n > 1)
        + sum(n - 1 for n in per_event.values() if n > 1),
        "contradicted": contradicted,
        "5xx": len(outside) + sum(1 for s in inside if s != 503),
        "messages_queued": messages.count(),
        "messages_sent": sent.count(),
        "messages_sent_twice": sum(1 for n in accepted.values() if n > 1),
        "recovery_seconds": recovery,
        "applicants": len(intents),
        "invitations": len(invitations),
        "selection_saved": selection_saved,
        "lost_unanswered": unanswered,
        "503_in_window": sum(1 for s in inside if s == 503),
        "connection_errors": tally.connection_errors,
        "timeouts": tally.timeouts,
        "answer_p50_ms": round(1000 * _quantile(waits, 0.5)),
        "answer_p99_ms": round(1000 * _quantile(waits, 0.99)),
        "answer_max_ms": round(1000 * _quantile(waits, 1.0)),
        "messages_failed": messages.filter(state=OutboxState.FAILED).count(),
        "fault_seconds": round(window["removed"] - window["start"], 1),
        "loadavg_1m": round(os.getloadavg()[0], 2),
        **({"5xx_samples": outside[:5]} if outside else {}),
        **({"gave_up": gave_up[:5]} if gave_up else {}),
    }


# -- the run ----------------------------------------------------------------------------------


@dataclass
class Stack:
    pg: real_stack.Postgres
    redis: real_stack.Redis
    sink: real_stack.Sink
    web: real_stack.Process
    worker: real_stack.Process
    port: int
    stop_killing: bool = False
    killer: object = None
    kills: list = field(default_factory=list)  # the web workers killed, by pid


def healthy_again(stack):
    """Before the next scenario: every service up, whatever the last one left."""
    if not (stack.pg.data / "postmaster.pid").exists():
        stack.pg.start()
    if not stack.redis.pidfile.exists():
        stack.redis.start()
    if stack.worker.popen.poll() is not None:
        stack.worker.start()
    stack.sink.refusing, stack.sink.stall = False, 0.0


async def run_scenarios(stack, world, sizes, names):
    from jumelage.demo.pdf import one_page_pdf

    pdf = one_page_pdf(["Pitch deck"])
    table = faults(stack)
    for name in names:
        healthy_again(stack)
        log(f"{name}: rush of {sizes['seconds']} s")
        tally, intents, invitations, window = await rush(
            stack.port, world, name, sizes, table[name], pdf
        )
        selection = world["selection"][name]
        emails = [intent.email for intent in intents] + invitations + selection["decided"]
        loop = asyncio.get_running_loop()  # the database is counted outside the event loop
        recovery = await loop.run_in_executor(None, wait_for_messages, emails, window["removed"])
        line = await loop.run_in_executor(
            None,
            count,
            *(name, tally, intents, invitations, window, stack.sink, recovery, selection),
        )
        if name == "web_worker_killed":
            line["web_workers_killed"] = len(stack.kills)
        print(json.dumps(line), flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter rushes, fewer people")
    parser.add_argument("--only", choices=SCENARIOS, action="append", help="(repeatable)")
    parser.add_argument("--keep", action="store_true", help="keep the logs in /tmp")
    parser.add_argument(
        "--no-preload", action="store_true", help="each gunicorn worker loads the application"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's sync workers (2)")
    return parser.parse_args(argv)


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    sizes = QUICK if args.quick else FULL
    names = [name for name in SCENARIOS if not args.only or name in args.only]
    workdir = Path(tempfile.mkdtemp(prefix="jumelage-faults-"))
    pg = real_stack.Postgres(PG_PORT, Path("/tmp/jumelage-faults-pg"))
    redis = real_stack.Redis(REDIS_PORT, workdir)
    env = stack_env(workdir, pg, redis)
    os.environ.update(env)
    sink = real_stack.Sink(SMTP_PORT)
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    port = real_stack.free_port()
    web = real_stack.gunicorn(
        env, port, workdir / "gunicorn.log", workers=args.workers, preload=not args.no_preload
    )
    worker = real_stack.celery_worker(env, workdir / "beat-schedule", workdir / "celery.log")
    stack = Stack(pg, redis, sink, web, worker, port)
    try:
        log(f"PostgreSQL on {PG_PORT}, Redis on {REDIS_PORT}, SMTP sink on {SMTP_PORT}")
        pg.create()
        redis.start()
        sink.start()
        real_stack.run_python_module(env, "django", "migrate", "--noinput", "-v", "0")
        real_stack.run_python_module(env, "django", "collectstatic", "--noinput", "-v", "0")
        import django

        django.setup()
        world = seed(sizes)
        web.start()
        worker.start()
        real_stack.wait_for_port(port)
        log(f"gunicorn on {port}; logs in {workdir}")
        asyncio.run(run_scenarios(stack, world, sizes, names))
    except KeyboardInterrupt:
        log("interrupted: stopping the stack")
        sys.exit(130)
    finally:
        real_stack.tear_down(
            (web.stop, worker.stop, redis.stop, sink.stop, pg.destroy), workdir, keep=args.keep
        )


if __name__ == "__main__":
    main()
