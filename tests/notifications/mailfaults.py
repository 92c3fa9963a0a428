"""A mail backend that fails as real mail servers do, one scripted fault per send.

Set settings.EMAIL_BACKEND to "tests.notifications.mailfaults.FaultyBackend" and put the
faults of the coming sends in `faults` (None sends normally); what the "server" accepted
is in `delivered`.
"""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

faults: list[str | None] = []
delivered: list = []


class WorkerKilled(BaseException):
    """The process dies between the server's acceptance and the outbox's record of it."""


def _refuse():
    raise smtplib.SMTPResponseException(421, b"Service not available, try again later")


def _reject():
    raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"No such mailbox")})


def _time_out():
    raise TimeoutError("timed out")


def _accept_then_die(message):
    delivered.append(message)
    raise WorkerKilled


class FaultyBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            self._send(message, faults.pop(0) if faults else None)
        return len(email_messages)

    def _send(self, message, fault):
        if fault == "refuse":
            _refuse()
        if fault == "reject":
            _reject()
        if fault == "timeout":
            _time_out()
        if fault == "die-after-sending":
            _accept_then_die(message)
        delivered.append(message)
