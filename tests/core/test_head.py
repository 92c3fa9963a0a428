"""Uptime monitors and link checkers ask with HEAD: every page that answers GET answers
HEAD too, with the same status and no body."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        lambda w: reverse("core:home"),
        lambda w: reverse("calls:detail", args=[w.call_tc.slug]),
        lambda w: reverse("hosting:organisations", args=[w.partnership.slug]),
        lambda w: reverse("partnerships:cycle", args=[w.partnership.slug, w.cycle.slug]),
    ],
    ids=["home", "call", "hosting", "cycle"],
)
def test_a_public_page_answers_head_like_get(client, world, address):
    url = address(world)
    head = client.head(url)
    assert head.status_code == client.get(url).status_code == 200
    assert head.content == b""
