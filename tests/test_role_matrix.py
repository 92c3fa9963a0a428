"""Every URL against every role: who may see what.

The rows live beside each app's tests (`tests/<app>/roles.py`, vocabulary in
tests/roles.py). A new URL fails `test_every_url_is_in_the_matrix` until its row is written.
"""

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.roles import LOGIN, OK, ROLES, cycle_kwargs

APPS = (
    "core",
    "accounts",
    "partnerships",
    "hosting",
    "calls",
    "notifications",
    "review",
    "selection",
    "exchange",
    "matchmaking",
    "followup",
    "reports",
    "api",
)


def _rows():
    """{url name: (kwargs, expectations, extend)} from every app's roles module."""
    matrix = {}
    for app in APPS:
        try:
            module = importlib.import_module(f"tests.{app}.roles")
        except ModuleNotFoundError:
            continue
        extend = getattr(module, "extend", None)
        for name, (kwargs, expectations) in module.ROWS.items():
            matrix[name] = (kwargs, expectations, extend)
    return matrix


MATRIX = _rows()


def world_for(rich_world, name):
    """The rich world with what the URL's app adds to it."""
    extend = MATRIX[name][2]
    if extend is not None:
        extend(rich_world)
    return rich_world


def _named_urls(resolver, namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name and namespace:
            yield namespace + entry.name


def test_every_url_is_in_the_matrix():
    names = {name for name in _named_urls(get_resolver()) if name.split(":")[0] in APPS}
    assert sorted(names - set(MATRIX)) == []


def test_every_role_has_an_expectation_in_every_row():
    assert [name for name, row in MATRIX.items() if set(row[1]) != set(ROLES)] == []


def _cases():
    for name in MATRIX:
        for role in ROLES:
            yield pytest.param(name, role, id=f"{name}-{role}")


@pytest.mark.parametrize(("name", "role"), list(_cases()))
def test_role_gets_the_expected_answer(client, rich_world, name, role):
    kwargs, expectations, _extend = MATRIX[name]
    world = world_for(rich_world, name)
    expected = expectations[role]
    if role != "anonymous":
        client.force_login(getattr(world.users, role))
    response = client.get(reverse(name, kwargs=kwargs(world)))
    response.close()
    if expected == LOGIN:
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
    else:
        assert response.status_code == expected


def test_the_blind_reviewer_reads_his_own_queue_without_the_team(client, rich_world):
    """The review rows name Taichung's committee, where blake has no seat (404): his own
    queue is on Toulouse's, and it does not show him who the teams are."""
    world = world_for(rich_world, "review:queue")
    client.force_login(world.users.blake)
    response = client.get(reverse("review:queue", kwargs=cycle_kwargs(world, side_slug="toulouse")))
    assert response.status_code == OK
    assert response.context["seat"] == world.blind_seat
    assert response.context["shows_identity"] is False
