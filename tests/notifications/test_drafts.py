"""Messages held for review: drafts are never dispatched until a manager of their side
releases them, and a slot holds one unsent message."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.urls import reverse

from jumelage.notifications.models import OutboxMessage, OutboxState
from jumelage.notifications.services import draft_message, release_drafts, release_message

pytestmark = pytest.mark.django_db


def draft(world, recipient, slot="decision:1:1", side=None, **context):
    return draft_message(
        "application-submitted",
        recipient=recipient,
        language="fr",
        context={"name": recipient.full_name, "call": "Appel", **context},
        side=side or world.taichung,
        slot=slot,
    )


def test_a_draft_is_not_sent_until_released(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = draft(world, world.users.alice)
    assert message.state == OutboxState.DRAFT and mailoutbox == []
    assert message.subject == "Candidature reçue : Appel"
    with django_capture_on_commit_callbacks(execute=True):
        release_message(world.users.tina, message.pk)
    message.refresh_from_db()
    assert message.state == OutboxState.SENT and len(mailoutbox) == 1


def test_releasing_twice_sends_once(world, mailoutbox, django_capture_on_commit_callbacks):
    message = draft(world, world.users.alice)
    with django_capture_on_commit_callbacks(execute=True):
        release_message(world.users.tina, message.pk)
        release_message(world.users.tina, message.pk)
    assert len(mailoutbox) == 1


def test_drafting_again_replaces_the_unsent_message_of_the_slot(world):
    draft(world, world.users.alice, team="first")
    second = draft(world, world.users.alice, team="second")
    assert list(OutboxMessage.objects.filter(slot="decision:1:1")) == [second]


def test_a_sent_message_stays_beside_the_next_draft(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        release_message(world.users.tina, draft(world, world.users.alice).pk)
    draft(world, world.users.alice)
    states = OutboxMessage.objects.filter(slot="decision:1:1").values_list("state", flat=True)
    assert sorted(states) == [OutboxState.DRAFT, OutboxState.SENT]


def test_the_database_refuses_two_unsent_messages_in_a_slot(world):
    first = draft(world, world.users.alice)
    first.pk = None
    with pytest.raises(IntegrityError):
        first.save()


def test_only_the_sides_managers_release(world):
    message = draft(world, world.users.alice)
    with pytest.raises(PermissionDenied):
        release_message(world.users.theo, message.pk)
    with pytest.raises(PermissionDenied):
        release_drafts(world.users.theo, world.taichung)


def test_release_all_sends_the_sides_drafts_only(world):
    draft(world, world.users.alice, slot="a")
    draft(world, world.users.bob, slot="b")
    other = draft(world, world.users.bob, slot="c", side=world.toulouse)
    assert release_drafts(world.users.tina, world.taichung) == 2
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {
        OutboxState.QUEUED,
        OutboxState.DRAFT,
    }
    other.refresh_from_db()
    assert other.state == OutboxState.DRAFT


# Pages


def test_the_outbox_offers_to_release_a_sides_drafts(client, world):
    draft(world, world.users.alice)
    client.force_login(world.users.tina)
    response = client.get(reverse("notifications:outbox"))
    assert response.context["drafts"] == [(world.taichung, 1)]
    assert b'id="release-all-taichung"' in response.content
    client.force_login(world.users.theo)
    assert client.get(reverse("notifications:outbox")).context["drafts"] == []


def test_releasing_all_from_the_outbox(client, world):
    message = draft(world, world.users.alice)
    client.force_login(world.users.tina)
    response = client.post(reverse("notifications:release_all"), {"side": world.taichung.pk})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == OutboxState.QUEUED


def test_releasing_another_sides_drafts_is_refused_with_a_message(client, world):
    message = draft(world, world.users.alice)
    client.force_login(world.users.theo)
    response = client.post(
        reverse("notifications:release_all"), {"side": world.taichung.pk}, follow=True
    )
    said = [str(m) for m in response.context["messages"]]
    assert said == ["Choose a side whose drafts you may release."]
    message.refresh_from_db()
    assert message.state == OutboxState.DRAFT


def test_releasing_one_draft_from_its_page(client, world):
    message = draft(world, world.users.alice)
    client.force_login(world.users.tina)
    page = client.get(reverse("notifications:message", args=[message.pk]))
    assert b'id="release"' in page.content
    client.post(reverse("notifications:release", args=[message.pk]))
    message.refresh_from_db()
    assert message.state == OutboxState.QUEUED
    client.force_login(world.users.theo)
    assert client.post(reverse("notifications:release", args=[message.pk])).status_code == 404
