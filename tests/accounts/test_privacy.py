import datetime as dt
import json

import pytest
from django.urls import reverse

from jumelage.accounts import privacy
from jumelage.calls.models import Application, Attachment
from jumelage.exchange.models import PersonalDataEvent, TravellerDetails
from jumelage.notifications.models import OutboxMessage
from jumelage.review import queries
from jumelage.review.models import Review
from tests import factories as f
from tests.exchange import factories as exchange_factories
from tests.review import helpers


def test_the_export_holds_the_applicants_answers_files_and_messages(client, rich_world):
    client.force_login(rich_world.users.alice)
    response = client.get(reverse("accounts:data_export"))
    assert response["Content-Disposition"] == 'attachment; filename="jumelage-my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "alice@example.org"
    [application] = data["applications"]
    assert application["team_name"] == "Orchid"
    assert application["files"][0]["name"] == "deck.pdf"
    assert [step["to"] for step in application["history"]] == ["submitted"]
    assert any("Orchid" in message["body"] for message in data["messages"])


def test_the_export_holds_nothing_of_other_people(client, rich_world):
    client.force_login(rich_world.users.bob)
    data = json.loads(client.get(reverse("accounts:data_export")).content)
    assert data["applications"] == [] and "Orchid" not in json.dumps(data)


def test_erasure_needs_the_password_and_the_tick(client, rich_world):
    client.force_login(rich_world.users.alice)
    response = client.post(reverse("accounts:erase"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400
    assert "not your password" in response.content.decode()
    assert Application.objects.get().team_name == "Orchid"


@pytest.fixture
def reviewed(rich_world):
    """alice's application reviewed by two members of Taichung's committee."""
    world = rich_world
    world.application.refresh_from_db()
    helpers.close_call(world.call_tc)
    committee = helpers.committee(world)
    criterion = helpers.criterion(committee)
    for score in (5, 3):
        member = helpers.seat(committee, f.UserFactory())
        member.assignments.create(application=world.application, source="hand")
        helpers.submit_review(member, world.application, {criterion.pk: score}, "Orchid is strong")
    world.committee = committee
    return world


def test_erasure_removes_personal_data_and_keeps_anonymous_scores(client, reviewed):
    alice = reviewed.users.alice
    client.force_login(alice)
    before = queries.ranking_of(reviewed.committee)[0]
    response = client.post(
        reverse("accounts:erase"), {"password": f.PASSWORD, "confirm": "on"}, follow=True
    )
    assert response.status_code == 200
    application = Application.objects.get()
    assert application.team_name != "Orchid" and application.contact_email == ""
    assert application.answers == {} and not Attachment.objects.exists()
    assert not Review.objects.exclude(comment="").exists()
    after = queries.ranking_of(reviewed.committee)[0]
    assert (after.score, after.review_count) == (before.score, before.review_count) == (0.75, 2)
    alice.refresh_from_db()
    assert not alice.is_active and "alice" not in alice.email
    assert not OutboxMessage.objects.filter(body__contains="Orchid").exists()
    login = {"username": "alice@example.org", "password": f.PASSWORD}
    assert client.post(reverse("accounts:login"), login).status_code == 200  # refused


def test_erasing_a_draft_deletes_it(world):
    application = f.ApplicationFactory(call=world.call_tc, applicant=world.users.bob)
    privacy.erase(world.users.bob)
    assert not Application.objects.filter(pk=application.pk).exists()


@pytest.fixture
def traveller(world):
    _delegation, traveller = exchange_factories.trip(world, user=world.users.alice)
    TravellerDetails.objects.create(
        traveller=traveller,
        passport_name="LEE YI-AN",
        nationality="Taiwanese",
        emergency_contact="Lee Mei, +886 4 2222 0000",
        retain_until=dt.date(2030, 1, 1),
    )
    return traveller


def test_the_export_holds_the_travellers_record_and_details(client, traveller):
    client.force_login(traveller.user)
    data = json.loads(client.get(reverse("accounts:data_export")).content)
    [record] = data["travellers"]
    assert record["traveller"]["name"] == "Lee Yi-an"
    assert record["details"]["passport_name"] == "LEE YI-AN"
    assert record["details"]["emergency_contact"] == "Lee Mei, +886 4 2222 0000"


def test_erasure_removes_the_travellers_name_passport_nationality_and_contact(traveller):
    privacy.erase(traveller.user)
    traveller.refresh_from_db()
    assert traveller.user is None and traveller.email == ""
    assert "Lee" not in traveller.name
    assert not TravellerDetails.objects.filter(traveller=traveller).exists()
    assert traveller.data_events.filter(action=PersonalDataEvent.Action.ERASED).exists()
