"""Fixtures the review tests share."""

import pytest

from jumelage.review import services
from tests import factories as f
from tests.review import helpers


@pytest.fixture
def reviewing(world):
    """rita reviews three of Taichung's applications; one more goes to another reviewer."""
    applicants = [f.UserFactory(full_name=f"Founder {n}") for n in range(4)]
    world.applications = [
        helpers.submitted_application(world, world.call_tc, user, f"Team {n}")
        for n, user in enumerate(applicants)
    ]
    helpers.close_call(world.call_tc)
    world.committee = helpers.committee(world)
    world.criterion = helpers.criterion(world.committee)
    world.seat = helpers.seat(world.committee, world.users.rita)
    world.other = helpers.seat(world.committee, f.UserFactory(full_name="Omar Other"))
    services.assign(world.users.tina, world.seat, world.applications[:3])
    services.assign(world.users.tina, world.other, world.applications[:1] + world.applications[3:])
    return world
