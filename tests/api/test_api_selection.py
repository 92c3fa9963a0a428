"""Nominations, picks and results through each role's token, as the selection pages show."""

import pytest

from jumelage.selection import services
from jumelage.selection.enums import EntryKind
from tests.selection.factories import choices, finish, nominate, pick_lines, reviewed

ROLES = ["alice", "bob", "tina", "theo", "hana", "rita", "olga"]


@pytest.fixture
def w(world):
    """Each side with three reviewed applicants; it nominates two, the partner picks one."""
    world.cycle.nominations_per_side, world.cycle.picks_per_side = 2, 1
    world.cycle.save()
    return reviewed(world, per_side=3)


def _ids(response):
    return [item["id"] for item in response.json()["items"]]


def _draft(w):
    """Taichung's nomination saved but not sent: two nominated, one waiting."""
    ranked = w.ranked["taichung"]
    services.save_nomination(w.users.tina, w.cycle, w.taichung, choices(ranked, 2, waiting=1))
    return w.taichung.nominations.get()


@pytest.mark.parametrize(
    ("name", "expected"), [(n, 200 if n in {"tina", "olga"} else 404) for n in ROLES]
)
def test_a_draft_nomination_is_its_own_sides_alone(api, w, name, expected):
    nomination = _draft(w)
    assert api(name).get(f"/nominations/{nomination.pk}").status_code == expected
    listed = _ids(api(name).get(f"/nominations?cycle={w.cycle.pk}"))
    assert listed == ([nomination.pk] if expected == 200 else [])


def test_the_own_side_reads_the_waiting_list_and_the_partner_does_not(api, w):
    nomination = _draft(w)
    services.send_nomination(w.users.tina, w.cycle, w.taichung)
    own = api("tina").get(f"/nominations/{nomination.pk}").json()
    partner = api("theo").get(f"/nominations/{nomination.pk}").json()
    kinds = sorted(e["kind"] for e in own["entries"])
    assert kinds == [EntryKind.NOMINATED] * 2 + [EntryKind.WAITING]
    assert [e["kind"] for e in partner["entries"]] == [EntryKind.NOMINATED] * 2
    assert partner["entries"][0]["justification"].startswith("Why")
    assert api("hana").get(f"/nominations/{nomination.pk}").status_code == 404


def test_the_partner_does_not_read_what_is_not_shared(api, w):
    nomination = _draft(w)
    nomination.share_justification = False
    nomination.share_summary = False
    nomination.save()
    services.send_nomination(w.users.tina, w.cycle, w.taichung)
    partner = api("theo").get(f"/nominations/{nomination.pk}").json()
    assert {e["justification"] for e in partner["entries"]} == {None}
    assert {e["summary"] is None for e in partner["entries"]} == {True}
    assert api("tina").get(f"/nominations/{nomination.pk}").json()["entries"][0]["justification"]


def test_a_draft_pick_is_the_picking_sides_alone(api, w):
    nomination = nominate(w, w.taichung, w.users.tina)
    services.save_pick(w.users.theo, nomination.pk, pick_lines(nomination, 1, 1))
    pick = nomination.pick
    assert api("theo").get(f"/picks/{pick.pk}").status_code == 200
    assert api("tina").get(f"/picks/{pick.pk}").status_code == 404
    assert _ids(api("tina").get(f"/picks?cycle={w.cycle.pk}")) == []
    services.propose_pick(w.users.theo, nomination.pk)
    body = api("tina").get(f"/picks/{pick.pk}").json()
    assert body["state"] == "proposed" and len(body["lines"]) == 2
    for name in ["alice", "hana", "rita"]:
        assert api(name).get(f"/picks/{pick.pk}").status_code == 404


def test_results_are_404_until_both_directions_are_final_then_public(api, w):
    assert api("alice").get(f"/results?cycle={w.cycle.pk}").status_code == 404
    finish(w, reserves=0)
    for name in ROLES:
        body = api(name).get(f"/results?cycle={w.cycle.pk}").json()
        assert len(body["results"]) == 2
        assert sum(len(r["teams"]) for r in body["results"]) == 2 * w.cycle.picks_per_side
