import pytest

from tests.matchmaking.factories import session_world


@pytest.fixture
def mm(world):
    return session_world(world)
