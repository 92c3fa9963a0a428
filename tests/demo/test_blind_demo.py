"""Over the demo: a blind committee's reviewers never read who a team is.

Each blind reviewer of the demo logs in, opens their queue and wishes, then follows every
link of the site that those pages and the pages after them hold, downloads included. No
page, file or export they reach may carry an identifying string of an application of
their committee: the team's name, its organisation, its people's names, its e-mail
addresses, their local parts and its web domain.

Pages any visitor can open without logging in (the home page, the calls, the results once
published) are left out: they are the same for everyone and a reviewer's seat adds nothing
to them."""

import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from jumelage.calls.enums import QuestionKind
from jumelage.calls.models import Application
from jumelage.review import blind
from jumelage.review.models import Committee, Member
from tests.review.test_blind import readable

# Enough for a reviewer's pages and the site's pages around them; the walk stops earlier.
MOST_PAGES = 600
NOT_FOLLOWED = ("/static/", "/i18n/", "logout", "/admin/")
# A role address's local part says nothing of whose it is.
ROLE_ADDRESSES = {"tech", "contact", "info", "hello", "team"}


@pytest.fixture(autouse=True)
def demo_media(_test_settings, settings, demo_loaded):
    """The demo's files, where every test would otherwise get an empty folder of its own."""
    settings.MEDIA_ROOT = demo_loaded


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def links_of(path, response) -> list[str]:
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = Links()
    parser.feed(readable(response))
    here = urlsplit(path).path
    found = []
    for link in parser.found:
        link = urldefrag(link).url
        if link.startswith("?"):
            link = here + link
        if link.startswith("/") and not link.startswith("//"):
            found.append(link)
    return found


def identifying_strings(application) -> set[str]:
    """What names the team, as the demo wrote it: names, addresses, domains."""
    strings = {
        application.team_name,
        application.organisation,
        application.contact_name,
        application.applicant.full_name,
    }
    addresses = [application.contact_email, application.applicant.email]
    for question in application.call.questions.all():
        answer = application.answers.get(question.key)
        if question.kind == QuestionKind.EMAIL and answer:
            addresses.append(answer)
        if question.kind == QuestionKind.URL and answer:
            strings.add(urlsplit(answer).hostname)
    for address in addresses:
        local, domain = address.split("@")
        strings |= {address} if local in ROLE_ADDRESSES else {address, local}
        if not domain.endswith(".demo"):  # the demo's shared mail domain names nobody
            strings.add(domain)
    return {s for s in strings if s}


def fold(text) -> str:
    """Without case or accents: "Héron" is found in "HERON"."""
    split = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in split if not unicodedata.combining(c))


def found_in(text, strings) -> list[str]:
    folded = fold(text)
    return sorted(s for s in strings if re.search(rf"(?<!\w){re.escape(fold(s))}", folded))


def is_public(path) -> bool:
    return Client().get(path).status_code == 200


def walk(client, start) -> dict[str, str]:
    """Every page reached from `start` by its links: path -> what a person could read."""
    seen, todo, read = set(start), list(start), {}
    while todo and len(read) < MOST_PAGES:
        path = todo.pop()
        response = client.get(path)
        if response.status_code != 200 or is_public(path):
            continue
        read[path] = readable(response)
        for link in links_of(path, response):
            if link not in seen and not any(part in link for part in NOT_FOLLOWED):
                seen.add(link)
                todo.append(link)
    return read


def blind_seats():
    return list(
        Member.objects.filter(committee__blind=True, user__isnull=False)
        .select_related("committee__cycle__partnership", "committee__side", "user")
        .order_by("committee_id", "pk")
    )


def applications_of(committee):
    return (
        Application.objects.filter(call__cycle=committee.cycle, call__side=committee.side)
        .select_related("applicant", "call")
        .prefetch_related("call__questions")
    )


@pytest.mark.django_db
def test_the_demo_has_blind_reviewers_with_work_to_do():
    seats = blind_seats()
    assert seats
    assert any(seat.assignments.exists() for seat in seats)


@pytest.mark.django_db
def test_no_page_a_blind_reviewer_reaches_names_a_team():
    leaks = {}
    for seat in blind_seats():
        committee = seat.committee
        kwargs = {
            "partnership_slug": committee.cycle.partnership.slug,
            "cycle_slug": committee.cycle.slug,
            "side_slug": committee.side.slug,
        }
        client = Client()
        client.force_login(seat.user)
        start = [reverse("review:queue", kwargs=kwargs), reverse("review:bids", kwargs=kwargs)]
        pages = walk(client, start)
        assert any("/files/" in path for path in pages) or not seat.assignments.exists()
        identities = {a.reference: identifying_strings(a) for a in applications_of(committee)}
        for path, text in pages.items():
            for reference, strings in identities.items():
                if hits := found_in(text, strings):
                    leaks.setdefault(seat.user.email, []).append((path, reference, hits))
    assert leaks == {}


@pytest.mark.django_db
def test_the_demo_holds_leaks_for_blind_review_to_catch():
    """Some teams name themselves in an answer or a deck: masked and withheld, not absent."""
    committee = Committee.objects.filter(blind=True, members__assignments__isnull=False).first()
    found = [blind.findings(a) for a in applications_of(committee)]
    assert sum(len(f["answers"]) for f in found) >= 3
    assert sum(len(f["files"]) for f in found) >= 2
