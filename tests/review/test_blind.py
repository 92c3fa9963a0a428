"""Blind review: nothing a reviewer can read names the team (pages, files, messages)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader, PdfWriter

from jumelage.calls.enums import QuestionKind
from jumelage.calls.models import Attachment
from jumelage.demo.pdf import one_page_pdf
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
IDENTIFYING = ["Zephyrine", "Quentin", "zephyrine.example", "zephyrine-deck", "zephyr"]
ANSWERS = {
    "website": "https://www.zephyrine.example/team",
    "tech_contact": "ada@zephyrine-labs.example",
    "founders": "Quentin Zephyr (CEO), Ada Lovelock (CTO)",
    "pitch": "Robots that sort parcels at night.",
}


def _questions(call):
    f.QuestionFactory(call=call, key="website", kind=QuestionKind.URL, identifying=True)
    f.QuestionFactory(call=call, key="tech_contact", kind=QuestionKind.EMAIL, identifying=True)
    f.QuestionFactory(call=call, key="founders", kind=QuestionKind.SHORT_TEXT, identifying=True)
    f.QuestionFactory(call=call, key="pitch", kind=QuestionKind.LONG_TEXT, label="Pitch")


def _answer(application, **answers):
    application.answers = {**ANSWERS, **answers}
    application.save(update_fields=["answers"])


def _deck(application, data, content_type="application/pdf"):
    """The pitch deck's file replaced, as a new upload would be (its text not read yet)."""
    deck = application.attachments.get(question_key="pitch_deck")
    deck.file.save("deck", ContentFile(data), save=False)
    deck.content_type, deck.text, deck.text_state = content_type, "", ""
    deck.save()
    return deck


@pytest.fixture
def blind(world):
    applicant = f.UserFactory(email="founder@zephyrine.example", full_name="Quentin Zephyr")
    _questions(world.call_tc)
    application = helpers.submitted_application(
        world, world.call_tc, applicant, IDENTITY["team_name"], **IDENTITY
    )
    application.attachments.update(original_name="zephyrine-deck.pdf")
    _answer(application)
    _deck(application, one_page_pdf(["Robots that sort parcels", "Pitch deck"]))
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
    """Everything of a response a person could read: headers and body, a PDF's text too."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    headers = " ".join(f"{k}: {v}" for k, v in response.headers.items())
    text = body.decode("utf-8", errors="replace")
    if response.get("Content-Type") == "application/pdf":
        text += " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return headers + " " + text


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
    _deck(blind.application, _pdf_by("Quentin Zephyr"))
    client.force_login(blind.users.rita)
    kwargs = _kwargs(blind, pk=blind.application.pk, key="pitch_deck")
    response = client.get(reverse("review:attachment", kwargs=kwargs))
    body = b"".join(response.streaming_content)
    assert len(PdfReader(io.BytesIO(body)).pages) == 1
    assert b"Quentin" not in body
    assert blind.application.reference in response["Content-Disposition"]


def _pdf_by(author) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(one_page_pdf(["Parcel robots"]))))
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
    _deck(world.application, one_page_pdf(["Robots that sort parcels"]))
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


def _review_page(client, world):
    client.force_login(world.users.rita)
    url = reverse("review:review", kwargs=_kwargs(world, pk=world.application.pk))
    return client.get(url).content.decode()


def test_identifying_answers_never_reach_a_blind_reviewer(client, blind):
    page = _review_page(client, blind)
    assert "Robots that sort parcels at night." in page
    for answer in ("zephyrine", "Ada Lovelock", "ada@"):
        assert answer not in page


@pytest.mark.parametrize(
    ("pitch", "left"),
    [
        ("At ZEPHYRINE ROBOTICS we sort parcels.", "At [masked] we sort parcels."),
        ("Zéphyrine Robotics sorts parcels.", "[masked] sorts parcels."),
        ("Ada Lovelock built the arm.", "[masked] built the arm."),
        ("Write to hello@zephyrine.example today.", "Write to [masked] today."),
        ("See www.zephyrine.example for videos.", "See [masked] for videos."),
        ("Thanks to LOVELOCK, the arm sorts parcels.", "Thanks to [masked], the arm"),
    ],
)
def test_a_passage_naming_the_team_is_masked_for_a_blind_reviewer(client, blind, pitch, left):
    _answer(blind.application, pitch=pitch)
    assert left in _review_page(client, blind)


def test_the_mask_is_in_the_reviewers_language(client, blind):
    _answer(blind.application, pitch="Zephyrine Robotics sorts parcels.")
    client.force_login(blind.users.rita)
    with translation.override("fr"):
        url = reverse("review:review", kwargs=_kwargs(blind, pk=blind.application.pk))
    page = client.get(url).content.decode()
    assert "[masqué] sorts parcels." in page


def test_a_chinese_name_is_found_inside_a_sentence(client, blind):
    application = blind.application
    application.team_name = "蘭花機器人"
    application.save(update_fields=["team_name"])
    _answer(application, pitch="蘭花機器人團隊在夜間分揀包裹。")
    page = _review_page(client, blind)
    assert "團隊在夜間分揀包裹" in page and "蘭花機器人" not in page


def test_an_open_committees_reviewer_reads_every_answer_as_written(client, blind):
    blind.committee.blind = False
    blind.committee.save()
    _answer(blind.application, pitch="Zephyrine Robotics sorts parcels.")
    page = _review_page(client, blind)
    assert "Zephyrine Robotics sorts parcels." in page and "zephyrine.example/team" in page


def test_another_reviewers_comment_naming_the_team_is_masked(client, blind):
    other = helpers.seat(blind.committee, f.UserFactory(full_name="Otto Other"))
    services.assign(blind.users.tina, other, [blind.application])
    helpers.submit_review(other, blind.application, {blind.criterion.pk: 3}, "I know Quentin.")
    blind.committee.hide_others_until_submitted = False
    blind.committee.save()
    page = _review_page(client, blind)
    assert "I know [masked]." in page


def test_a_pdf_naming_the_team_is_withheld_and_the_reviewer_told_why(client, blind):
    _deck(blind.application, one_page_pdf(["Zephyrine Robotics", "Robots that sort parcels"]))
    page = _review_page(client, blind)
    assert "the file names the team" in page
    kwargs = _kwargs(blind, pk=blind.application.pk, key="pitch_deck")
    assert 'files/pitch_deck/"' not in page
    response = client.get(reverse("review:attachment", kwargs=kwargs))
    assert response.status_code == 403
    assert "the file names the team" in response.content.decode()


def test_a_pdf_linking_to_the_teams_site_is_withheld(client, blind):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(one_page_pdf(["Our robots"]))))
    writer.add_uri(0, "https://zephyrine.example/demo", [0, 0, 100, 100])
    out = io.BytesIO()
    writer.write(out)
    _deck(blind.application, out.getvalue())
    assert "the file names the team" in _review_page(client, blind)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (f.MINIMAL_PDF, "application/pdf"),  # a PDF without text: a scan, perhaps
        (b"\x89PNG\r\n\x1a\n", "image/png"),  # an image: its text cannot be read
        (b"%PDF-broken", "application/pdf"),
    ],
    ids=["scan", "image", "broken"],
)
def test_a_file_that_cannot_be_checked_is_withheld(client, blind, data, content_type):
    _deck(blind.application, data, content_type)
    assert "cannot be read to check" in _review_page(client, blind)
    kwargs = _kwargs(blind, pk=blind.application.pk, key="pitch_deck")
    assert client.get(reverse("review:attachment", kwargs=kwargs)).status_code == 403


def test_a_plain_text_file_is_checked_too(client, blind):
    _deck(blind.application, b"Quentin Zephyr, founder", "text/plain")
    assert "the file names the team" in _review_page(client, blind)


def test_a_clean_file_is_served_to_the_blind_reviewer(client, blind):
    client.force_login(blind.users.rita)
    kwargs = _kwargs(blind, pk=blind.application.pk, key="pitch_deck")
    response = client.get(reverse("review:attachment", kwargs=kwargs))
    assert response.status_code == 200
    assert b"Robots that sort parcels" in b"".join(response.streaming_content)


def test_a_file_is_read_once_then_its_verdict_comes_from_the_record(client, blind):
    _deck(blind.application, one_page_pdf(["Zephyrine Robotics"]))
    _review_page(client, blind)
    deck = Attachment.objects.get(application=blind.application, question_key="pitch_deck")
    assert deck.text_state == "read" and "Zephyrine" in deck.text
    deck.file.storage.delete(deck.file.name)  # a second parse would fail now
    assert "the file names the team" in _review_page(client, blind)


def test_a_file_of_an_identifying_question_is_not_offered(client, blind):
    f.QuestionFactory(call=blind.call_tc, key="cv", kind=QuestionKind.FILE, identifying=True)
    deck = blind.application.attachments.get()
    Attachment.objects.create(
        application=blind.application,
        question_key="cv",
        file=deck.file.name,
        original_name="cv.pdf",
        content_type="application/pdf",
        size=deck.size,
        sha256=deck.sha256,
    )
    assert "files/cv/" not in _review_page(client, blind)
    kwargs = _kwargs(blind, pk=blind.application.pk, key="cv")
    assert client.get(reverse("review:attachment", kwargs=kwargs)).status_code == 404


def test_the_manager_is_told_what_was_masked_and_withheld(client, blind):
    _answer(blind.application, pitch="At Zephyrine Robotics we sort parcels.")
    _deck(blind.application, one_page_pdf(["Quentin Zephyr, founder"]))
    client.force_login(blind.users.tina)
    url = reverse(
        "calls:manage_application", kwargs={"slug": blind.call_tc.slug, "pk": blind.application.pk}
    )
    page = client.get(url).content.decode()
    findings = page[page.index('id="blind-review-findings"') :]
    assert "<mark>Zephyrine Robotics</mark>" in findings
    assert "Pitch deck</strong>: Withheld for blind review: the file names the team." in findings
    assert "<mark>Quentin Zephyr</mark>" in findings


def test_the_manager_sees_no_blind_review_section_for_an_open_committee(client, blind):
    blind.committee.blind = False
    blind.committee.save()
    client.force_login(blind.users.tina)
    url = reverse(
        "calls:manage_application", kwargs={"slug": blind.call_tc.slug, "pk": blind.application.pk}
    )
    assert "blind-review-findings" not in client.get(url).content.decode()


def _wishes_page(client, world) -> str:
    f.QuestionFactory(call=world.call_tc, key="tagline", kind=QuestionKind.SHORT_TEXT)
    _answer(world.application, tagline="Zephyrine Robotics sorts parcels at night.")
    client.force_login(world.users.rita)
    return client.get(reverse("review:bids", kwargs=_kwargs(world))).content.decode()


def test_the_wishes_page_shows_each_pitch_masked_for_a_blind_reviewer(client, blind):
    page = _wishes_page(client, blind)
    assert "[masked] sorts parcels at night." in page
    _assert_anonymous(page)


def test_the_wishes_page_shows_an_open_committees_reviewer_the_pitch_as_written(client, blind):
    blind.committee.blind = False
    blind.committee.save()
    assert "Zephyrine Robotics sorts parcels at night." in _wishes_page(client, blind)
