import pytest
from django.apps import apps
from django.urls import reverse

from tests.selection.factories import finish, reviewed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["nomination", "pick", "place", "event"])
def test_the_operator_reads_the_selection_in_the_admin_but_cannot_change_it(client, world, name):
    finish(reviewed(world))
    client.force_login(world.users.olga)
    first = apps.get_model("selection", name).objects.first()
    assert client.get(reverse(f"admin:selection_{name}_changelist")).status_code == 200
    page = client.get(reverse(f"admin:selection_{name}_change", args=[first.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get(reverse(f"admin:selection_{name}_add")).status_code == 403
    assert (
        client.post(reverse(f"admin:selection_{name}_delete", args=[first.pk])).status_code == 403
    )
