"""The API's front door: its schema and docs, its tokens, its rate limit."""

import datetime as dt
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from jumelage.api.models import ApiToken, Scope
from jumelage.api.services import authenticate, create_token, revoke_token


def test_the_schema_is_openapi_3_at_a_stable_url(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "1"
    assert "/api/v1/partnerships" in schema["paths"]


def test_the_docs_load_nothing_from_another_host(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert addresses and all(address.startswith("/static/") for address in addresses)
    assert "http" not in html
    for address in addresses:
        assert finders.find(address.removeprefix("/static/")), address


def test_the_api_is_not_behind_a_language_prefix(client, db):
    assert client.get("/fr/api/v1/openapi.json").status_code == 404


def test_no_token_is_401_with_a_message(api, world):
    response = api(None).get("/partnerships")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Bearer nonsense", "not a jumelage API token"),
        ("Bearer jmlg_000000000000_abc", "unknown"),
    ],
)
def test_a_wrong_token_is_401(client, world, header, message):
    response = client.get("/api/v1/partnerships", headers={"Authorization": header})
    assert response.status_code == 401
    assert message in response.json()["detail"]


def test_a_token_with_a_wrong_secret_is_unknown(client, world, token_of):
    secret = token_of("tina")
    forged = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")
    response = client.get("/api/v1/partnerships", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401


def test_an_expired_token_is_401_and_says_so(client, world):
    token, secret = create_token(world.users.tina, name="old", scope=Scope.READ, days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    response = client.get("/api/v1/partnerships", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_revoked_token_is_401_and_says_so(client, world):
    token, secret = create_token(world.users.tina, name="crm", scope=Scope.READ, days=10)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/partnerships", headers=headers).status_code == 200
    revoke_token(world.users.tina, token.pk)
    response = client.get("/api/v1/partnerships", headers=headers)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_only_a_hash_is_stored_and_the_last_use_is_noted(world):
    token, secret = create_token(world.users.tina, name="crm", scope=Scope.READ, days=10)
    assert secret.split("_", 2)[2] not in token.secret_hash
    assert token.last_used_at is None
    assert authenticate(secret).pk == token.pk
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_no_one_revokes_another_persons_token(world):
    token, _secret = create_token(world.users.tina, name="crm", scope=Scope.READ, days=10)
    with pytest.raises(PermissionDenied):
        revoke_token(world.users.theo, token.pk)


def test_the_rate_limit_answers_429_with_retry_after(api, world, settings):
    settings.API_RATE_LIMIT = (3, 60)
    tina = api("tina")
    assert [tina.get("/cycles").status_code for _ in range(3)] == [200, 200, 200]
    response = tina.get("/cycles")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Too many requests" in response.json()["detail"]
    # Each token has its own budget.
    assert api("tina").get("/cycles").status_code == 200


def test_the_token_page_creates_shows_once_and_revokes(client, world):
    client.force_login(world.users.tina)
    page = client.get(reverse("api:tokens"))
    assert page.status_code == 200
    response = client.post(reverse("api:create"), {"name": "CRM", "scope": "write", "days": 30})
    assert response.status_code == 302  # reloading the page it leads to creates nothing
    shown = client.get(response["Location"])
    assert shown["Cache-Control"] == "no-store"
    secret = re.search(r'<code id="new-token">([^<]+)</code>', shown.content.decode())[1]
    token = ApiToken.objects.get(user=world.users.tina)
    assert token.scope == Scope.WRITE and authenticate(secret).pk == token.pk
    assert secret not in client.get(reverse("api:tokens")).content.decode()
    response = client.post(reverse("api:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_token_page_refuses_a_bad_form_with_a_message(client, world):
    client.force_login(world.users.tina)
    response = client.post(reverse("api:create"), {"name": "", "scope": "all", "days": 0})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_the_token_page_is_for_signed_in_people(client, world):
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_revoking_someone_elses_token_is_refused(client, world):
    token, _secret = create_token(world.users.tina, name="crm", scope=Scope.READ, days=10)
    client.force_login(world.users.theo)
    assert client.post(reverse("api:revoke", args=[token.pk])).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_my_space_links_to_the_tokens(client, world):
    client.force_login(world.users.alice)
    assert reverse("api:tokens") in client.get(reverse("accounts:home")).content.decode()


def test_a_bad_number_of_days_says_the_range(client, world):
    client.force_login(world.users.tina)
    response = client.post(reverse("api:create"), {"name": "CRM", "scope": "read", "days": 0})
    assert "Give a number of days from 1 to 366." in response.content.decode()


def test_revoking_a_token_asks_first_and_names_it(client, world):
    client.force_login(world.users.tina)
    client.post(reverse("api:create"), {"name": "CRM sync", "scope": "read", "days": 30})
    page = client.get(reverse("api:tokens")).content.decode()
    assert 'data-confirm="Revoke the token “CRM sync”?' in page
