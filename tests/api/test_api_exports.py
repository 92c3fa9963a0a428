"""Every list as CSV, XLSX or JSON, under the list's own filters, never run as a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook

from jumelage.api import exports
from jumelage.api.main import api as ninja_api
from jumelage.calls.models import Application


@pytest.fixture
def formula_team(rich_world):
    Application.objects.filter(pk=rich_world.application.pk).update(
        team_name='=HYPERLINK("http://evil.example","x")', organisation="@SUM(1)"
    )
    return rich_world


def test_csv_export_escapes_formulas_and_keeps_the_filters(api, formula_team):
    response = api("tina").get(f"/calls/{formula_team.call_tc.pk}/applications?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["id"] for row in rows] == [str(formula_team.application.pk)]
    assert rows[0]["team_name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[0]["organisation"] == "'@SUM(1)"


def test_xlsx_export_opens_with_escaped_cells(api, formula_team):
    response = api("tina").get(f"/calls/{formula_team.call_tc.pk}/applications?format=xlsx")
    assert response["Content-Type"] == exports.XLSX_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, row = [cell.value for cell in sheet[1]], [cell.value for cell in sheet[2]]
    assert row[header.index("team_name")].startswith("'=")
    assert row[header.index("organisation")] == "'@SUM(1)"


def test_json_export_holds_every_row_without_a_cursor(api, world):
    caller = api("tina")
    paged = caller.get(f"/stages?cycle={world.cycle.pk}&limit=1").json()
    assert paged["next_cursor"] is not None
    whole = caller.get(f"/stages?cycle={world.cycle.pk}&limit=1&format=json")
    assert 'filename="stages.json"' in whole["Content-Disposition"]
    body = whole.json()
    assert body["next_cursor"] is None
    assert len(body["items"]) == world.cycle.stages.count()


def test_an_export_shows_only_what_the_list_shows(api, rich_world):
    path = f"/calls/{rich_world.call_tc.pk}/applications?format=json"
    assert api("theo").get(path).status_code == 403
    assert api("alice").get("/applications?format=json").json()["items"][0]["id"] == (
        rich_world.application.pk
    )
    assert api("bob").get("/applications?format=json").json()["items"] == []


def test_nested_values_are_one_json_cell(api, world):
    text = b"".join(api("tina").get("/partnerships?format=csv").streaming_content)
    row = next(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    assert '"slug": "taichung"' in row["sides"]


def test_an_unknown_format_is_a_4xx_with_a_message(api, world):
    response = api("tina").get("/stages?format=pdf")
    assert response.status_code == 422
    assert "csv" in response.content.decode()


def test_an_export_too_large_is_refused_with_a_message(api, world, monkeypatch):
    monkeypatch.setattr(exports, "MAX_ROWS", 2)
    response = api("tina").get(f"/stages?cycle={world.cycle.pk}&format=csv")
    assert response.status_code == 400
    assert "at most 2 rows" in response.json()["detail"]


def test_every_list_operation_offers_the_exports():
    schema = ninja_api.get_openapi_schema()
    lists = [
        (path, op)
        for path, ops in schema["paths"].items()
        for op in ops.values()
        if "Page" in str(op["responses"].get(200, {}).get("content", {}).get("application/json"))
    ]
    assert len(lists) >= 17
    for path, op in lists:
        assert {"text/csv", exports.XLSX_TYPE} <= set(op["responses"][200]["content"]), path
