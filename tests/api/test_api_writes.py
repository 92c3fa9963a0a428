"""Writing through the API: a theme proposal, through the themes page's form and service."""

import pytest

from jumelage.partnerships.enums import ThemeState
from jumelage.partnerships.models import Theme


def _proposal(world, side=None, **overrides):
    return {
        "cycle_id": world.cycle.pk,
        "side_id": (side or world.taichung).pk,
        "title": {"fr": "Santé connectée", "zh-hant": "智慧醫療"},
        "description": {"en": "Devices that watch over patients."},
        **overrides,
    }


def test_a_manager_proposes_a_theme_with_a_write_token(api, world):
    response = api("tina", "write").post("/themes", _proposal(world))
    assert response.status_code == 201
    theme = Theme.objects.get(pk=response.json()["id"])
    assert theme.state == ThemeState.PROPOSED and theme.proposer == world.users.tina
    assert theme.title_fr == "Santé connectée" and theme.title_zh_hant == "智慧醫療"


def test_a_read_token_may_not_write(api, world):
    response = api("tina").post("/themes", _proposal(world))
    assert response.status_code == 403
    assert "write scope" in response.json()["detail"]
    assert Theme.objects.count() == 1


@pytest.mark.parametrize("name", ["alice", "hana", "rita"])
def test_only_managers_propose(api, world, name):
    response = api(name, "write").post("/themes", _proposal(world))
    assert response.status_code == 403
    assert Theme.objects.count() == 1


def test_a_manager_proposes_only_for_their_own_side(api, world):
    response = api("tina", "write").post("/themes", _proposal(world, side=world.toulouse))
    assert response.status_code == 400
    assert response.json()["detail"][0].startswith("side:")


def test_a_theme_needs_a_title_in_one_language(api, world):
    response = api("tina", "write").post("/themes", _proposal(world, title={"en": " "}))
    assert response.status_code == 400
    assert "at least one of the languages" in " ".join(response.json()["detail"])


def test_a_malformed_body_is_422(api, world):
    response = api("tina", "write").post("/themes", {"cycle_id": "x"})
    assert response.status_code == 422


def test_no_token_may_not_write(api, world):
    assert api(None).post("/themes", _proposal(world)).status_code == 401
