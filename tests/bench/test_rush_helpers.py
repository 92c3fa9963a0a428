"""The pieces of bench/faults.py and bench/rush.py that decide what is counted: the form
fields a client sends back, the workers that have served, the confirmation link read from
a mail as Django writes it, and when applicants submit."""

import asyncio
import time

from django.core.mail import EmailMessage

from bench import real_stack
from bench.faults import _quantile, hidden_inputs
from bench.rush import Plan, wait_for_link

PAGE = """
<form id="search"><input type="hidden" name="q" value="other"></form>
<form id="application-form" method="post">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input type="hidden" name="form_token" value="page-1">
  <input type="text" name="team_name" value="Team">
</form>
"""


def test_hidden_inputs_are_those_of_the_named_form_only():
    assert hidden_inputs(PAGE, "application-form") == {
        "csrfmiddlewaretoken": "tok",
        "form_token": "page-1",
    }


def test_served_pids_are_read_from_the_access_log(tmp_path):
    logfile = tmp_path / "gunicorn.log"
    real_stack.access_log(logfile).write_text(
        '<101> 200 12 "GET / HTTP/1.1"\n<202> 302 40 "POST /en/ HTTP/1.1"\nnoise\n'
    )
    assert real_stack.served_pids(logfile) == {101, 202}
    assert real_stack.served_pids(tmp_path / "none" / "gunicorn.log") == set()


class FakeSink:
    def __init__(self, mails):
        self.mails = mails

    def mails_to(self, recipient):
        return self.mails.get(recipient, [])


def test_the_confirmation_link_is_found_in_a_mail_as_django_encodes_it():
    token = "eyJ1c2VyIjoxLCJlbWFpbCI6ImFAYi5jIn0:1kq:" + "x" * 60
    body = f"Bonjour Zoé,\n\nhttps://127.0.0.1/fr/accounts/verify/{token}/\n\n— jumelage"
    raw = EmailMessage("Confirmez", body, "a@b.c", ["zoe@example.org"]).message().as_bytes()
    sink = FakeSink({"zoe@example.org": [raw]})
    found = asyncio.run(wait_for_link(sink, "zoe@example.org", time.monotonic() + 1))
    assert found == f"/fr/accounts/verify/{token}/"
    assert asyncio.run(wait_for_link(sink, "nobody@example.org", time.monotonic() + 0.1)) is None


def test_applicants_arrive_in_the_first_fifth_and_submit_in_the_last():
    plan = Plan(start=1000.0, duration=300.0, applicants=200)
    assert plan.arrival(0) == 1000.0 and plan.arrival(199) < 1060.0
    times = [plan.submit_time() for _ in range(2000)]
    assert min(times) >= 1240.0 and max(times) <= 1300.0
    assert 0.6 * len(times) < sum(1 for t in times if t >= 1270.0) < 0.8 * len(times)


def test_quantiles_of_sorted_waits():
    assert _quantile([], 0.5) == 0.0
    assert _quantile([1.0, 2.0, 3.0, 4.0], 0.5) == 3.0
    assert _quantile([1.0, 2.0, 3.0, 4.0], 1.0) == 4.0
