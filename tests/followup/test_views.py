import pytest
from django.urls import reverse

from jumelage.followup.models import Milestone, Outcome

pytestmark = pytest.mark.django_db


def _post_milestone(client, team, stage, **data):
    data = {"stage": stage, "reached_on": "2020-03-01", "evidence": "Pilot signed", **data}
    return client.post(reverse("followup:milestone_validate", args=[team.pk]), data)


def test_the_team_page_shows_the_path_and_offers_the_next_stage(client, world, team):
    client.force_login(world.users.hana)
    response = client.get(reverse("followup:team", args=[team.pk]))
    assert response.status_code == 200
    assert [stage.value for stage, _m in response.context["path"]] == [
        "concept",
        "service",
        "business",
    ]
    assert response.context["next_stage"] == "concept"


def test_a_host_validates_the_next_milestone(client, world, team):
    client.force_login(world.users.hana)
    response = _post_milestone(client, team, "concept")
    assert response.status_code == 302
    assert Milestone.objects.get(application=team).validated_by == world.users.hana


def test_a_milestone_out_of_order_is_refused_with_a_message_and_keeps_the_evidence(
    client, world, team
):
    client.force_login(world.users.hana)
    response = _post_milestone(client, team, "business", evidence="Series A closed")
    assert response.status_code == 409
    assert "must be validated before" in response.content.decode()
    assert "Series A closed" in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_missing_date_is_refused_with_a_message(client, world, team):
    client.force_login(world.users.hana)
    response = _post_milestone(client, team, "concept", reached_on="")
    assert response.status_code == 400
    assert not Milestone.objects.exists()


def test_a_negative_amount_is_refused_and_the_other_answers_are_kept(client, world, team):
    client.force_login(world.users.theo)
    data = {"funds_raised": "-5", "currency": "EUR", "pilots": "2", "partnerships": "0"}
    data |= {"jobs_created": "4", "entities_opened": "0"}
    response = client.post(reverse("followup:outcome_save", args=[team.pk]), data)
    assert response.status_code == 400
    assert response.context["outcome_form"]["jobs_created"].value() == "4"
    assert not Outcome.objects.exists()


def test_outcomes_are_saved_from_the_page(client, world, team):
    client.force_login(world.users.theo)
    data = {"funds_raised": "120000", "currency": "TWD", "pilots": "2", "partnerships": "1"}
    data |= {"jobs_created": "4", "entities_opened": "1", "active_after_6_months": "true"}
    response = client.post(reverse("followup:outcome_save", args=[team.pk]), data)
    assert response.status_code == 302
    outcome = Outcome.objects.get(application=team)
    assert (outcome.currency, outcome.jobs_created, outcome.active_after_6_months) == (
        "TWD",
        4,
        True,
    )
