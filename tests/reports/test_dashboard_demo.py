"""The demo as the dashboards see it: its finished cycle nominated five teams a side, each
partner picked two, and the four picked teams have walked part of the path and have
outcomes; the funnel is checked against those numbers."""

import pytest

from jumelage.calls.enums import ApplicationState
from jumelage.demo import followup
from jumelage.demo.teams import teams_for
from jumelage.exchange.queries import selected_teams
from jumelage.followup.models import Event, Milestone, Outcome
from jumelage.followup.queries import path_of
from jumelage.partnerships.models import Cycle
from jumelage.reports.funnel import funnel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]


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
    assert (steps["travelled"], steps["milestones"], steps["outcomes"]) == (4, 4, 4)


def test_the_current_and_the_reviewing_cycles_have_applications_and_no_selection_yet():
    others = Cycle.objects.exclude(pk=_finished_cycle().pk)
    assert others.count() == 2
    for cycle in others:
        steps = {key: count for key, _label, count in funnel(cycle)}
        assert steps["applications"] > 0
        assert steps["picked"] == steps["milestones"] == steps["outcomes"] == 0


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
