"""The open call stage takes its dates from the cycle's calls: the timeline shows them, and
an edit that contradicts them is refused with a message."""

import datetime as dt

from django.utils import timezone

from jumelage.core import moments
from jumelage.partnerships import timeline
from jumelage.partnerships.enums import StageKind
from tests.partnerships.test_views import login, stage_data, url


def call_span(world):
    calls = [world.call_tc, world.call_tl]
    opens = min(timezone.localtime(c.opens_at, c.side.tzinfo).date() for c in calls)
    closes = max(timezone.localtime(c.closes_at, c.side.tzinfo).date() for c in calls)
    return opens, closes


def open_call_index(world):
    kinds = list(world.cycle.stages.order_by("order").values_list("kind", flat=True))
    return kinds.index(StageKind.CALL_OPEN)


def test_the_open_call_stage_shows_the_calls_dates(world):
    world.call_tl.closes_at = world.call_tl.opens_at + dt.timedelta(days=100)
    world.call_tl.save()
    stages = timeline.with_owned_dates(world.cycle.stages.all(), world.cycle)
    open_call = next(s for s in stages if s.kind == StageKind.CALL_OPEN)
    assert (open_call.starts_on, open_call.ends_on) == call_span(world)
    assert "Appel à candidatures de Toulouse" in open_call.owner


def test_the_cycle_page_shows_the_call_s_deadline_on_the_timeline(client, world):
    world.call_tl.closes_at = world.call_tl.opens_at + dt.timedelta(days=100)
    world.call_tl.save()
    page = client.get(url(world, "cycle")).content.decode()
    _opens, closes = call_span(world)
    owner = page.index('id="owner-call_open"')
    row = page[owner : page.index("</tr>", owner)]
    assert moments.day(closes) in row


def test_editing_the_open_call_against_its_calls_is_refused_with_a_message(client, world):
    index = open_call_index(world)
    stage = world.cycle.stages.get(kind=StageKind.CALL_OPEN)
    stored = stage.ends_on
    wrong = (call_span(world)[1] - dt.timedelta(days=20)).isoformat()
    response = login(client, world, "theo").post(
        url(world, "stages"), stage_data(world, **{f"form-{index}-ends_on": wrong})
    )
    assert response.status_code == 200
    assert "takes its dates from" in response.content.decode()
    stage.refresh_from_db()
    assert stage.ends_on == stored


def test_editing_the_open_call_to_agree_with_its_calls_is_saved(client, world):
    index = open_call_index(world)
    opens, closes = call_span(world)
    response = login(client, world, "theo").post(
        url(world, "stages"),
        stage_data(
            world,
            **{
                f"form-{index}-starts_on": opens.isoformat(),
                f"form-{index}-ends_on": closes.isoformat(),
            },
        ),
    )
    assert response.status_code == 302
    stage = world.cycle.stages.get(kind=StageKind.CALL_OPEN)
    assert (stage.starts_on, stage.ends_on) == (opens, closes)


def test_another_stage_still_moves_freely(client, world):
    first = world.cycle.stages.get(order=1)
    new_end = first.ends_on + dt.timedelta(days=3)
    response = login(client, world, "theo").post(
        url(world, "stages"), stage_data(world, **{"form-0-ends_on": new_end.isoformat()})
    )
    assert response.status_code == 302
