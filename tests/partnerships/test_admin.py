import pytest
from django.apps import apps
from django.urls import reverse

from tests import factories as f


@pytest.mark.parametrize("name", ["partnership", "side", "cycle", "theme", "budgetline"])
def test_the_operator_lists_adds_and_opens_each_partnership_model_in_the_admin(client, world, name):
    f.BudgetLineFactory(cycle=world.cycle, side=world.taichung)
    world.theme.decisions.create(side=world.toulouse, decision="agree", comment="D'accord")
    client.force_login(world.users.olga)
    first = apps.get_model("partnerships", name).objects.first()
    for address in (
        reverse(f"admin:partnerships_{name}_changelist"),
        reverse(f"admin:partnerships_{name}_add"),
        reverse(f"admin:partnerships_{name}_change", args=[first.pk]),
    ):
        assert client.get(address).status_code == 200


def test_the_theme_admin_shows_the_answers_without_letting_them_be_rewritten(client, world):
    world.theme.decisions.create(side=world.toulouse, decision="agree", comment="D'accord")
    client.force_login(world.users.olga)
    page = client.get(reverse("admin:partnerships_theme_change", args=[world.theme.pk]))
    assert "D&#x27;accord" in page.content.decode()
    assert 'name="decisions-0-comment"' not in page.content.decode()
