"""Bad input anywhere gets a 4xx (or the form again), never a 500."""

import pytest
from django.urls import reverse

from tests.roles import ROLES
from tests.test_role_matrix import MATRIX, world_for

GARBAGE = {
    "title_en": "x" * 5000,
    "team_name": "\x00bad",
    "contact_email": "not-an-email",
    "opens_at": "yesterday",
    "closes_at": "2019-13-45T99:99",
    "theme": "abc",
    "language": "xx",
    "estimate": "-1e309",
    "actual": "NaN",
    "category": "caviar",
    "currency": "BTC",
    "starts_on": "31/02/2019",
    "ends_on": "",
    "services": ["teleportation"],
    "teams": "-3",
    "decision": "maybe",
    "side": "999999",
    "comment": "",
    "order": "[1,2",
    "kind": "hologram",
    "key": "pitch_deck",
    "show_if": "-1",
    "q": "%' OR 1=1 --",
    "page": "-1",
    "state": "?",
    "form-TOTAL_FORMS": "1000",
    "form-INITIAL_FORMS": "x",
    "action": "submit",
    "fmt": "exe",
}


def _cases():
    return [pytest.param(name, role, id=f"{name}-{role}") for name in MATRIX for role in ROLES]


@pytest.mark.parametrize(("name", "role"), _cases())
def test_garbage_post_never_breaks_the_server(client, rich_world, name, role):
    world = world_for(rich_world, name)
    if role != "anonymous":
        client.force_login(getattr(world.users, role))
    response = client.post(reverse(name, kwargs=MATRIX[name][0](world)), GARBAGE)
    response.close()
    assert response.status_code < 500
