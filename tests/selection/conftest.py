import pytest

from tests.selection.factories import reviewed


@pytest.fixture
def w(world):
    """Each side's call with seven submitted applications, ranked by its committee."""
    return reviewed(world)
