"""The support journey a team's hosts record (intake, stress test, roadmap, introductions,
in order), the tools used, and milestone evidence as a file."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jumelage.accounts.models import Role
from jumelage.followup import queries, services
from jumelage.followup.enums import SupportStage, SupportTool
from jumelage.followup.models import Event, JourneyStage, Milestone, RoadmapStep, ToolUse
from tests import factories as f

pytestmark = pytest.mark.django_db

DAY = dt.date(2020, 3, 1)
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _record(actor, team, stage, held_on=DAY, notes="Met the founders"):
    return services.record_journey_stage(actor, team, stage, held_on=held_on, notes=notes)


def _whole_journey(actor, team):
    for number, stage in enumerate(SupportStage):
        _record(actor, team, stage, DAY + dt.timedelta(days=number))


def _url(name, team, **kwargs):
    return reverse(f"followup:{name}", kwargs={"pk": team.pk, **kwargs})


# Order of the stages


def test_the_journey_is_recorded_in_order_with_an_event_per_stage(world, team):
    _whole_journey(world.users.hana, team)
    stages = list(JourneyStage.objects.filter(application=team).values_list("stage", flat=True))
    assert stages == ["intake", "stress_test", "roadmap", "introductions"]
    assert Event.objects.filter(application=team, action="journey_stage_recorded").count() == 4
    assert queries.next_support_stage(queries.team_or_404(team.pk)) is None


def test_a_stage_cannot_be_recorded_before_the_previous_one(world, team):
    with pytest.raises(ValidationError, match="Intake interview must be recorded before"):
        _record(world.users.hana, team, SupportStage.STRESS_TEST)
    assert not JourneyStage.objects.exists()


def test_a_stage_cannot_be_dated_before_the_one_it_follows(world, team):
    _record(world.users.hana, team, SupportStage.INTAKE)
    with pytest.raises(ValidationError, match="cannot be held before"):
        _record(world.users.hana, team, SupportStage.STRESS_TEST, DAY - dt.timedelta(days=1))


def test_a_stage_recorded_twice_is_refused_the_second_time(world, team):
    _record(world.users.hana, team, SupportStage.INTAKE)
    with pytest.raises(ValidationError, match="already recorded"):
        _record(world.users.theo, team, SupportStage.INTAKE)
    assert JourneyStage.objects.count() == 1


def test_roadmap_steps_wait_for_the_roadmap_stage(world, team):
    with pytest.raises(ValidationError, match="Record the roadmap stage"):
        services.add_roadmap_step(world.users.hana, team, due_on=DAY, description="Pilot")
    _whole_journey(world.users.hana, team)
    step = services.add_roadmap_step(world.users.hana, team, due_on=DAY, description="Pilot")
    assert step.recorded_by == world.users.hana


def test_a_tool_is_recorded_with_its_date_notes_and_who(world, team):
    use = ToolUse(tool=SupportTool.EXPERT_MEETING, used_on=DAY, notes="Met an Airbus buyer")
    services.record_tool_use(world.users.hana, team, use)
    stored = ToolUse.objects.get(application=team)
    assert (stored.tool, stored.recorded_by) == ("expert_meeting", world.users.hana)


# Who records


def test_only_the_hosting_organisation_and_the_managers_record_the_journey(world, team):
    other_host = f.HostOrganisationFactory(side=world.toulouse)
    stranger = f.UserFactory(email="staff@elsewhere.example")
    f.MembershipFactory(
        user=stranger, side=world.toulouse, role=Role.HOST_STAFF, organisation=other_host
    )
    for outsider in (stranger, world.users.alice):
        with pytest.raises(PermissionDenied):
            _record(outsider, team, SupportStage.INTAKE)
    _record(world.users.tina, team, SupportStage.INTAKE)


def test_the_applicant_cannot_post_a_stage_of_their_own_journey(client, world, team):
    client.force_login(world.users.alice)
    data = {"stage": "intake", "held_on": "2020-03-01", "notes": "x"}
    assert client.post(_url("journey_record", team), data).status_code == 403
    assert not JourneyStage.objects.exists()


# The page


def test_a_host_records_a_stage_from_the_page(client, world, team):
    client.force_login(world.users.hana)
    data = {"stage": "intake", "held_on": "2020-03-01", "notes": "Founders met"}
    assert client.post(_url("journey_record", team), data).status_code == 302
    assert JourneyStage.objects.get(application=team).recorded_by == world.users.hana


def test_a_stage_out_of_order_is_refused_with_a_message_and_keeps_the_notes(client, world, team):
    client.force_login(world.users.hana)
    data = {"stage": "roadmap", "held_on": "2020-03-01", "notes": "Six dated steps"}
    response = client.post(_url("journey_record", team), data)
    assert response.status_code == 409
    assert "must be recorded before" in response.content.decode()
    assert "Six dated steps" in response.content.decode()
    assert not JourneyStage.objects.exists()


def test_an_unknown_stage_is_refused_with_a_message(client, world, team):
    client.force_login(world.users.hana)
    data = {"stage": "unicorn", "held_on": "2020-03-01", "notes": "x"}
    response = client.post(_url("journey_record", team), data)
    assert response.status_code == 409
    assert "Choose a stage of the support journey." in response.content.decode()


def test_a_tool_without_a_date_is_refused_and_its_notes_kept(client, world, team):
    client.force_login(world.users.hana)
    data = {"tool": "training", "used_on": "", "notes": "Pitch training"}
    response = client.post(_url("tool_record", team), data)
    assert response.status_code == 400
    assert response.context["tool_form"]["notes"].value() == "Pitch training"
    assert not ToolUse.objects.exists()


def test_a_roadmap_step_before_the_roadmap_is_refused_with_a_message(client, world, team):
    client.force_login(world.users.hana)
    data = {"due_on": "2020-06-01", "description": "First pilot"}
    response = client.post(_url("roadmap_step_add", team), data)
    assert response.status_code == 409
    assert not RoadmapStep.objects.exists()


def test_the_page_draws_the_whole_path_with_a_text_summary(client, world, team):
    _record(world.users.hana, team, SupportStage.INTAKE)
    client.force_login(world.users.hana)
    html = client.get(_url("team", team)).content.decode()
    assert "1 step of 7 done" in html
    assert html.count('class="path-step journey') == 4
    assert html.count('class="path-step milestone') == 3
    assert "style=" not in html.split("<main", 1)[-1]


def test_the_team_page_reads_a_bounded_number_of_queries(client, world, team):
    client.force_login(world.users.hana)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("team", team)).status_code == 200
        return len(captured)

    empty = count()
    _whole_journey(world.users.hana, team)
    for number in range(5):
        services.add_roadmap_step(world.users.hana, team, due_on=DAY, description=f"Step {number}")
        use = ToolUse(tool=SupportTool.TRAINING, used_on=DAY, notes=str(number))
        services.record_tool_use(world.users.theo if number % 2 else world.users.hana, team, use)
    assert count() == empty


# Evidence as a file


def _post_file(client, team, content, name="pilot.pdf"):
    data = {"stage": "concept", "reached_on": "2020-03-01", "evidence": "", "link": ""}
    data["evidence_file"] = SimpleUploadedFile(name, content)
    return client.post(_url("milestone_validate", team), data)


def test_a_milestone_with_a_file_as_its_only_evidence_is_served_to_its_followers(
    client, world, team
):
    client.force_login(world.users.hana)
    assert _post_file(client, team, PDF).status_code == 302
    milestone = Milestone.objects.get(application=team)
    assert (milestone.evidence_file_name, milestone.evidence_file_type) == (
        "pilot.pdf",
        "application/pdf",
    )
    assert not milestone.evidence_file.name.endswith("pilot.pdf")
    response = client.get(_url("milestone_evidence", team, stage="concept"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    client.force_login(world.users.alice)
    assert client.get(_url("milestone_evidence", team, stage="concept")).status_code == 404


def test_a_file_that_is_not_a_document_is_refused_whatever_its_name(client, world, team):
    client.force_login(world.users.hana)
    response = _post_file(client, team, b"MZ\x90\x00" + b"\x00" * 200, name="report.pdf")
    assert response.status_code == 400
    assert "not of an accepted type" in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_milestone_without_any_evidence_is_refused(client, world, team):
    client.force_login(world.users.hana)
    data = {"stage": "concept", "reached_on": "2020-03-01", "evidence": " ", "link": ""}
    response = client.post(_url("milestone_validate", team), data)
    assert response.status_code == 400
    assert "a text, a link or a file" in response.content.decode()
    with pytest.raises(ValidationError, match="a text, a link or a file"):
        services.validate_milestone(world.users.hana, team, "concept", reached_on=DAY)
