"""Beside each new decision, the past: the nomination, pick and themes pages of the next
cycle show how the earlier cycles' teams of each theme fared."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories as f
from tests.exchange.factories import selected_team

pytestmark = pytest.mark.django_db


def pages(cycle):
    kwargs = {"partnership_slug": cycle.partnership.slug, "cycle_slug": cycle.slug}
    return [
        reverse("selection:nominate", kwargs={**kwargs, "side_slug": "taichung"}),
        reverse("selection:pick", kwargs={**kwargs, "side_slug": "toulouse"}),
        reverse("partnerships:themes", kwargs=kwargs),
    ]


def past_section(html: str) -> str:
    return html.split('id="past-outcomes"')[1].split("</section>")[0]


@pytest.mark.parametrize("page", range(3))
def test_the_decision_pages_show_the_theme_s_earlier_teams(client, world, next_cycle, page):
    client.force_login(world.users.tina)
    html = client.get(pages(next_cycle.cycle)[page]).content.decode()
    section = past_section(html)
    row = section.split("Smart mobility")[1].split("</tr>")[0]
    cells = [cell.split(">", 1)[1].split("<")[0] for cell in row.split("<td")[1:]]
    assert cells[:4] == ["1", "1", "1", "0"]  # one team; proof of concept and of service
    assert "5,000 EUR" in row and cells[-2] == "2"  # funds raised, jobs created


def test_the_figures_are_in_the_reader_s_language(client, world, next_cycle):
    client.force_login(world.users.tina)
    with translation.override("fr"):
        url = pages(next_cycle.cycle)[2]
    assert "Preuve de service" in past_section(client.get(url).content.decode())


def test_a_cycle_without_earlier_teams_says_so(client, world):
    client.force_login(world.users.tina)
    section = past_section(client.get(pages(world.cycle)[2]).content.decode())
    assert "No team of these themes was selected in an earlier cycle." in section
    assert 'id="past-cycles"' not in section


def test_the_panel_names_the_cycles_it_counts_even_without_a_team_of_these_themes(
    client, world, next_cycle
):
    f.ThemeFactory(cycle=next_cycle.cycle, proposed_by=world.taichung, title="Space")
    next_cycle.delete()
    client.force_login(world.users.tina)
    section = past_section(client.get(pages(next_cycle.cycle)[2]).content.decode())
    assert "No team of these themes was selected in an earlier cycle." in section
    assert f"the teams selected in the {world.cycle.name} cycle." in section


def test_an_earlier_edition_entered_later_still_counts_as_earlier(client, world, next_cycle):
    """By the timeline: the 2018 edition, entered after 2020, is earlier than 2020."""
    start = world.cycle.stages.order_by("starts_on").first().starts_on
    older = f.cycle_factory(world.partnership, slug="2018", start=start - dt.timedelta(days=366))
    theme = f.ThemeFactory(cycle=older, proposed_by=world.taichung, title="Smart mobility")
    selected_team(world, theme=theme, call=f.CallFactory(cycle=older, side=world.taichung))
    client.force_login(world.users.tina)
    section = past_section(client.get(pages(next_cycle.cycle)[2]).content.decode())
    assert f"the teams selected in the 2018, {world.cycle.name} cycles." in section
    row = section.split("Smart mobility")[1].split("</tr>")[0]
    assert row.split("<td")[1].split(">", 1)[1].startswith("2<")  # 2018's team and 2019's
    older_section = past_section(client.get(pages(older)[2]).content.decode())
    assert "No team of these themes was selected in an earlier cycle." in older_section


def test_the_themes_page_shows_the_figures_in_its_body_not_its_title(client, world, next_cycle):
    client.force_login(world.users.tina)
    html = client.get(pages(next_cycle.cycle)[2]).content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert "past-outcomes" not in title and 'id="past-outcomes"' in html.split("<main")[1]


def test_the_public_does_not_see_the_programme_s_figures(client, world, next_cycle):
    html = client.get(pages(next_cycle.cycle)[2]).content.decode()
    assert 'id="past-outcomes"' not in html
