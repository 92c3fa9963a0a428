"""schemathesis over every operation of the schema, with a manager's token and with none:
no server error, no answer that breaks the schema."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from jumelage.wsgi import application

MAX_EXAMPLES = 25
# The two promises (no 5xx, no answer outside the schema) and the auth one. Left out:
# positive-data acceptance, since a schema-valid string is not a cursor the API gave (400).
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.ignored_auth,
]


@pytest.fixture
def schema(db, settings):
    # Every example reaches its operation, not the rate limit.
    settings.API_RATE_LIMIT = (100_000, 60)
    # As Django's test client does: the test's transaction holds the connection, which the
    # end of each request would otherwise close.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _run(schema, headers):
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as error:
            failures.append(f"{operation.label}: {error}")
    return failures


def test_every_operation_with_a_managers_token(schema, rich_world, token_of):
    headers = {"Authorization": f"Bearer {token_of('tina', 'write')}"}
    assert _run(schema, headers) == []


def test_every_operation_without_a_token(schema, rich_world):
    assert _run(schema, {}) == []
