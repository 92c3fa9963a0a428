"""Answering or withdrawing a theme locks the theme only: the cycle, its partnership and the
proposing side stay free for the other steps of the programme."""

import pytest
from django.db import DatabaseError, transaction

from jumelage.partnerships.models import Cycle, Partnership, Side, Theme
from jumelage.partnerships.services import decide_theme, withdraw_theme
from tests import factories as f
from tests.concurrency import lock_at_once, postgresql_only, run_together

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), postgresql_only]


@pytest.fixture
def proposal(world):
    return f.ThemeFactory(
        cycle=world.cycle, proposed_by=world.taichung, title="Smart city", state="proposed"
    )


def test_answering_a_theme_locks_the_theme_only(world, proposal):
    with transaction.atomic():
        decide_theme(world.users.theo, proposal.pk, world.toulouse, "agree")
        others = run_together(
            lock_at_once(Cycle, world.cycle.pk),
            lock_at_once(Partnership, world.cycle.partnership_id),
        )
        (theme,) = run_together(lock_at_once(Theme, proposal.pk))
    assert [outcome.get("error") for outcome in others] == [None, None]
    assert isinstance(theme.get("error"), DatabaseError)


def test_withdrawing_a_theme_leaves_the_proposing_side_free(world, proposal):
    with transaction.atomic():
        withdraw_theme(world.users.tina, proposal.pk)
        (outcome,) = run_together(lock_at_once(Side, world.taichung.pk))
    assert "error" not in outcome, outcome.get("error")
