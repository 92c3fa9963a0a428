import pytest
from django.urls import reverse

from jumelage.demo.selection import run_selection
from jumelage.notifications.models import OutboxMessage, OutboxState
from jumelage.selection.enums import Action
from jumelage.selection.models import Event
from tests.selection.factories import reviewed

pytestmark = pytest.mark.django_db


def test_the_demo_selection_announces_four_teams(client, world, django_capture_on_commit_callbacks):
    reviewed(world)
    with django_capture_on_commit_callbacks(execute=True):
        run_selection(world.cycle)
    kwargs = {"partnership_slug": world.partnership.slug, "cycle_slug": world.cycle.slug}
    content = client.get(reverse("selection:results", kwargs=kwargs)).content.decode()
    assert content.count('class="selected-team"') == 4
    for slug in ("taichung", "toulouse"):
        assert all(a.team_name in content for a in world.ranked[slug][:2])
    decisions = OutboxMessage.objects.filter(template_key__startswith="decision-")
    assert decisions.count() == 14
    assert set(decisions.values_list("state", flat=True)) == {OutboxState.SENT}


def test_running_the_demo_selection_twice_changes_nothing(
    world, django_capture_on_commit_callbacks
):
    reviewed(world)
    with django_capture_on_commit_callbacks(execute=True):
        run_selection(world.cycle)
    before = (Event.objects.count(), OutboxMessage.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        run_selection(world.cycle)
    assert (Event.objects.count(), OutboxMessage.objects.count()) == before
    assert Event.objects.filter(action=Action.DECISIONS_DRAFTED).count() == 2
