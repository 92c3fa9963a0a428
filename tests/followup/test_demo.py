import pytest
from django.db import transaction
from django.test.utils import override_settings

from jumelage.demo import followup, loader
from jumelage.exchange.queries import selected_teams
from jumelage.followup.models import Event, Milestone, Outcome
from jumelage.followup.queries import path_of
from jumelage.partnerships.models import Cycle

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


def test_every_selected_team_of_the_finished_cycle_has_milestones_and_outcomes():
    teams = list(selected_teams(_finished_cycle()))
    assert len(teams) == 4
    assert all(Outcome.objects.filter(application=team).exists() for team in teams)
    assert Milestone.objects.filter(application__in=teams).count() == 3 + 2 + 1 + 2


def test_every_demo_path_is_walked_in_order_without_gaps():
    for team in selected_teams(_finished_cycle()):
        reached = [milestone is not None for _stage, milestone in path_of(team)]
        assert reached == sorted(reached, reverse=True)


def test_the_current_cycle_has_no_follow_up_yet():
    finished = _finished_cycle()
    assert not Milestone.objects.exclude(application__call__cycle=finished).exists()


def test_loading_the_follow_up_again_changes_nothing():
    before = (Milestone.objects.count(), Outcome.objects.count(), Event.objects.count())
    followup.load()
    assert (Milestone.objects.count(), Outcome.objects.count(), Event.objects.count()) == before
