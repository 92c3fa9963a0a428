"""The load generator: raw HTTP/1.1 over asyncio, one new connection per request.

Run by bench/web.py as a separate process so it does not share the server's interpreter:

    python -m bench.load SPEC.json     # prints one JSON object with the measurements

Two modes, both bounded by a request (or applicant) count and by time, and both talking to
127.0.0.1 only:
- "get": `concurrency` clients fetch one path in a closed loop, after a warm-up;
- "submit": `concurrency` virtual applicants each take the next pre-made session, apply to
  the call, open their application page, and post the full form with a PDF pitch deck,
  agreeing to the privacy notice.

Requests carry `X-Forwarded-Proto: https`, as a TLS-terminating proxy in front of the
production server would, and an Origin header so that CSRF checks pass as in a browser.
"""

import asyncio
import json
import re
import sys
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from jumelage.demo.pdf import one_page_pdf

HOST = "127.0.0.1"
TIMEOUT = 30.0
TOKEN_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
APPLICATION_RE = re.compile(r"^/en/calls/applications/(\d+)/$")


@dataclass
class Response:
    status: int
    headers: list
    body: bytes

    def header(self, name):
        name = name.lower()
        return next((value for key, value in self.headers if key == name), None)

    def set_cookies(self):
        """name -> value for every Set-Cookie; an expired cookie maps to None."""
        cookies = {}
        for key, value in self.headers:
            if key == "set-cookie":
                pair = value.split(";", 1)[0]
                name, _sep, content = pair.partition("=")
                expired = "max-age=0" in value.lower()
                cookies[name.strip()] = None if expired else content.strip()
        return cookies


def parse_response(raw):
    head, _sep, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = []
    for line in lines[1:]:
        key, _sep, value = line.partition(":")
        headers.append((key.strip().lower(), value.strip()))
    return Response(status, headers, body)


async def request(port, method, path, headers=None, body=b""):
    """One request on a new connection, read to the server's close; returns a Response."""
    lines = [
        f"{method} {path} HTTP/1.1",
        f"Host: {HOST}:{port}",
        "Connection: close",
        "X-Forwarded-Proto: https",
        "User-Agent: jumelage-bench",
    ]
    lines += [f"{key}: {value}" for key, value in (headers or {}).items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    payload = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
    reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), TIMEOUT)
    try:
        writer.write(payload)
        raw = await asyncio.wait_for(reader.read(), TIMEOUT)
    finally:
        writer.close()
    return parse_response(raw)


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def latency_summary(seconds):
    return {
        "p50_ms": _ms(percentile(seconds, 0.50)),
        "p90_ms": _ms(percentile(seconds, 0.90)),
        "p99_ms": _ms(percentile(seconds, 0.99)),
        "max_ms": _ms(max(seconds, default=None)),
    }


def _ms(value):
    return None if value is None else round(value * 1000, 1)


@dataclass
class Tally:
    latencies: list = field(default_factory=list)
    errors: int = 0
    statuses: dict = field(default_factory=dict)
    samples: list = field(default_factory=list)
    body_bytes: int = 0
    measured: int = 0

    def error(self, what):
        self.errors += 1
        if len(self.samples) < 5:
            self.samples.append(what)


# -- "get": many clients fetching one page -------------------------------------------------


async def _get_client(spec, tally, deadline, budget):
    headers = {"Cookie": spec["cookie"]} if spec.get("cookie") else {}
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        started = time.monotonic()
        try:
            response = await request(spec["port"], "GET", spec["path"], headers)
        except (OSError, ValueError, IndexError) as error:
            tally.error(f"{type(error).__name__}: {error}")
            continue
        tally.latencies.append(time.monotonic() - started)
        tally.statuses[response.status] = tally.statuses.get(response.status, 0) + 1
        tally.body_bytes += len(response.body)
        if response.status != 200 or spec["expect"].encode() not in response.body:
            tally.error(f"status {response.status}, {len(response.body)} bytes")


async def _get_phase(spec, seconds, max_requests):
    tally, budget = Tally(), [max_requests]
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    clients = [_get_client(spec, tally, deadline, budget) for _ in range(spec["concurrency"])]
    await asyncio.gather(*clients)
    return tally, time.monotonic() - started


async def run_get(spec):
    warm, _elapsed = await _get_phase(spec, spec["warmup"], spec["max_requests"])
    tally, elapsed = await _get_phase(spec, spec["duration"], spec["max_requests"])
    done = len(tally.latencies)
    return {
        "requests": done,
        "total_requests": done + len(warm.latencies) + warm.errors + tally.errors,
        "seconds": round(elapsed, 2),
        "rps": round(done / elapsed, 1),
        **latency_summary(tally.latencies),
        "errors": tally.errors,
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "mean_bytes": round(tally.body_bytes / done) if done else 0,
        "error_samples": tally.samples,
    }


# -- "submit": virtual applicants completing an application --------------------------------


def multipart(fields, files):
    """A multipart/form-data body: (content type, bytes)."""
    boundary = f"----jumelage-bench-{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content_type, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


class Applicant:
    """One virtual applicant: a browser with a session cookie from an earlier login."""

    def __init__(self, spec, who, tally):
        self.spec, self.who, self.tally = spec, who, tally
        self.cookies = {"sessionid": who["session"], "csrftoken": who["csrf"]}
        self.origin = f"https://{HOST}:{spec['port']}"

    def _headers(self, extra=None):
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items() if v is not None)
        return {"Cookie": cookie, "Origin": self.origin, **(extra or {})}

    async def _send(self, method, path, headers=None, body=b""):
        started = time.monotonic()
        response = await request(self.spec["port"], method, path, self._headers(headers), body)
        self.tally.latencies.append(time.monotonic() - started)
        if started >= self.spec["measure_from"]:
            self.tally.measured += 1
        self.cookies.update(response.set_cookies())
        return response

    async def _apply(self):
        body = urlencode({"csrfmiddlewaretoken": self.who["csrf"], "language": "en"}).encode()
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        response = await self._send("POST", f"/en/calls/{self.spec['slug']}/apply/", form, body)
        location = response.header("location") or ""
        if response.status != 302 or not APPLICATION_RE.match(location):
            raise FlowError(f"apply: {response.status} {location}")
        return location

    async def _open(self, location):
        response = await self._send("GET", location)
        token = TOKEN_RE.search(response.body)
        if response.status != 200 or token is None:
            raise FlowError(f"application page: {response.status}")
        return token.group(1).decode()

    async def _submit(self, location, token):
        n = self.who["email"].split("@")[0]
        fields = {
            "csrfmiddlewaretoken": token,
            "action": "submit",
            "language": "en",
            "team_name": f"Team {n}",
            "organisation": f"{n} Labs",
            "contact_name": f"Contact {n}",
            "contact_email": self.who["email"],
            "contact_phone": "+886 4 0000 0000",
            "theme": self.spec["theme"],
            "privacy_consent": "on",
        }
        files = {"pitch_deck": ("pitch.pdf", "application/pdf", self.spec["pdf"])}
        content_type, body = multipart(fields, files)
        response = await self._send("POST", location, {"Content-Type": content_type}, body)
        if response.status != 302 or response.header("location") != location:
            raise FlowError(f"submit: {response.status} {response.header('location')}")

    async def run(self):
        """apply -> application page -> submit; returns the application's pk."""
        location = await self._apply()
        token = await self._open(location)
        await self._submit(location, token)
        return int(APPLICATION_RE.match(location).group(1))


class FlowError(Exception):
    """The server answered, but not as a successful submission does."""


@dataclass
class Flows:
    applicants: list
    next_index: int = 0
    attempted: int = 0
    measured: int = 0
    confirmed: list = field(default_factory=list)
    durations: list = field(default_factory=list)

    def take(self):
        if self.next_index >= len(self.applicants):
            return None
        self.next_index += 1
        return self.applicants[self.next_index - 1]


async def _applicant_client(spec, flows, tally, deadline, measure_from):
    while time.monotonic() < deadline and (who := flows.take()) is not None:
        flows.attempted += 1
        started = time.monotonic()
        try:
            pk = await Applicant(spec, who, tally).run()
        except (FlowError, OSError, ValueError, IndexError) as error:
            tally.error(f"{type(error).__name__}: {error}")
            continue
        flows.confirmed.append(pk)
        if started >= measure_from:
            flows.measured += 1
            flows.durations.append(time.monotonic() - started)


async def run_submit(spec):
    measure_from = time.monotonic() + spec["warmup"]
    spec = {**spec, "pdf": one_page_pdf(["Pitch deck"]), "measure_from": measure_from}
    flows, tally = Flows(spec["applicants"]), Tally()
    deadline = measure_from + spec["duration"]
    clients = [
        _applicant_client(spec, flows, tally, deadline, measure_from)
        for _ in range(spec["concurrency"])
    ]
    await asyncio.gather(*clients)
    elapsed = max(time.monotonic() - measure_from, 1e-9)
    return {
        "attempted": flows.attempted,
        "confirmed": len(flows.confirmed),
        "errors": tally.errors,
        "seconds": round(elapsed, 2),
        "submissions_per_s": round(flows.measured / elapsed, 1),
        "rps": round(tally.measured / elapsed, 1),
        "total_requests": len(tally.latencies),
        "flow": latency_summary(flows.durations),
        "request": latency_summary(tally.latencies),
        "error_samples": tally.samples,
        "confirmed_pks": flows.confirmed,
    }


def main(argv):
    with open(argv[1]) as spec_file:
        spec = json.load(spec_file)
    runner = run_get if spec["mode"] == "get" else run_submit
    print(json.dumps(asyncio.run(runner(spec))))


if __name__ == "__main__":
    main(sys.argv)
