"""The deadline rush: many applicants at once on the real stack; one JSON line.

    .venv/bin/python bench/rush.py                       # 200 applicants, 5 minutes
    .venv/bin/python bench/rush.py --duration 60 --applicants 40   # to try it

The stack is bench/real_stack.py's, as bench/faults.py runs it, on ports of its own: its
own PostgreSQL (initdb into /tmp, port 5498), Redis (port 6391), gunicorn (`--workers`,
4 sync workers by default, production settings, the application preloaded), a Celery
worker with its beat, and an SMTP sink (port 8152) that keeps every mail.

Every applicant arrives within the first fifth of the rush and stays until it ends, so that
they are all there at once. Each one signs up, opens the confirmation link that the sink
received (which logs them in), applies to the call, saves a first draft with the pitch
deck's PDF uploaded, then types: an autosave every 15 to 30 s, as the page's script does.
They submit in the rush's last fifth, seven in ten in its last tenth (the last 30 s of 5
minutes), as people do at a deadline, from the form page reloaded. The call closes a
minute after the rush, the time a slow answer may take. As in a browser, an error page or
a cut connection makes the person send the same form again (the same form token), until
it is accepted or that minute is over.

The database is counted afterwards, not the clients' beliefs:
- `submitted`: applications submitted with their PDF;
- `lost`: applicants who set out to submit and whose application is not submitted with its
  file, plus autosaved text missing from the row (`gave_up` says where some stopped);
- `duplicated`: submissions beyond one per application, accounts beyond one per address;
- `5xx`: answers >= 500; `connection_errors`: requests cut or unanswered in
  CLIENT_TIMEOUT (120 s: `timeouts`);
- `p50_ms` / `p99_ms`: every answered request; `submit_p50_ms` / `submit_p99_ms`: from
  pressing "submit" to the page that says it is submitted, retries included;
- `verify_mail_p50_s` / `verify_mail_p99_s`: from signing up to the confirmation mail.

Progress goes to stderr; stdout holds only the JSON line.
"""

import argparse
import asyncio
import datetime as dt
import email
import json
import logging
import os
import random
import re
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
from bench.faults import (
    APPLICATION_RE,
    PASSWORD,
    TOKEN_RE,
    Browser,
    Tally,
    _quantile,
    _why,
    hidden_inputs,
    stack_env,
)
from bench.load import multipart
from bench.real_stack import log

PG_PORT, REDIS_PORT, SMTP_PORT = 5498, 6391, 8152
# A slow answer near the deadline may take this long; the call closes this long after the
# rush, and a person sends their form again until then.
PATIENCE_SECONDS = 60
# How long a browser waits for an answer before its person presses reload: a page that
# spins at the deadline is waited for, and a reload makes the server do the work twice.
CLIENT_TIMEOUT = 120.0
VERIFY_LINK_RE = re.compile(r"https://127\.0\.0\.1(/[a-z-]+/accounts/verify/[^/\s]+/)")


@dataclass
class Person:
    email: str
    signed_up_at: float = 0.0
    verify_mail_seconds: float | None = None
    application: int | None = None
    organisation: str = ""  # the text of the last autosave the server accepted
    uploaded: bool = False
    told_submitted: bool = False
    submit_seconds: float | None = None
    gave_up: str = ""


@dataclass
class Plan:
    start: float
    duration: float
    applicants: int
    slug: str = ""
    theme: int = 0
    pdf: bytes = b""
    people: list = field(default_factory=list)

    def arrival(self, n):
        return self.start + n * 0.2 * self.duration / self.applicants

    def submit_time(self):
        """In the last fifth of the rush, seven in ten in its last tenth."""
        end, tenth = self.start + self.duration, 0.1 * self.duration
        if random.random() < 0.7:
            return end - random.uniform(0, tenth)
        return end - random.uniform(tenth, 2 * tenth)


def seed():
    """The world of bench/seed.py: Toulouse's open call with its pitch deck question."""
    from bench import seed as builders

    calls, themes, _taichung = builders.build_world()
    call = calls["submit"]
    return call.slug, themes[call.cycle_id][0].pk


def close_call_at(slug, closes_at):
    from django.db import connections
    from django.utils import timezone

    from jumelage.calls.models import Call

    Call.objects.filter(slug=slug).update(closes_at=closes_at, updated=timezone.now())
    connections.close_all()


async def wait_for_link(sink, address, until):
    """The confirmation link of the mail the sink received for `address`, or None."""
    while time.monotonic() < until:
        for raw in sink.mails_to(address):
            message = email.message_from_bytes(raw)
            for part in message.walk():
                if part.get_content_maintype() != "text":
                    continue
                text = part.get_payload(decode=True).decode(errors="replace")
                found = VERIFY_LINK_RE.search(text)
                if found:
                    return found.group(1)
        await asyncio.sleep(0.5)
    return None


def application_fields(hidden, person, plan, action):
    name = person.email.split("@")[0]
    return {
        **hidden,
        "action": action,
        "language": "en",
        "team_name": f"Team {name}",
        "organisation": person.organisation or f"{name} Labs",
        "contact_name": f"Contact {name}",
        "contact_email": person.email,
        "contact_phone": "+33 5 00 00 00 00",
        "theme": plan.theme,
        "privacy_consent": "on",
    }


async def sign_up(browser, person, sink):
    page = await browser.send("GET", "/en/accounts/register/")
    token = TOKEN_RE.search(page.body.decode()) if page else None
    if token is None:
        return _why("register page", page, "")
    name = person.email.split("@")[0]
    fields = {
        "csrfmiddlewaretoken": token.group(1),
        "full_name": f"Founder {name}",
        "email": person.email,
        "language": "en",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    person.signed_up_at = time.monotonic()
    answer = await browser.send("POST", "/en/accounts/register/", *browser.form(fields))
    if answer is None or answer.status != 302:
        return _why("register", answer, "")
    link = await wait_for_link(sink, person.email, browser.deadline)
    if link is None:
        return "confirmation mail: none came"
    person.verify_mail_seconds = time.monotonic() - person.signed_up_at
    answer = await browser.send("GET", link)
    if answer is None or answer.status != 302 or "sessionid" not in browser.cookies:
        return _why("confirmation link", answer, link)
    return ""


async def first_draft(browser, person, plan):
    """Apply, then save the form's first answers with the PDF uploaded."""
    await browser.send("GET", f"/en/calls/{plan.slug}/")
    fields = {"csrfmiddlewaretoken": browser.cookies.get("csrftoken"), "language": "en"}
    answer = await browser.send("POST", f"/en/calls/{plan.slug}/apply/", *browser.form(fields))
    location = (answer.header("location") or "") if answer else ""
    if not APPLICATION_RE.match(location):
        return _why("apply", answer, "")
    person.application = int(APPLICATION_RE.match(location).group(1))
    page = await browser.send("GET", location)
    if page is None or page.status != 200:
        return _why("application page", page, location)
    await asyncio.sleep(random.uniform(2, 6))  # typing the first answers
    hidden = hidden_inputs(page.body.decode(), "application-form")
    files = {"pitch_deck": ("pitch.pdf", "application/pdf", plan.pdf)}
    content_type, body = multipart(application_fields(hidden, person, plan, "save"), files)
    answer = await browser.send("POST", location, {"Content-Type": content_type}, body)
    if answer is None or answer.status != 302:
        return _why("draft with the file", answer, location)
    person.uploaded = True
    return ""


async def type_until(browser, person, until):
    """Autosave a changed answer every 15 to 30 s until `until`."""
    location = f"/en/calls/applications/{person.application}/"
    form_type = {"Content-Type": "application/x-www-form-urlencoded"}
    revision = 0
    while True:
        pause = random.uniform(15, 30)
        if time.monotonic() + pause >= until:
            await asyncio.sleep(max(0.0, until - time.monotonic()))
            return
        await asyncio.sleep(pause)
        revision += 1
        text = f"{person.email.split('@')[0]} Labs, revision {revision}"
        fields = {"csrfmiddlewaretoken": browser.cookies.get("csrftoken"), "organisation": text}
        body = urlencode([*fields.items(), ("_fields", "organisation")]).encode()
        saved = await browser.send("POST", f"{location}autosave/", form_type, body, ok=(200,))
        if saved is not None and saved.status == 200:
            person.organisation = text


async def submit(browser, person, plan):
    """Reload the page (the text is saved), then press submit on it."""
    location = f"/en/calls/applications/{person.application}/"
    page = await browser.send("GET", location)
    if page is None or page.status != 200:
        return _why("application page before submitting", page, location)
    hidden = hidden_inputs(page.body.decode(), "application-form")
    content_type, body = multipart(application_fields(hidden, person, plan, "submit"), {})
    pressed = time.monotonic()
    answer = await browser.send("POST", location, {"Content-Type": content_type}, body)
    person.told_submitted = (
        answer is not None and answer.status == 302 and answer.header("location") == location
    )
    if not person.told_submitted:
        return _why("submit", answer, location)
    person.submit_seconds = time.monotonic() - pressed
    return ""


async def applicant(port, plan, person, tally, sink, deadline):
    browser = Browser(port, tally, deadline, timeout=CLIENT_TIMEOUT)
    for step in (
        lambda: sign_up(browser, person, sink),
        lambda: first_draft(browser, person, plan),
        lambda: type_until(browser, person, plan.submit_time()),
        lambda: submit(browser, person, plan),
    ):
        person.gave_up = await step() or ""
        if person.gave_up:
            return


async def rush(port, plan, sink):
    tally = Tally()
    deadline = plan.start + plan.duration + PATIENCE_SECONDS
    flows = []
    for n in range(plan.applicants):
        await asyncio.sleep(max(0.0, plan.arrival(n) - time.monotonic()))
        person = Person(f"rush-{n:05d}@bench.example")
        plan.people.append(person)
        flows.append(asyncio.ensure_future(applicant(port, plan, person, tally, sink, deadline)))
    log(f"{plan.applicants} applicants arrived")
    await asyncio.gather(*flows)
    return tally


def count(plan, tally, elapsed):
    from django.db import connections
    from django.db.models import Count, Q

    from jumelage.accounts.models import User
    from jumelage.calls.enums import ApplicationState
    from jumelage.calls.models import Application

    connections.close_all()
    emails = [person.email for person in plan.people]
    rows = {
        a.applicant.email: a
        for a in Application.objects.filter(applicant__email__in=emails)
        .select_related("applicant")
        .annotate(
            submissions=Count(
                "transitions", filter=Q(transitions__to_state="submitted"), distinct=True
            ),
            files=Count("attachments", distinct=True),
        )
    }
    submitted = {
        address
        for address, a in rows.items()
        if a.state == ApplicationState.SUBMITTED and a.files > 0
    }
    drafts_lost = sum(
        1
        for person in plan.people
        if person.organisation
        and (person.email not in rows or rows[person.email].organisation != person.organisation)
    )
    accounts = Counter(User.objects.filter(email__in=emails).values_list("email", flat=True))
    answered = sorted(seconds for *_rest, seconds in tally.statuses)
    submits = sorted(p.submit_seconds for p in plan.people if p.submit_seconds is not None)
    mails = sorted(p.verify_mail_seconds for p in plan.people if p.verify_mail_seconds is not None)
    errors = [(status, method, path) for _at, status, method, path, _s in tally.statuses]
    errors = [e for e in errors if e[0] >= 500]
    gave_up = [f"{p.email}: {p.gave_up}" for p in plan.people if p.gave_up]
    return {
        "bench": "rush",
        "applicants": len(plan.people),
        "duration_s": plan.duration,
        "submitted": len(submitted),
        "lost": len(plan.people) - len(submitted) + drafts_lost,
        "duplicated": sum(a.submissions - 1 for a in rows.values() if a.submissions > 1)
        + sum(n - 1 for n in accounts.values() if n > 1),
        "contradicted": sum(
            1 for p in plan.people if p.told_submitted and p.email not in submitted
        ),
        "5xx": len(errors),
        "requests": tally.requests,
        "requests_per_s": round(tally.requests / elapsed, 1),
        "p50_ms": round(1000 * _quantile(answered, 0.5)),
        "p99_ms": round(1000 * _quantile(answered, 0.99)),
        "max_ms": round(1000 * _quantile(answered, 1.0)),
        "submit_p50_ms": round(1000 * _quantile(submits, 0.5)),
        "submit_p99_ms": round(1000 * _quantile(submits, 0.99)),
        "verify_mail_p50_s": round(_quantile(mails, 0.5), 1),
        "verify_mail_p99_s": round(_quantile(mails, 0.99), 1),
        "connection_errors": tally.connection_errors,
        "timeouts": tally.timeouts,
        "loadavg_1m": round(os.getloadavg()[0], 2),
        **({"5xx_samples": errors[:5]} if errors else {}),
        **({"gave_up": gave_up[:5]} if gave_up else {}),
    }


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applicants", type=int, default=200)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds (300)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn's sync workers")
    parser.add_argument("--keep", action="store_true", help="keep the logs in /tmp")
    return parser.parse_args(argv)


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


async def run(stack_port, plan, sink):
    loop = asyncio.get_running_loop()
    closes_at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=plan.duration + PATIENCE_SECONDS)
    await loop.run_in_executor(None, close_call_at, plan.slug, closes_at)
    plan.start = time.monotonic()
    tally = await rush(stack_port, plan, sink)
    elapsed = time.monotonic() - plan.start
    return await loop.run_in_executor(None, count, plan, tally, elapsed)


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    workdir = Path(tempfile.mkdtemp(prefix="jumelage-rush-"))
    pg = real_stack.Postgres(PG_PORT, Path("/tmp/jumelage-rush-pg"))
    redis = real_stack.Redis(REDIS_PORT, workdir)
    env = stack_env(workdir, pg, redis, smtp_port=SMTP_PORT)
    os.environ.update(env)
    sink = real_stack.Sink(SMTP_PORT)
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    port = real_stack.free_port()
    web = real_stack.gunicorn(env, port, workdir / "gunicorn.log", workers=args.workers)
    worker = real_stack.celery_worker(env, workdir / "beat-schedule", workdir / "celery.log")
    try:
        log(f"PostgreSQL on {PG_PORT}, Redis on {REDIS_PORT}, SMTP sink on {SMTP_PORT}")
        pg.create()
        redis.start()
        sink.start()
        real_stack.run_python_module(env, "django", "migrate", "--noinput", "-v", "0")
        real_stack.run_python_module(env, "django", "collectstatic", "--noinput", "-v", "0")
        import django

        django.setup()
        from jumelage.demo.pdf import one_page_pdf

        slug, theme = seed()
        plan = Plan(0.0, args.duration, args.applicants, slug, theme, one_page_pdf(["Pitch"]))
        web.start()
        worker.start()
        real_stack.wait_for_port(port)
        log(f"gunicorn on {port}; logs in {workdir}; rush of {args.duration:.0f} s")
        line = asyncio.run(run(port, plan, sink))
        print(json.dumps(line), flush=True)
    except KeyboardInterrupt:
        log("interrupted: stopping the stack")
        sys.exit(130)
    finally:
        real_stack.tear_down(
            (web.stop, worker.stop, redis.stop, sink.stop, pg.destroy), workdir, keep=args.keep
        )


if __name__ == "__main__":
    main()
