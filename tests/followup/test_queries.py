from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from jumelage.followup import queries
from jumelage.followup.enums import Stage
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_theme_offered_again_shows_how_its_earlier_teams_fared(next_cycle):
    past = queries.past_of_theme(next_cycle)
    assert past.teams == 1
    assert past.stages == [
        (Stage.PROOF_OF_CONCEPT, 1),
        (Stage.PROOF_OF_SERVICE, 1),
        (Stage.PROOF_OF_BUSINESS, 0),
    ]
    assert (past.funds, past.jobs) == ({"EUR": Decimal("5000")}, 2)


def test_a_cycle_sees_no_figures_of_its_own_or_later_cycles(world, next_cycle):
    earlier_theme = world.cycle.themes.get(title_en="Smart mobility")
    assert queries.past_of_theme(earlier_theme).teams == 0


def test_the_past_figures_are_read_in_three_queries(django_assert_max_num_queries, next_cycle):
    with django_assert_max_num_queries(3):
        queries.past_by_theme(next_cycle.cycle)


def test_the_include_shows_the_figures_beside_a_decision(next_cycle):
    html = render_to_string("followup/_past.html", {"past": queries.past_of_theme(next_cycle)})
    assert "Proof of service" in html
    assert "5,000" in html


def test_the_include_says_when_no_earlier_team_had_the_theme(world):
    theme = f.ThemeFactory(cycle=world.cycle, proposed_by=world.taichung, title="Space")
    html = render_to_string("followup/_past.html", {"past": queries.past_of_theme(theme)})
    assert "No team of this theme was selected in an earlier cycle." in html
