"""Each side may keep its own copy of a message; its messages use it, the other sides keep
the shared default."""

import pytest
from django.urls import reverse

from jumelage.notifications.models import MessageTemplate
from jumelage.notifications.services import queue_message
from tests.notifications.test_views import template_data

pytestmark = pytest.mark.django_db


def side_url(world, side, key="application-submitted"):
    return reverse("notifications:edit_side_template", kwargs={"key": key, "side_id": side.pk})


def submitted_to(world, side):
    return queue_message(
        "application-submitted",
        recipient=world.users.alice,
        language="fr",
        context={"name": "Alice", "call": "Appel"},
        side=side,
    )


def test_a_sides_manager_saves_its_own_copy_and_its_messages_use_it(client, world):
    shared = MessageTemplate.objects.get(key="application-submitted", side__isnull=True)
    client.force_login(world.users.theo)
    data = template_data(shared, subject_fr="Toulouse a bien reçu : {{ call }}", action="save")
    assert client.post(side_url(world, world.toulouse), data).status_code == 302
    assert submitted_to(world, world.toulouse).subject == "Toulouse a bien reçu : Appel"
    assert submitted_to(world, world.taichung).subject == "Candidature reçue : Appel"
    shared.refresh_from_db()
    assert shared.subject_fr == "Candidature reçue : {{ call }}"


def test_the_copy_starts_from_the_shared_text_and_is_titled_by_its_description(client, world):
    client.force_login(world.users.theo)
    content = client.get(side_url(world, world.toulouse)).content.decode()
    assert "Candidature reçue : {{ call }}" in content
    assert "Sent to the applicant when their application is submitted." in content
    assert not MessageTemplate.objects.filter(side=world.toulouse).exists()


def test_saving_the_copy_again_edits_it_in_place(client, world):
    shared = MessageTemplate.objects.get(key="application-submitted", side__isnull=True)
    client.force_login(world.users.theo)
    for subject in ("Premier : {{ call }}", "Second : {{ call }}"):
        data = template_data(shared, subject_fr=subject, action="save")
        client.post(side_url(world, world.toulouse), data)
    own = MessageTemplate.objects.get(key="application-submitted", side=world.toulouse)
    assert own.subject_fr == "Second : {{ call }}"


def test_a_manager_cannot_edit_the_other_sides_copy(client, world):
    client.force_login(world.users.tina)
    assert client.get(side_url(world, world.toulouse)).status_code == 404


def test_an_unknown_message_is_not_found(client, world):
    client.force_login(world.users.theo)
    assert client.get(side_url(world, world.toulouse, key="no-such")).status_code == 404
