import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jumelage.calls import services
from jumelage.calls.enums import ApplicationState, QuestionKind
from jumelage.calls.models import Application, ApplicationTransition
from jumelage.notifications.models import OutboxMessage
from tests import factories as f

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="deck.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def complete(application, **extra):
    data = {
        "language": "en",
        "team_name": "Orchid Sensors",
        "organisation": "Orchid Ltd",
        "contact_name": "Ada",
        "contact_email": "ada@example.org",
        "contact_phone": "",
        "theme": application.call.cycle.themes.first().pk,
    }
    data.update(extra)
    return data


@pytest.fixture
def draft(world):
    return services.start_application(world.users.alice, world.call_tc, "en")


def test_starting_twice_gives_the_same_application(world, draft):
    again = services.start_application(world.users.alice, world.call_tc, "fr")
    assert again.pk == draft.pk
    assert Application.objects.filter(applicant=world.users.alice).count() == 1


def test_after_the_deadline_starting_finds_the_application_or_is_refused(world, draft):
    world.call_tc.closes_at = timezone.now() - dt.timedelta(minutes=1)
    world.call_tc.save()
    assert services.start_application(world.users.alice, world.call_tc, "en").pk == draft.pk
    with pytest.raises(services.ApplicationClosed):
        services.start_application(world.users.bob, world.call_tc, "en")


def test_apply_view_twice_makes_one_application(client, world):
    client.force_login(world.users.alice)
    url = reverse("calls:apply", kwargs={"slug": world.call_tc.slug})
    first = client.post(url, {"language": "fr"})
    second = client.post(url, {"language": "fr"})
    assert first["Location"] == second["Location"]
    assert Application.objects.filter(applicant=world.users.alice).count() == 1


def test_unverified_applicant_is_sent_to_confirm_email(client, world):
    world.users.alice.email_verified = False
    world.users.alice.save()
    client.force_login(world.users.alice)
    response = client.post(reverse("calls:apply", kwargs={"slug": world.call_tc.slug}))
    assert response["Location"] == reverse("accounts:verify_pending")
    assert not Application.objects.exists()


def test_draft_keeps_valid_fields_and_reports_invalid_ones(world, draft):
    result = services.save_application(
        world.users.alice,
        draft.pk,
        {"team_name": "Orchid", "contact_email": "not-an-email"},
        {},
        only={"team_name", "contact_email"},
    )
    draft.refresh_from_db()
    assert draft.team_name == "Orchid"
    assert "contact_email" in result.errors
    assert draft.contact_email == "alice@example.org"


def test_submit_shows_every_problem_at_once(client, world, draft):
    f.QuestionFactory(call=world.call_tc, key="pitch", kind=QuestionKind.LONG_TEXT, required=True)
    client.force_login(world.users.alice)
    url = reverse("calls:application", kwargs={"pk": draft.pk})
    response = client.post(url, {"action": "submit", "language": "en", "team_name": ""})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"team_name", "theme", "pitch_deck", "q_pitch"} <= set(errors)
    draft.refresh_from_db()
    assert draft.state == ApplicationState.DRAFT


def test_complete_submission_is_audited_and_confirmed_in_the_applicants_language(
    client, world, draft
):
    client.force_login(world.users.alice)
    url = reverse("calls:application", kwargs={"pk": draft.pk})
    data = complete(draft, language="fr", action="submit", pitch_deck=pdf())
    response = client.post(url, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == ApplicationState.SUBMITTED
    move = ApplicationTransition.objects.get(application=draft)
    assert (move.actor, move.from_state, move.to_state) == (world.users.alice, "draft", "submitted")
    message = OutboxMessage.objects.get(template_key="application-submitted")
    assert message.language == "fr"
    assert "Candidature reçue" in message.subject
    assert message.side == world.taichung


def test_double_submit_makes_one_transition_and_one_message(client, world, draft):
    client.force_login(world.users.alice)
    services.save_application(world.users.alice, draft.pk, complete(draft), {"pitch_deck": pdf()})
    url = reverse("calls:submit", kwargs={"pk": draft.pk})
    client.post(url)
    client.post(url)
    assert ApplicationTransition.objects.filter(application=draft).count() == 1
    assert OutboxMessage.objects.filter(template_key="application-submitted").count() == 1


def test_file_type_is_checked_by_content_not_name(world, draft):
    fake = SimpleUploadedFile("deck.pdf", b"MZ\x90\x00 this is an executable", "application/pdf")
    result = services.save_application(world.users.alice, draft.pk, {}, {"pitch_deck": fake})
    assert "pitch_deck" in result.errors
    assert not draft.attachments.exists()


def test_file_over_the_size_limit_is_refused(world, draft, settings):
    settings.UPLOAD_MAX_BYTES = 10
    result = services.save_application(world.users.alice, draft.pk, {}, {"pitch_deck": pdf()})
    assert "at most" in str(result.errors["pitch_deck"])


def test_replacing_a_file_keeps_one_attachment(world, draft):
    services.save_application(world.users.alice, draft.pk, {}, {"pitch_deck": pdf("a.pdf")})
    services.save_application(world.users.alice, draft.pk, {}, {"pitch_deck": pdf("b.pdf")})
    assert [a.original_name for a in draft.attachments.all()] == ["b.pdf"]


def test_conditional_question_is_required_only_when_shown(world, draft):
    partner = f.QuestionFactory(call=world.call_tc, key="partner", kind=QuestionKind.YES_NO)
    f.QuestionFactory(
        call=world.call_tc,
        key="who",
        kind=QuestionKind.LONG_TEXT,
        required=True,
        show_if=partner,
        show_if_value="yes",
    )
    services.save_application(
        world.users.alice, draft.pk, complete(draft, q_partner="no"), {"pitch_deck": pdf()}
    )
    assert services.submit_application(world.users.alice, draft.pk).ok

    other = services.start_application(world.users.bob, world.call_tc, "en")
    services.save_application(
        world.users.bob, other.pk, complete(other, q_partner="yes"), {"pitch_deck": pdf()}
    )
    result = services.submit_application(world.users.bob, other.pk)
    assert list(result.errors) == ["q_who"]


def test_submitted_application_refuses_a_change_that_makes_it_incomplete(world, draft):
    services.save_application(world.users.alice, draft.pk, complete(draft), {"pitch_deck": pdf()})
    services.submit_application(world.users.alice, draft.pk)
    result = services.save_application(
        world.users.alice, draft.pk, {"team_name": ""}, {}, only={"team_name"}
    )
    assert "team_name" in result.errors
    draft.refresh_from_db()
    assert draft.team_name == "Orchid Sensors"


def test_after_the_deadline_nothing_changes(world, draft):
    world.call_tc.closes_at = timezone.now() - dt.timedelta(minutes=1)
    world.call_tc.save()
    with pytest.raises(services.ApplicationClosed):
        services.save_application(world.users.alice, draft.pk, {"team_name": "Late"}, {})
    with pytest.raises(services.ApplicationClosed):
        services.submit_application(world.users.alice, draft.pk)


def test_withdraw_and_reopen_are_audited(world, draft):
    services.withdraw_application(world.users.alice, draft.pk)
    services.reopen_application(world.users.alice, draft.pk)
    moves = list(ApplicationTransition.objects.values_list("from_state", "to_state"))
    assert moves == [("draft", "withdrawn"), ("withdrawn", "draft")]


def test_autosave_saves_only_the_named_fields(client, world, draft):
    services.save_application(
        world.users.alice, draft.pk, {"team_name": "Kept"}, {}, only={"team_name"}
    )
    client.force_login(world.users.alice)
    url = reverse("calls:autosave", kwargs={"pk": draft.pk})
    response = client.post(url, {"_fields": ["organisation"], "organisation": "New Org"})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert (draft.team_name, draft.organisation) == ("Kept", "New Org")
    assert response.json()["revision"] == draft.revision


def test_autosave_after_the_session_expired_answers_401_json(client, world, draft):
    response = client.post(reverse("calls:autosave", kwargs={"pk": draft.pk}), {"team_name": "x"})
    assert response.status_code == 401
    assert "session" in response.json()["error"]


def test_posting_to_someone_elses_application_is_404_and_changes_nothing(client, world, draft):
    client.force_login(world.users.bob)
    url = reverse("calls:application", kwargs={"pk": draft.pk})
    response = client.post(url, {"action": "save", "team_name": "Bob's"})
    draft.refresh_from_db()
    assert response.status_code == 404
    assert draft.team_name == ""


def test_posting_to_an_unknown_application_is_404(client, world, draft):
    client.force_login(world.users.alice)
    url = reverse("calls:application", kwargs={"pk": draft.pk + 1000})
    assert client.post(url, {"action": "save"}).status_code == 404


def test_autosave_of_someone_elses_application_is_404(client, world, draft):
    client.force_login(world.users.bob)
    response = client.post(reverse("calls:autosave", kwargs={"pk": draft.pk}), {"team_name": "x"})
    assert response.status_code == 404
