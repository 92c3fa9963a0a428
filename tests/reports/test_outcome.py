"""The outcome report for the outcome meeting: its figures, a page per team, the managers'
texts (a city's or the joint one, a draft saved as they type), as a page, a PDF and a
standalone HTML file in the three languages."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from jumelage.followup import services
from jumelage.followup.enums import Stage, SupportStage
from jumelage.followup.models import Outcome
from jumelage.hosting.models import HostingOffer
from jumelage.reports.models import OutcomeReport
from tests import factories as f
from tests.exchange.factories import selected_team
from tests.followup.factories import hosted

pytestmark = pytest.mark.django_db
ARGS = ["taichung-toulouse", "2019"]


def _url(name, **kwargs):
    return reverse(f"reports:{name}", args=[*ARGS, *kwargs.values()])


def _in(language, url):
    return f"/{language}{url[3:]}"


def _team(world, name):
    team = selected_team(world, team_name=name)
    offer = HostingOffer.objects.filter(cycle=world.cycle, organisation=world.host).first()
    hosted(team, offer or f.HostingOfferFactory(cycle=world.cycle, organisation=world.host))
    tina = world.users.tina
    services.record_journey_stage(
        tina, team, SupportStage.INTAKE, held_on=dt.date(2019, 10, 7), notes="Whole project"
    )
    services.validate_milestone(
        tina, team, Stage.PROOF_OF_CONCEPT, reached_on=dt.date(2019, 12, 1), evidence="Demo day"
    )
    services.save_outcome(
        tina, Outcome(application=team, funds_raised=250000, currency="EUR", jobs_created=3)
    )
    return team


@pytest.fixture
def teams(world):
    return [_team(world, "Nimbus Drones")]


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def test_the_report_has_the_figures_a_page_per_team_and_the_texts(client, world, teams):
    OutcomeReport.objects.create(
        cycle=world.cycle, side=world.taichung, what_worked_en="The stress test"
    )
    OutcomeReport.objects.create(cycle=world.cycle, recommendations_en="Widen to aerospace")
    client.force_login(world.users.theo)
    response = client.get(_url("outcome"))
    assert response.status_code == 200
    doc = response.context["doc"]
    assert [figure.key for figure in doc.figures] == ["funnel", "outcomes", "budget", "cycles"]
    [page] = doc.teams
    assert page.name == "Nimbus Drones" and page.hosts == "La Cantine"
    assert page.journey[0][2] == "Whole project" and page.journey[1][1] == "–"
    assert page.milestones[0][2] == "Demo day"
    assert ("Jobs created", "3") in page.outcomes
    assert [(t.whose, t.what_worked, t.recommendations) for t in doc.texts] == [
        ("Both cities", "", "Widen to aerospace"),
        ("Taichung", "The stress test", ""),
    ]
    html = response.content.decode()
    assert 'id="chart-funnel"' in html and "Widen to aerospace" in html


def test_the_page_costs_the_same_queries_however_many_teams(
    client, world, teams, django_assert_max_num_queries
):
    client.force_login(world.users.tina)
    with django_assert_max_num_queries(60) as few:
        client.get(_url("outcome"))
    _team(world, "Second team")
    _team(world, "Third team")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(_url("outcome")).context["doc"].teams) == 3


@pytest.mark.parametrize(
    ("language", "chapter", "heading"),
    [("zh-hant", "壹、", "成果"), ("fr", "I.", "Nimbus"), ("en", "I.", "Nimbus")],
)
def test_the_pdf_is_written_in_each_language(client, world, teams, language, chapter, heading):
    client.force_login(world.users.tina)
    response = client.get(_in(language, _url("outcome_download", fmt="pdf")))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    expected = f'attachment; filename="outcome-taichung-toulouse-2019-{language}.pdf"'
    assert response["Content-Disposition"] == expected
    text = _text(response.content)
    assert chapter in text and "NimbusDrones" in text and "250000.00EUR" in text
    if language == "zh-hant":
        assert heading in text


def test_the_html_file_stands_alone_with_its_charts(client, world, teams):
    client.force_login(world.users.tina)
    response = client.get(_in("fr", _url("outcome_download", fmt="html")))
    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="fr">' in html and "<style>" in html
    assert "<link" not in html and 'id="chart-outcomes"' in html


def test_an_unknown_format_is_a_400_with_a_message(client, world):
    client.force_login(world.users.tina)
    response = client.get(_url("outcome_download", fmt="docx"))
    assert response.status_code == 400
    assert response.content.decode() == "Choose PDF or HTML."


def test_a_city_writes_its_own_text_and_the_joint_one(client, world):
    client.force_login(world.users.tina)
    edit = _url("outcome_edit")
    response = client.post(f"{edit}?side=taichung", {"what_worked_fr": "Le stress test"})
    assert response.status_code == 302
    text = OutcomeReport.objects.get(cycle=world.cycle, side=world.taichung)
    assert text.what_worked_fr == "Le stress test" and text.updated_by == world.users.tina
    assert client.get(f"{edit}?side=toulouse").status_code == 403
    assert client.post(edit, {"recommendations_en": "Again"}).status_code == 302
    assert OutcomeReport.objects.get(cycle=world.cycle, side=None).recommendations_en == "Again"


def test_the_draft_is_autosaved_as_json(client, world):
    client.force_login(world.users.theo)
    response = client.post(f"{_url('outcome_autosave')}?side=toulouse", {"what_worked_en": "X"})
    assert response.status_code == 200 and "saved" in response.json()
    assert OutcomeReport.objects.get(side=world.toulouse).what_worked_en == "X"
    refused = client.post(f"{_url('outcome_autosave')}?side=taichung", {"what_worked_en": "Y"})
    assert refused.status_code == 403
    assert not OutcomeReport.objects.filter(side=world.taichung).exists()


def test_an_unknown_city_is_a_404_with_a_message(client, world):
    client.force_login(world.users.tina)
    response = client.get(f"{_url('outcome_edit')}?side=paris")
    assert response.status_code == 404
