"""Blind review: nothing a reviewer can read names the team (pages, files, messages)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from jumelage.notifications.models import OutboxMessage
from jumelage.review import services
from tests import factories as f
from tests.review import helpers
from tests.test_role_matrix import MATRIX, world_for

IDENTITY = {
    "team_name": "Zephyrine Robotics",
    "organisation": "Zephyrine Holdings",
    "contact_name": "Quentin Zephyr",
    "contact_email": "quentin@zephyrine.example",
}
IDENTIFYING = ["Zephyrine", "Quentin", "zephyrine.example", "zephyrine-deck"]


@pytest.fixture
def blind(world):
    applicant = f.UserFactory(email="founder@zephyrine.example", full_name="Quentin Zephyr")
    application = helpers.submitted_application(
        world, world.call_tc, applicant, IDENTITY["team_name"], **IDENTITY
    )
    application.attachments.update(original_name="zephyrine-deck.pdf")
    helpers.close_call(world.call_tc)
    committee = helpers.committee(world, blind=True)
    world.criterion = helpers.criterion(committee)
    world.seat = helpers.seat(committee, world.users.rita)
    services.assign(world.users.tina, world.seat, [application])
    world.committee, world.application = committee, application
    return world


def _kwargs(world, **extra):
    return {
        "partnership_slug": world.partnership.slug,
        "cycle_slug": world.cycle.slug,
        "side_slug": "taichung",
        **extra,
    }


def readable(response) -> str:
    """Everything of a response a person could read: headers and body."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    headers = " ".join(f"{k}: {v}" for k, v in response.headers.items())
    return headers + " " + body.decode("utf-8", errors="replace")


def _assert_anonymous(text, identifying=IDENTIFYING):
    leaks = [s for s in identifying if s.casefold() in text.casefold()]
    assert leaks == []


def test_every_reviewer_page_hides_the_team(client, blind):
    client.force_login(blind.users.rita)
    pk = blind.application.pk
    responses = [
        client.get(reverse("review:queue", kwargs=_kwargs(blind))),
        client.get(reverse("review:review", kwargs=_kwargs(blind, pk=pk))),
        client.get(reverse("review:attachment", kwargs=_kwargs(blind, pk=pk, key="pitch_deck"))),
        client.post(
            reverse("review:review", kwargs=_kwargs(blind, pk=pk)),
            {"comment": "Interesting", "action": "save"},
            follow=True,
        ),
        client.post(
            reverse("review:review", kwargs=_kwargs(blind, pk=pk)),
            {f"score_{blind.criterion.pk}": "4", "action": "submit"},
            follow=True,
        ),
    ]
    assert [r.status_code for r in responses] == [200] * 5
    for response in responses:
        _assert_anonymous(readable(response))


def test_the_file_keeps_its_content_under_a_neutral_name_without_its_author(client, blind):
    deck = blind.application.attachments.get()
    deck.file.save("deck.pdf", ContentFile(_pdf_by("Quentin Zephyr")), save=True)
    client.force_login(blind.users.rita)
    kwargs = _kwargs(blind, pk=blind.application.pk, key="pitch_deck")
    response = client.get(reverse("review:attachment", kwargs=kwargs))
    body = b"".join(response.streaming_content)
    assert len(PdfReader(io.BytesIO(body)).pages) == 1
    assert b"Quentin" not in body
    assert blind.application.reference in response["Content-Disposition"]


def _pdf_by(author) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": author})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_no_page_rita_may_open_names_the_team(client, rich_world):
    """Every URL of the role matrix that answers rita 200, in a world where she reviews
    alice's application (team "Orchid") for a blind committee."""
    world = world_for(rich_world, "review:queue")
    world.committee.blind = True
    world.committee.save()
    review_rows = MATRIX["review:queue"][2]
    client.force_login(world.users.rita)
    opened = 0
    for name, (kwargs, expected, extend) in MATRIX.items():
        if expected["rita"] != 200 or extend not in (None, review_rows):
            continue
        response = client.get(reverse(name, kwargs=kwargs(world)))
        assert response.status_code == 200, name
        _assert_anonymous(readable(response), ["Orchid", "Alice", "alice@example.org"])
        opened += 1
    assert opened >= 5


def test_messages_to_reviewers_never_name_a_team(blind):
    services.remind_late(blind.users.tina, blind.committee)
    for message in OutboxMessage.objects.filter(recipient_email=blind.users.rita.email):
        _assert_anonymous(message.subject + message.body)
    assert OutboxMessage.objects.filter(recipient_email=blind.users.rita.email).exists()


def test_managers_still_see_who_the_team_is(client, blind):
    client.force_login(blind.users.tina)
    page = client.get(reverse("review:assignments", kwargs=_kwargs(blind))).content.decode()
    assert IDENTITY["team_name"] in page


def test_an_open_committee_shows_reviewers_the_team(client, blind):
    blind.committee.blind = False
    blind.committee.save()
    client.force_login(blind.users.rita)
    page = client.get(reverse("review:review", kwargs=_kwargs(blind, pk=blind.application.pk)))
    assert IDENTITY["team_name"] in page.content.decode()
