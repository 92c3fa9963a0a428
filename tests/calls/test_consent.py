"""The applicant's consent to the call's privacy notice, and to sharing with investors."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.calls import services
from jumelage.calls.enums import ApplicationState
from jumelage.calls.forms import CallForm
from tests.calls.test_application_flow import complete, pdf

NOTICE = "We keep your application for two years. Write to dpo@example.org."


@pytest.fixture
def call(world):
    world.call_tc.privacy_notice, world.call_tc.privacy_notice_version = NOTICE, 1
    world.call_tc.save()
    return world.call_tc


@pytest.fixture
def draft(world, call):
    return services.start_application(world.users.alice, call, "en")


@pytest.fixture
def alice(client, world):
    client.force_login(world.users.alice)
    return client


def page(draft):
    return reverse("calls:application", kwargs={"pk": draft.pk})


def submit(alice, draft, **extra):
    return alice.post(page(draft), complete(draft, action="submit", pitch_deck=pdf(), **extra))


def call_form_data(call, **changes):
    data = {
        "title_en": call.title_en,
        "opens_at": timezone.localtime(call.opens_at, call.side.tzinfo).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": timezone.localtime(call.closes_at, call.side.tzinfo).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "published": "on",
        "privacy_notice_en": call.privacy_notice_en,
    }
    data.update(changes)
    return data


def test_submission_without_privacy_consent_is_refused_with_a_message_by_the_box(alice, draft):
    response = submit(alice, draft)
    draft.refresh_from_db()
    assert response.status_code == 400
    assert draft.state == ApplicationState.DRAFT
    errors = response.context["form"].errors
    assert errors["privacy_consent"] == ["Agree to the privacy notice to submit your application."]
    html = response.content.decode()
    box = html.index('id="field-privacy_consent"')
    assert html.index("Agree to the privacy notice to submit", box) < html.index("</div>", box)


def test_a_draft_is_saved_without_privacy_consent(alice, draft):
    response = alice.post(page(draft), complete(draft, action="save"))
    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.team_name == "Orchid Sensors"
    assert draft.privacy_consent_at is None


def test_submission_records_the_notice_version_and_the_time_of_consent(alice, draft):
    before = timezone.now()
    response = submit(alice, draft, privacy_consent="on")
    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.state == ApplicationState.SUBMITTED
    assert draft.privacy_notice_version == 1
    assert before <= draft.privacy_consent_at <= timezone.now()
    assert not draft.investor_consent


def test_the_notice_is_shown_escaped_by_its_box(alice, draft, call):
    call.privacy_notice = "<script>alert(1)</script>"
    call.save()
    html = alice.get(page(draft)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_a_new_notice_version_asks_again_at_the_next_edit(alice, world, draft, call):
    submit(alice, draft, privacy_consent="on")
    ticked = 'id="id_privacy_consent" checked'
    assert ticked in alice.get(page(draft)).content.decode()
    form = CallForm(
        call_form_data(call, privacy_notice_en=NOTICE + " And a new rule."), instance=call
    )
    assert form.is_valid(), form.errors
    form.save()
    assert call.privacy_notice_version == 2
    assert ticked not in alice.get(page(draft)).content.decode()
    refused = alice.post(page(draft), complete(draft, action="save", team_name="Renamed"))
    draft.refresh_from_db()
    assert refused.status_code == 400
    assert "privacy_consent" in refused.context["form"].errors
    assert draft.team_name == "Orchid Sensors"
    alice.post(page(draft), complete(draft, action="save", privacy_consent="on"))
    draft.refresh_from_db()
    assert draft.privacy_notice_version == 2


def test_the_same_notice_saved_again_keeps_its_version(call):
    form = CallForm(call_form_data(call, title_en="Another title"), instance=call)
    assert form.is_valid(), form.errors
    form.save()
    assert call.privacy_notice_version == 1


def test_a_call_is_not_published_without_a_privacy_notice(call):
    form = CallForm(call_form_data(call, privacy_notice_en=""), instance=call)
    assert not form.is_valid()
    assert "privacy_notice_en" in form.errors


def test_investor_consent_is_optional_timed_and_can_be_withdrawn(alice, draft):
    submit(alice, draft, privacy_consent="on", investor_consent="on")
    draft.refresh_from_db()
    given = draft.investor_consent_at
    assert draft.investor_consent and given is not None
    alice.post(page(draft), complete(draft, action="save", privacy_consent="on"))
    draft.refresh_from_db()
    assert not draft.investor_consent
    assert draft.investor_consent_at is None


def test_autosave_of_an_unticked_box_withdraws_investor_consent(alice, draft):
    submit(alice, draft, privacy_consent="on", investor_consent="on")
    url = reverse("calls:autosave", kwargs={"pk": draft.pk})
    response = alice.post(url, {"_fields": ["investor_consent"]})
    draft.refresh_from_db()
    assert response.status_code == 200
    assert not draft.investor_consent


def test_consents_are_shown_to_the_applicant_and_the_managers(client, world, alice, draft):
    submit(alice, draft, privacy_consent="on", investor_consent="on")
    mine = alice.get(page(draft)).content.decode()
    assert "Version 1 agreed to on" in mine
    assert "Yes, agreed to on" in mine
    client.force_login(world.users.tina)
    url = reverse("calls:manage_application", kwargs={"slug": draft.call.slug, "pk": draft.pk})
    theirs = client.get(url).content.decode()
    assert "Version 1 agreed to on" in theirs
    assert "Yes, agreed to on" in theirs


def test_consents_are_exported(client, world, alice, draft):
    submit(alice, draft, privacy_consent="on", investor_consent="on")
    client.force_login(world.users.tina)
    url = reverse("calls:export", kwargs={"slug": draft.call.slug, "fmt": "csv"})
    text = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    exported = dict(zip(header, row, strict=True))
    assert exported["Privacy notice version agreed to"] == "1"
    assert exported["Privacy notice agreed to at"]
    assert exported["May be shared with investors"] == "Yes"
    assert exported["Sharing with investors agreed to at"]


def test_managers_edit_the_notice_in_every_language_and_see_its_version(client, world, call):
    client.force_login(world.users.tina)
    html = client.get(reverse("calls:edit", kwargs={"slug": call.slug})).content.decode()
    for code in ("zh_hant", "fr", "en"):
        assert f'name="privacy_notice_{code}"' in html
    assert "The privacy notice is at version 1." in html


def test_the_keep_on_file_box_says_how_long_an_unselected_application_is_kept(
    alice, draft, settings
):
    settings.RETENTION = {**settings.RETENTION, "refused": 18}
    html = alice.get(page(draft)).content.decode()
    help_text = html.split('id="field-keep_on_file"')[1].split("</div>")[0]
    assert "erased 18 months after the results" in help_text
    assert "you can change your mind until the deadline" in help_text


def test_keeping_on_file_can_be_withdrawn_before_the_deadline(alice, draft):
    submit(alice, draft, privacy_consent="on", keep_on_file="on")
    draft.refresh_from_db()
    assert draft.keep_on_file and draft.keep_on_file_at is not None
    alice.post(page(draft), complete(draft, action="save", privacy_consent="on"))
    draft.refresh_from_db()
    assert not draft.keep_on_file and draft.keep_on_file_at is None
