"""A token per person of the world, and a client that sends it."""

import pytest
from django.core.cache import cache

from jumelage.api.services import create_token


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_of(world):
    """token_of("tina") -> a read token's secret; token_of("tina", "write") -> a write one."""

    def make(name, scope="read"):
        return create_token(getattr(world.users, name), name="test", scope=scope, days=30)[1]

    return make


@pytest.fixture
def api(client, token_of):
    """api("tina").get(path) -> the answer to tina's token; api(None) sends no token."""

    class Caller:
        def __init__(self, name, scope):
            self.headers = (
                {} if name is None else {"Authorization": f"Bearer {token_of(name, scope)}"}
            )

        def get(self, path, **headers):
            return client.get(f"/api/v1{path}", headers={**self.headers, **headers})

        def post(self, path, data, **headers):
            return client.post(
                f"/api/v1{path}",
                data,
                content_type="application/json",
                headers={**self.headers, **headers},
            )

    return lambda name, scope="read": Caller(name, scope)
