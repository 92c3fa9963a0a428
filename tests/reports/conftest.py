import pytest

from jumelage.demo import trip


@pytest.fixture
def visit(world):
    """The seed's 2018 visit, loaded by the demo's own loader onto the test world."""
    sides = {"taichung": world.taichung, "toulouse": world.toulouse}
    trip.load(sides, {"la-cantine": world.host})
    return world
