import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "name",
    [
        "admin:accounts_user_changelist",
        "admin:accounts_user_add",
        "admin:accounts_membership_changelist",
        "admin:calls_call_changelist",
        "admin:calls_question_changelist",
        "admin:calls_application_changelist",
    ],
)
def test_operator_admin_pages_open(client, rich_world, name):
    client.force_login(rich_world.users.olga)
    assert client.get(reverse(name)).status_code == 200


def test_operator_sees_an_application_with_its_history_but_cannot_change_it(client, rich_world):
    client.force_login(rich_world.users.olga)
    url = reverse("admin:calls_application_change", args=[rich_world.application.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"submitted" in response.content
    assert client.post(url, {"state": "draft"}).status_code == 403


def test_operator_gives_a_manager_role_through_a_membership(client, rich_world):
    client.force_login(rich_world.users.olga)
    url = reverse("admin:accounts_user_change", args=[rich_world.users.tina.pk])
    assert b"Programme manager" in client.get(url).content
