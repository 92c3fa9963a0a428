"""The funnel against the demo's own numbers: its finished cycle nominated five teams a
side, each partner picked two, and the four picked teams have milestones and outcomes."""

import pytest
from django.db import transaction
from django.test.utils import override_settings

from jumelage.calls.enums import ApplicationState
from jumelage.demo import loader
from jumelage.demo.teams import teams_for
from jumelage.partnerships.models import Cycle
from jumelage.reports.funnel import funnel

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module and rolled back after it: loading takes seconds."""
    fast = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with fast, django_db_blocker.unblock(), transaction.atomic():
        loader.load()
        yield
        transaction.set_rollback(True)


def _finished_cycle():
    return Cycle.objects.filter(calls__applications__place__isnull=False).distinct().get()


def _sent_teams(side_slug, cycle):
    opens = cycle.calls.get(side__slug=side_slug).opens_at.date()
    return [team for team in teams_for(side_slug, opens) if team.state != ApplicationState.DRAFT]


def test_the_finished_cycles_funnel_matches_the_demo_counted_by_hand():
    cycle = _finished_cycle()
    steps = {key: count for key, _label, count in funnel(cycle)}
    received = sum(len(_sent_teams(side.slug, cycle)) for side in cycle.partnership.sides.all())
    assert steps["applications"] == received
    assert (steps["nominated"], steps["picked"]) == (5 + 5, 2 + 2)
    assert (steps["travelled"], steps["milestones"], steps["outcomes"]) == (0, 4, 4)


def test_the_current_cycle_has_applications_and_no_selection_yet():
    current = Cycle.objects.exclude(pk=_finished_cycle().pk).get()
    steps = {key: count for key, _label, count in funnel(current)}
    assert steps["applications"] > 0
    assert steps["picked"] == steps["milestones"] == steps["outcomes"] == 0
