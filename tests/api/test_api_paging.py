"""Cursor pages that do not move under the reader, and ETags that spare a download."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f


def _walk(caller, path, limit):
    seen, cursor, pages = [], None, 0
    while True:
        query = f"{path}&limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        body = caller.get(query).json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return seen, pages


def test_a_cursor_walks_every_stage_once_in_id_order(api, world):
    stages = list(world.cycle.stages.order_by("pk").values_list("pk", flat=True))
    seen, pages = _walk(api("tina"), f"/stages?cycle={world.cycle.pk}", limit=4)
    assert seen == stages
    assert pages == -(-len(stages) // 4)


def test_a_cursor_neither_repeats_nor_skips_when_rows_are_added(api, world):
    caller = api("tina")
    second = f.ThemeFactory(cycle=world.cycle, proposed_by=world.toulouse)
    first = caller.get(f"/themes?cycle={world.cycle.pk}&limit=1").json()
    assert [t["id"] for t in first["items"]] == [world.theme.pk]
    third = f.ThemeFactory(cycle=world.cycle, proposed_by=world.toulouse)
    rest = caller.get(f"/themes?cycle={world.cycle.pk}&cursor={first['next_cursor']}")
    assert [t["id"] for t in rest.json()["items"]] == [second.pk, third.pk]


def test_a_forged_cursor_is_400_with_a_message(api, world):
    for cursor in ["nonsense!", "YWZ0ZXI6eA", "Zm9vOjE"]:
        response = api("tina").get(f"/stages?cursor={cursor}")
        assert response.status_code == 400
        assert "cursor" in response.json()["detail"]


def test_a_limit_out_of_range_is_422(api, world):
    assert api("tina").get("/stages?limit=0").status_code == 422
    assert api("tina").get("/stages?limit=201").status_code == 422


def test_a_list_costs_the_same_queries_for_many_rows(api, world):
    for index in range(3):
        partnership = f.PartnershipFactory(slug=f"p{index}")
        f.SideFactory(partnership=partnership, slug="a")
        f.SideFactory(partnership=partnership, slug="b")
    caller = api("tina")
    caller.get("/partnerships?limit=1")
    with CaptureQueriesContext(connection) as one:
        caller.get("/partnerships?limit=1")
    with CaptureQueriesContext(connection) as many:
        caller.get("/partnerships?limit=4")
    assert len(many) == len(one)


def test_an_etag_answers_304_until_the_object_changes(api, world):
    caller = api("tina")
    path = f"/themes/{world.theme.pk}"
    first = caller.get(path)
    etag = first["ETag"]
    again = caller.get(path, If_None_Match=etag)
    assert again.status_code == 304 and again.content == b""
    world.theme.title = "Smart cities"
    world.theme.save()
    changed = caller.get(path, If_None_Match=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_list_has_an_etag_too(api, world):
    caller = api("theo")
    path = f"/calls?cycle={world.cycle.pk}"
    etag = caller.get(path)["ETag"]
    assert caller.get(path, If_None_Match=f'W/{etag}, "other"').status_code == 304
    assert caller.get(path, If_None_Match='"other"').status_code == 200
