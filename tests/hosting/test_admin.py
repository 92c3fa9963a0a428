import pytest
from django.apps import apps
from django.urls import reverse

from tests import factories as f


@pytest.mark.parametrize("name", ["hostorganisation", "hostingoffer", "supportscheme"])
def test_the_operator_lists_adds_and_opens_each_hosting_model_in_the_admin(client, world, name):
    f.HostingOfferFactory(cycle=world.cycle, organisation=world.host)
    f.SupportSchemeFactory(side=world.taichung)
    client.force_login(world.users.olga)
    first = apps.get_model("hosting", name).objects.first()
    for address in (
        reverse(f"admin:hosting_{name}_changelist"),
        reverse(f"admin:hosting_{name}_add"),
        reverse(f"admin:hosting_{name}_change", args=[first.pk]),
    ):
        assert client.get(address).status_code == 200


def test_the_admin_offer_form_checks_the_services(client, world):
    client.force_login(world.users.olga)
    data = {
        "cycle": world.cycle.pk,
        "organisation": world.host.pk,
        "services": ["spa"],
        "teams": 1,
        "desks": 1,
        "starts_on": "2019-10-01",
        "ends_on": "2019-10-02",
    }
    response = client.post(reverse("admin:hosting_hostingoffer_add"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
