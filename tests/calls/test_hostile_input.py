"""What the hostile probe found in the calls: a body nested too deep for the parser, markup
in a manager's help text, and uploads reachable by their address alone."""

import importlib

import pytest
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve, reverse

from jumelage.calls import services
from tests import factories as f


@pytest.fixture
def tina(client, world):
    client.force_login(world.users.tina)
    return client


def reorder_url(call):
    return reverse("calls:builder_reorder", kwargs={"slug": call.slug})


def test_a_deeply_nested_order_is_refused_with_400(tina, world):
    body = '{"order": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = tina.post(reorder_url(world.call_tc), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"error": "The order could not be read."}


def test_an_oversized_order_is_refused_with_400(tina, world):
    body = '{"order": [' + ",".join(["1"] * 50_000) + "]}"
    response = tina.post(reorder_url(world.call_tc), body, content_type="application/json")
    assert response.status_code == 400


def test_a_readable_order_is_still_saved(tina, world):
    first = f.QuestionFactory(call=world.call_tc, key="first")
    second = f.QuestionFactory(call=world.call_tc, key="second")
    body = {"order": [second.pk, first.pk]}
    response = tina.post(reorder_url(world.call_tc), body, content_type="application/json")
    assert response.status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.order < first.order


def test_help_text_keeps_emphasis_and_links_but_nothing_that_runs(client, world):
    f.QuestionFactory(
        call=world.call_tc,
        key="pitch",
        help_text=(
            '<strong>Two lines</strong> <script>alert("x")</script>'
            '<a href="https://example.org/guide" onclick="steal()">the guide</a>'
            '<a href="javascript:steal()">trap</a><img src="https://example.org/x.png">'
        ),
    )
    application = services.start_application(world.users.alice, world.call_tc, "en")
    client.force_login(world.users.alice)
    page = client.get(reverse("calls:application", kwargs={"pk": application.pk}))
    html = page.content.decode()
    assert "<strong>Two lines</strong>" in html
    assert 'href="https://example.org/guide"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    for leaked in ("<script>alert", "onclick", "javascript:", "<img"):
        assert leaked not in html


def test_an_uploaded_file_has_no_address_of_its_own_even_in_debug():
    with override_settings(DEBUG=True):
        clear_url_caches()
        urls = importlib.reload(importlib.import_module("jumelage.urls"))
        try:
            with pytest.raises(Resolver404):
                resolve("/media/applications/1/pitch-deck.pdf", urlconf=urls)
        finally:
            clear_url_caches()


def test_every_page_names_a_favicon_that_is_served(client, world):
    from django.contrib.staticfiles import finders

    html = client.get(reverse("calls:detail", kwargs={"slug": world.call_tc.slug})).content
    assert b'rel="icon"' in html
    assert finders.find("jumelage/favicon.svg")
