import datetime as dt

import pytest

from jumelage.followup import privacy, services
from jumelage.followup.enums import Stage
from jumelage.followup.models import Event, Milestone
from tests.exchange.factories import selected_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def milestone(world):
    team = selected_team(world, applicant=world.users.alice)
    return services.validate_milestone(
        world.users.tina,
        team,
        Stage.PROOF_OF_CONCEPT,
        reached_on=dt.date(2020, 1, 1),
        evidence="Demo to Airbus, contact Jean Dupont",
        link="https://example.org/demo",
    )


def test_the_export_holds_the_teams_milestones_and_the_ones_a_manager_validated(world, milestone):
    assert privacy.export(world.users.alice)["milestones"][0]["evidence"].startswith("Demo")
    assert privacy.export(world.users.tina)["milestones_validated"][0]["stage"] == "concept"
    assert privacy.export(world.users.bob) == {
        "milestones": [],
        "milestones_validated": [],
        "outcomes": [],
    }


def test_erasure_removes_the_evidence_and_keeps_the_stage_and_its_date(world, milestone):
    kept = privacy.erase(world.users.alice)
    milestone.refresh_from_db()
    assert (milestone.evidence, milestone.link) == ("", "")
    assert (milestone.stage, milestone.reached_on) == ("concept", dt.date(2020, 1, 1))
    assert len(kept) == 3


def test_erasing_a_manager_removes_their_name_from_what_they_validated(world, milestone):
    privacy.erase(world.users.tina)
    assert Milestone.objects.get(pk=milestone.pk).validated_by is None
    assert not Event.objects.filter(actor=world.users.tina).exists()
