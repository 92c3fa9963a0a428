"""The services bench/faults.py runs and breaks: its own PostgreSQL and Redis (never the
system's), gunicorn, a Celery worker with its beat, and a local SMTP sink that can be told
to refuse or stall. Each is started on its own port under /tmp and stopped on the way out.
"""

import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def log(message):
    print(f"[faults] {message}", file=sys.stderr, flush=True)


def _wait_for_port(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port} after {seconds} s")


def _postgres_bin(name):
    for folder in ("/usr/lib/postgresql/15/bin", "/usr/local/bin"):
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"{name} not found: install PostgreSQL's server binaries")
    return found


def _as_postgres_user(command):
    """PostgreSQL refuses to run as root: as root, its programs run as the "postgres" user,
    who owns the bench's cluster (a cluster of its own, not the system's)."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


class Postgres:
    """A throw-away cluster in /tmp, trust authentication, listening on 127.0.0.1 only."""

    def __init__(self, port, folder):
        self.port, self.folder = port, Path(folder)
        self.data, self.logfile = self.folder / "data", self.folder / "postgres.log"
        self.url = f"postgres://postgres@127.0.0.1:{port}/jumelage"

    def create(self):
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        initdb = [_postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"]
        subprocess.run(_as_postgres_user(initdb), check=True, capture_output=True)
        self.start()
        createdb = [_postgres_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port)]
        subprocess.run([*createdb, "-U", "postgres", "jumelage"], check=True)

    def _ctl(self, *args):
        command = [_postgres_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.logfile), *args]
        subprocess.run(_as_postgres_user(command), check=True, capture_output=True)

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._ctl("-w", "-o", options, "start")

    def stop(self):
        """As a restart or a failover does: connections cut, transactions rolled back."""
        self._ctl("-w", "-m", "fast", "stop")

    def destroy(self):
        if (self.data / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class Redis:
    def __init__(self, port, folder):
        self.port, self.pidfile = port, Path(folder) / "redis.pid"
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self):
        self.pidfile.parent.mkdir(parents=True, exist_ok=True)
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "yes"]
        subprocess.run([*command, "--pidfile", str(self.pidfile)], check=True)
        _wait_for_port(self.port)

    def stop(self):
        """Stopped without saving: what its queues held is gone, as after a crash."""
        if not self.pidfile.exists():
            return
        pid = int(self.pidfile.read_text())
        os.kill(pid, signal.SIGKILL)
        self.pidfile.unlink()
        time.sleep(0.3)


class Sink:
    """The SMTP server: keeps each accepted mail's Message-ID and when it came, and the
    mails themselves by recipient; refuses with 451 or stalls before answering, when told.
    A stall longer than the client's timeout accepts a mail that the client believes
    failed: a retry then sends it again, with the same Message-ID."""

    def __init__(self, port):
        self.port = port
        self.received, self.refusing, self.stall = [], False, 0.0
        self.mailboxes = {}  # recipient -> [raw mail bytes]
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):
        if self.refusing:
            return "451 4.3.0 Try again later"
        if self.stall:
            await asyncio.sleep(self.stall)
        message_id = ""
        for line in envelope.content.decode(errors="replace").splitlines():
            if line.lower().startswith("message-id:"):
                message_id = line.split(":", 1)[1].strip()
                break
        with self.lock:
            self.received.append((message_id, time.time()))
            for recipient in envelope.rcpt_tos:
                self.mailboxes.setdefault(recipient.lower(), []).append(envelope.content)
        return "250 OK"

    def mails_to(self, recipient):
        with self.lock:
            return list(self.mailboxes.get(recipient.lower(), ()))

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()


class Process:
    """A long-running child in a session of its own, so that it dies with its children."""

    def __init__(self, name, command, env, logfile):
        self.name, self.command, self.env, self.logfile = name, command, env, logfile
        self.popen = None

    def start(self):
        with open(self.logfile, "ab") as out:
            self.popen = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def children(self):
        try:
            with open(f"/proc/{self.popen.pid}/task/{self.popen.pid}/children") as children:
                return [int(pid) for pid in children.read().split()]
        except OSError:
            return []

    def kill(self):
        """SIGKILL for the whole group: what the OOM killer does."""
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)

    def stop(self):
        if self.popen is None or self.popen.poll() is not None:
            return
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(20)
        except subprocess.TimeoutExpired:
            self.kill()


def _control_socket_off():
    """Newer gunicorn opens a control socket in ~/.gunicorn, shared by every gunicorn the
    user runs: the bench's own server needs none."""
    helptext = subprocess.run(
        [PYTHON, "-m", "gunicorn", "--help"], capture_output=True, text=True, check=True
    ).stdout
    return ["--no-control-socket"] if "--no-control-socket" in helptext else []


ACCESS_FORMAT = '%(p)s %(s)s %(M)s "%(r)s"'
PID_RE = re.compile(r"^<(\d+)> ")


def gunicorn(env, port, logfile, workers=2, preload=True):
    """gunicorn with sync workers; its access log (next to `logfile`) names the worker and
    the milliseconds of each answer. With `preload` the application is loaded once in the
    master: a worker that replaces a killed one serves at once instead of loading Django
    and every view again, seconds of a half-staffed server on a busy machine."""
    command = [PYTHON, "-m", "gunicorn", "jumelage.wsgi", "--workers", str(workers)]
    command += ["--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--timeout", "60"]
    command += ["--access-logfile", str(access_log(logfile))]
    command += ["--access-logformat", ACCESS_FORMAT]
    command += ["--preload"] if preload else []
    return Process("gunicorn", [*command, *_control_socket_off()], env, logfile)


def access_log(logfile):
    return Path(logfile).with_name("access.log")


def served_pids(logfile):
    """The workers that have answered at least one request, from the access log."""
    try:
        with open(access_log(logfile)) as lines:
            return {int(m.group(1)) for m in map(PID_RE.match, lines) if m}
    except OSError:
        return set()


def celery_worker(env, schedule, logfile):
    command = [str(BIN / "celery"), "-A", "jumelage", "worker", "-B", "-c", "2"]
    command += ["--loglevel=WARNING", "-s", str(schedule), "--without-mingle"]
    command += ["--without-gossip"]
    return Process("celery", command, env, logfile)


def tear_down(stops, workdir, keep=False):
    """Stop every service, whatever one says, then remove the run's files unless kept."""
    for stop in stops:
        try:
            stop()
        except Exception as error:  # the others are stopped all the same
            log(f"stopping: {error}")
    if keep:
        log(f"kept {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, seconds=60):
    _wait_for_port(port, seconds)


def run_python_module(env, *args, timeout=600):
    done = subprocess.run(
        [PYTHON, "-m", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
