import datetime as dt

import pytest

from jumelage.followup import privacy, services
from jumelage.followup.enums import Stage, SupportStage, SupportTool
from jumelage.followup.models import Event, JourneyStage, Milestone, RoadmapStep, ToolUse
from tests import factories as f
from tests.exchange.factories import selected_team
from tests.followup.factories import hosted

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
    assert not any(privacy.export(world.users.bob).values())


def test_erasure_removes_the_evidence_and_keeps_the_stage_and_its_date(world, milestone):
    kept = privacy.erase(world.users.alice)
    milestone.refresh_from_db()
    assert (milestone.evidence, milestone.link) == ("", "")
    assert (milestone.stage, milestone.reached_on) == ("concept", dt.date(2020, 1, 1))
    assert len(kept) == 4


def test_erasing_a_manager_removes_their_name_from_what_they_validated(world, milestone):
    privacy.erase(world.users.tina)
    assert Milestone.objects.get(pk=milestone.pk).validated_by is None
    assert not Event.objects.filter(actor=world.users.tina).exists()


@pytest.fixture
def journey(world):
    """alice's team hosted by La Cantine; hana recorded its journey up to the roadmap."""
    team = selected_team(world, applicant=world.users.alice)
    hosted(team, f.HostingOfferFactory(cycle=world.cycle, organisation=world.host))
    hana = world.users.hana
    for number, stage in enumerate(list(SupportStage)[:3]):
        services.record_journey_stage(
            hana, team, stage, held_on=dt.date(2020, 1, 1 + number), notes="Met Jean Dupont"
        )
    services.add_roadmap_step(hana, team, due_on=dt.date(2020, 6, 1), description="Call Jean")
    use = ToolUse(tool=SupportTool.CONSULTING, used_on=dt.date(2020, 2, 1), notes="With Jean")
    services.record_tool_use(hana, team, use)
    return team


def test_the_export_holds_the_journey_of_the_persons_team_and_the_notes_a_host_wrote(
    world, journey
):
    alices = privacy.export(world.users.alice)
    assert [row["stage"] for row in alices["journey"]] == ["intake", "stress_test", "roadmap"]
    assert alices["tools"][0]["notes"] == "With Jean"
    assert alices["roadmap"][0]["description"] == "Call Jean"
    hanas = privacy.export(world.users.hana)
    assert len(hanas["journey_recorded"]) == 3
    assert (len(hanas["tools_recorded"]), len(hanas["roadmap_recorded"])) == (1, 1)


def test_erasure_removes_the_journeys_notes_and_keeps_its_stages_and_dates(world, journey):
    privacy.erase(world.users.alice)
    rows = JourneyStage.objects.filter(application=journey)
    assert set(rows.values_list("notes", flat=True)) == {""}
    assert rows.get(stage="intake").held_on == dt.date(2020, 1, 1)
    assert ToolUse.objects.get().notes == ""
    assert RoadmapStep.objects.get().description == ""


def test_erasing_a_host_removes_their_name_from_the_journey_they_recorded(world, journey):
    privacy.erase(world.users.hana)
    assert not JourneyStage.objects.filter(recorded_by=world.users.hana).exists()
    assert ToolUse.objects.get().recorded_by is None
    assert RoadmapStep.objects.get().recorded_by is None
    assert JourneyStage.objects.get(stage="intake").notes == "Met Jean Dupont"
