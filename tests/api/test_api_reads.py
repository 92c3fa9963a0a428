"""Every read operation through each role's token: the same answers as the pages give."""

import pytest

from jumelage.partnerships.enums import ThemeState
from tests import factories as f

ROLES = ["alice", "bob", "tina", "theo", "hana", "rita", "olga"]


def _status(api, name, path):
    return api(name).get(path).status_code


def _ids(response):
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize("name", ROLES)
def test_partnerships_cycles_and_stages_are_read_by_every_token(api, world, name):
    caller = api(name)
    p, c = world.partnership, world.cycle
    stage = c.stages.first()
    assert _ids(caller.get("/partnerships")) == [p.pk]
    assert caller.get(f"/partnerships/{p.pk}").json()["sides"][0]["slug"] == "taichung"
    assert _ids(caller.get(f"/cycles?partnership={p.pk}")) == [c.pk]
    assert caller.get(f"/cycles/{c.pk}").json()["slug"] == c.slug
    assert len(_ids(caller.get(f"/stages?cycle={c.pk}"))) == c.stages.count()
    assert caller.get(f"/stages/{stage.pk}").json()["kind"] == stage.kind


@pytest.mark.parametrize("path", ["/partnerships/999", "/cycles/999", "/stages/999"])
def test_a_missing_object_is_404(api, world, path):
    assert _status(api, "tina", path) == 404


@pytest.mark.parametrize(
    ("name", "sees_proposal"),
    [(n, n in {"tina", "theo", "olga"}) for n in ROLES],
)
def test_theme_proposals_are_for_the_partnerships_managers(api, world, name, sees_proposal):
    proposal = f.ThemeFactory(
        cycle=world.cycle, proposed_by=world.toulouse, state=ThemeState.PROPOSED
    )
    listed = _ids(api(name).get(f"/themes?cycle={world.cycle.pk}"))
    assert world.theme.pk in listed
    assert (proposal.pk in listed) is sees_proposal
    assert _status(api, name, f"/themes/{proposal.pk}") == (200 if sees_proposal else 404)
    assert _status(api, name, f"/themes/{world.theme.pk}") == 200


def test_themes_filter_by_state(api, world):
    f.ThemeFactory(cycle=world.cycle, proposed_by=world.toulouse, state=ThemeState.PROPOSED)
    agreed = _ids(api("tina").get(f"/themes?cycle={world.cycle.pk}&state=agreed"))
    assert agreed == [world.theme.pk]


def test_themes_need_their_cycle(api, world):
    assert _status(api, "tina", "/themes") == 422
    assert _status(api, "tina", "/themes?cycle=999") == 404


@pytest.mark.parametrize(
    ("name", "expected"),
    [(n, 200 if n in {"tina", "theo", "hana", "olga"} else 403) for n in ROLES],
)
def test_hosting_offers_are_for_the_partnerships_members(api, rich_world, name, expected):
    offer = rich_world.offer
    response = api(name).get(f"/hosting-offers?cycle={rich_world.cycle.pk}")
    assert response.status_code == expected
    if expected == 200:
        assert _ids(response) == [offer.pk]
        assert response.json()["items"][0]["organisation_name"] == "La Cantine"
    assert _status(api, name, f"/hosting-offers/{offer.pk}") == expected


def test_offers_filter_by_side(api, rich_world):
    path = f"/hosting-offers?cycle={rich_world.cycle.pk}&side={rich_world.taichung.pk}"
    assert _ids(api("tina").get(path)) == []


@pytest.mark.parametrize(
    ("name", "sees_draft_call"),
    [(n, n in {"tina", "theo", "olga"}) for n in ROLES],
)
def test_calls_in_preparation_are_for_the_managers(api, world, name, sees_draft_call):
    world.call_tl.published = False
    world.call_tl.save()
    listed = _ids(api(name).get(f"/calls?cycle={world.cycle.pk}"))
    assert world.call_tc.pk in listed
    assert (world.call_tl.pk in listed) is sees_draft_call
    assert _status(api, name, f"/calls/{world.call_tl.pk}") == (200 if sees_draft_call else 404)


def test_calls_filter_by_side(api, world):
    path = f"/calls?cycle={world.cycle.pk}&side={world.toulouse.pk}"
    assert _ids(api("alice").get(path)) == [world.call_tl.pk]


@pytest.mark.parametrize(
    ("name", "expected"),
    # Taichung's managers and the operator; Toulouse's manager is refused as on the page.
    [(n, 200 if n in {"tina", "olga"} else 403) for n in ROLES],
)
def test_a_calls_applications_are_for_its_sides_managers(api, rich_world, name, expected):
    response = api(name).get(f"/calls/{rich_world.call_tc.pk}/applications")
    assert response.status_code == expected
    if expected == 200:
        assert _ids(response) == [rich_world.application.pk]


def test_drafts_are_not_listed_for_managers(api, rich_world):
    draft = f.ApplicationFactory(call=rich_world.call_tc, applicant=rich_world.users.bob)
    listed = _ids(api("tina").get(f"/calls/{rich_world.call_tc.pk}/applications"))
    assert draft.pk not in listed
    assert _status(api, "tina", f"/applications/{draft.pk}") == 404
    assert _status(api, "bob", f"/applications/{draft.pk}") == 200


@pytest.mark.parametrize(
    ("name", "expected"),
    [(n, 200 if n in {"alice", "tina", "olga"} else 404) for n in ROLES],
)
def test_an_application_is_read_by_its_applicant_and_its_sides_managers(
    api, rich_world, name, expected
):
    assert _status(api, name, f"/applications/{rich_world.application.pk}") == expected


@pytest.mark.parametrize("name", ROLES)
def test_my_applications_are_my_own(api, rich_world, name):
    listed = _ids(api(name).get("/applications"))
    assert listed == ([rich_world.application.pk] if name == "alice" else [])


def test_applications_filter_by_state(api, rich_world):
    path = f"/calls/{rich_world.call_tc.pk}/applications?state=withdrawn"
    assert _ids(api("tina").get(path)) == []
    assert _ids(api("alice").get("/applications?state=submitted")) == [rich_world.application.pk]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/stages?cycle=-74187050511825356304941056", 400),
        ("/sessions?cycle=99999999999999999999999", 404),
        ("/meetings/99999999999999999999999", 404),
    ],
)
def test_a_number_too_large_for_the_database_is_a_4xx(api, world, path, status):
    response = api("tina").get(path)
    assert response.status_code == status
    if status == 400:
        assert "too large" in response.json()["detail"]
