"""Blind review as the form builder and the applicant meet it: questions marked as
identifying, and the call form saying what blind review asks of the answers and files."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from jumelage.calls import services as call_services
from jumelage.calls.enums import QuestionKind
from jumelage.review.blind import identity_of
from tests import factories as f
from tests.calls.test_builder import question_data, url
from tests.review import helpers


@pytest.fixture
def tina(client, world):
    client.force_login(world.users.tina)
    return client


@pytest.mark.parametrize(
    ("kind", "identifying"),
    [(QuestionKind.EMAIL, True), (QuestionKind.URL, True), (QuestionKind.LONG_TEXT, False)],
)
def test_addresses_and_links_start_as_identifying(tina, world, kind, identifying):
    tina.post(url("builder_add", world.call_tc), question_data(kind=kind, key="asked"))
    assert world.call_tc.questions.get(key="asked").identifying is identifying


def test_the_manager_marks_a_text_question_identifying(tina, world):
    data = question_data(kind=QuestionKind.SHORT_TEXT, key="founders", identifying="on")
    assert tina.post(url("builder_add", world.call_tc), data).status_code == 302
    assert world.call_tc.questions.get(key="founders").identifying


def test_a_link_question_can_be_unmarked_once_created(tina, world):
    question = f.QuestionFactory(call=world.call_tc, kind=QuestionKind.URL, identifying=True)
    data = question_data(kind=QuestionKind.URL, key=question.key, label_en="Demo video")
    tina.post(url("builder_edit", world.call_tc, pk=question.pk), data)
    question.refresh_from_db()
    assert not question.identifying


def test_a_question_turned_into_an_email_becomes_identifying(tina, world):
    question = f.QuestionFactory(call=world.call_tc, kind=QuestionKind.SHORT_TEXT)
    data = question_data(kind=QuestionKind.EMAIL, key=question.key)
    tina.post(url("builder_edit", world.call_tc, pk=question.pk), data)
    question.refresh_from_db()
    assert question.identifying


def test_the_form_list_shows_which_questions_identify_the_team(tina, world):
    f.QuestionFactory(call=world.call_tc, kind=QuestionKind.URL, identifying=True)
    assert "Identifies the team" in tina.get(url("builder", world.call_tc)).content.decode()


@pytest.fixture
def draft(world):
    f.QuestionFactory(
        call=world.call_tc, key="website", kind=QuestionKind.URL, label="Website", identifying=True
    )
    return call_services.start_application(world.users.alice, world.call_tc, "en")


def _form_page(client, world, draft):
    client.force_login(world.users.alice)
    return client.get(reverse("calls:application", kwargs={"pk": draft.pk})).content.decode()


def test_the_applicant_is_told_what_blind_review_means(client, world, draft):
    helpers.committee(world, blind=True)
    page = _form_page(client, world, draft)
    notice = page[page.index('id="blind-review-notice"') :]
    assert "Do not name your team" in notice
    assert "Website" in notice[: notice.index("</section>")]


def test_no_notice_when_the_committee_sees_the_teams(client, world, draft):
    helpers.committee(world, blind=False)
    assert "blind-review-notice" not in _form_page(client, world, draft)


def test_identifying_answers_name_the_team_too(world, draft):
    draft.answers = {"website": "https://orchid-robotics.example"}
    assert "orchid robotics" in identity_of(draft).needles


def test_existing_address_questions_become_identifying_on_migration(world):
    migration = importlib.import_module("jumelage.calls.migrations.0004_blind_review_checks")
    email = f.QuestionFactory(call=world.call_tc, kind=QuestionKind.EMAIL, identifying=False)
    text = f.QuestionFactory(call=world.call_tc, kind=QuestionKind.LONG_TEXT, identifying=False)
    migration.addresses_identify(apps, None)
    email.refresh_from_db()
    text.refresh_from_db()
    assert email.identifying and not text.identifying
