"""The API's interactive documentation works in a browser under the production CSP, with
every file from this server: no CDN, no validator badge from another host."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_api_docs_render_every_operation_from_this_server(
    page, live_server, problems, screenshot
):
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(live_server.url) or request.url.startswith("data:")
            else elsewhere.append(request.url)
        ),
    )
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path")
    screenshot("docs")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/partnerships" in paths and "/api/v1/themes" in paths
    assert page.locator("button.authorize").count() == 1
    assert elsewhere == []
    assert problems == []
