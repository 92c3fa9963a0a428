"""Two people validating the same milestone at once make one milestone; the second is told
it exists. Row locks need PostgreSQL."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError

from jumelage.followup import services
from jumelage.followup.enums import Stage
from jumelage.followup.models import Milestone
from tests.concurrency import postgresql_only, run_together

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), postgresql_only]


def test_a_milestone_validated_twice_at_once_is_made_once(world, team):
    barrier = threading.Barrier(2)

    def validate(actor):
        def work():
            barrier.wait(timeout=10)
            return services.validate_milestone(
                actor, team, Stage.PROOF_OF_CONCEPT, reached_on=dt.date(2020, 1, 1), evidence="x"
            )

        return work

    outcomes = run_together(validate(world.users.tina), validate(world.users.hana))
    errors = [outcome["error"] for outcome in outcomes if "error" in outcome]
    assert len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert "already validated" in errors[0].messages[0]
    assert Milestone.objects.filter(application=team).count() == 1
