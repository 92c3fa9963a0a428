"""The outbox under faults, against a real Redis, Celery worker (with beat) and SMTP sink.

    DATABASE_URL=postgres://… .venv/bin/python bench/faults.py [--messages N]

Starts its own Redis (port 6390), a local SMTP sink (port 8151) that can be told to
refuse or stall, and a Celery worker with its beat; queues messages while a fault is
injected, removes the fault, and waits until every message is sent. Prints one JSON line
per scenario; the "healthy" line is the baseline of the same run. Messages are queued by
calling the outbox's service in this process (not through gunicorn): `requests` counts
those calls and `5xx` the ones that raised.
"""

import argparse
import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

from aiosmtpd.controller import Controller

REDIS_PORT, SMTP_PORT = 6390, 8151
ROOT = Path(__file__).resolve().parent.parent
ENV = {
    "CELERY_BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
    "EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}",
    "EMAIL_TIMEOUT": "5",
    "OUTBOX_RETRY_FIRST_SECONDS": "2",
    "OUTBOX_RETRY_MAX_SECONDS": "10",
    "OUTBOX_LEASE_SECONDS": "15",
    "OUTBOX_SWEEP_AFTER_SECONDS": "10",
}
os.environ.update(ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")


class Sink:
    """Records each accepted mail's Message-ID; refuses (451) or stalls when told."""

    def __init__(self):
        self.received, self.refusing, self.stall = [], False, 0.0

    async def handle_DATA(self, server, session, envelope):
        if self.refusing:
            return "451 4.3.0 Try again later"
        if self.stall:
            await asyncio.sleep(self.stall)
        for line in envelope.content.decode(errors="replace").splitlines():
            if line.lower().startswith("message-id:"):
                self.received.append(line.split(":", 1)[1].strip())
        return "250 OK"


def start_redis():
    subprocess.run(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
            "--pidfile",
            "/tmp/faults-redis.pid",
        ],
        check=True,
    )
    time.sleep(0.5)


def stop_redis():
    pid = int(Path("/tmp/faults-redis.pid").read_text())
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.5)


def start_worker():
    command = [
        str(Path(sys.executable).parent / "celery"),
        "-A",
        "jumelage",
        "worker",
        "-B",
        "-c",
        "2",
        "--loglevel=WARNING",
        "-s",
        "/tmp/faults-beat-schedule",
    ]
    log = open("/tmp/faults-worker.log", "a")  # noqa: SIM115 - lives as long as the worker
    # A session of its own, so its pool and beat processes are killed with it.
    return subprocess.Popen(
        command, cwd=ROOT, env=os.environ, stdout=log, stderr=log, start_new_session=True
    )


def queue(count, label):
    from django.db import transaction

    from jumelage.notifications.services import queue_message

    ids, errors = [], 0
    for n in range(count):
        recipient = SimpleNamespace(pk=None, email=f"{label}-{n}@example.org")
        try:
            with transaction.atomic():
                message = queue_message(
                    "verify-email",
                    recipient=recipient,
                    language="en",
                    context={"name": f"{label} {n}", "link": "http://example.org/"},
                )
            ids.append(message.pk)
        except Exception:  # counted: a person would have seen an error
            errors += 1
        time.sleep(0.02)
    return ids, errors


def wait_sent(ids, limit=150):
    from jumelage.notifications.models import OutboxMessage, OutboxState

    start = time.monotonic()
    while time.monotonic() - start < limit:
        pending = OutboxMessage.objects.filter(pk__in=ids).exclude(state=OutboxState.SENT)
        if not pending.exists():
            break
        time.sleep(0.5)
    return time.monotonic() - start


def figures(name, ids, errors, sink, recovery, received_before):
    from jumelage.notifications.models import OutboxMessage, OutboxState

    messages = OutboxMessage.objects.filter(pk__in=ids)
    wanted = set(messages.values_list("message_id", flat=True))
    seen = Counter(m for m in sink.received[received_before:] if m in wanted)
    sent = messages.filter(state=OutboxState.SENT).count()
    return {
        "scenario": name,
        "requests": len(ids) + errors,
        "saved": len(ids),
        "lost": len(ids) - len(seen),
        "duplicated": 0 if len(wanted) == len(ids) else len(ids) - len(wanted),
        "contradicted": messages.filter(state=OutboxState.CANCELLED).count(),
        "5xx": errors,
        "messages_queued": len(ids),
        "messages_sent": sent,
        "messages_sent_twice": sum(1 for n in seen.values() if n > 1),
        "recovery_seconds": round(recovery, 1),
    }


def scenario(name, sink, count, inject, remove):
    before = len(sink.received)
    inject()
    ids, errors = queue(count, name)
    time.sleep(3)
    remove()
    recovery = wait_sent(ids)
    print(json.dumps(figures(name, ids, errors, sink, recovery, before)), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=40)
    count = parser.parse_args().messages
    import django

    django.setup()
    sink = Sink()
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    smtp = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
    smtp.start()
    start_redis()
    state = SimpleNamespace(worker=start_worker())
    time.sleep(5)
    try:
        run_scenarios(sink, count, state)
    finally:
        os.killpg(state.worker.pid, signal.SIGTERM)
        state.worker.wait(20)
        stop_redis()
        smtp.stop()


def run_scenarios(sink, count, state):
    def nothing():
        return None

    def refuse(on):
        sink.refusing = on

    def kill_worker_mid_send():
        sink.stall = 2.0
        threading.Timer(2.5, lambda: os.killpg(state.worker.pid, signal.SIGKILL)).start()

    def restart_worker():
        state.worker.wait()
        sink.stall = 0.0
        state.worker = start_worker()

    scenario("healthy", sink, count, nothing, nothing)
    scenario("mail_refusing", sink, count, lambda: refuse(True), lambda: refuse(False))
    scenario("broker_down", sink, count, stop_redis, start_redis)
    scenario("worker_killed", sink, count, kill_worker_mid_send, restart_worker)


if __name__ == "__main__":
    main()
