"""Project-wide guarantees: migrations, deploy checks, error pages."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    output = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=output)


def test_deploy_check_passes_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "exchange.example.org",
        "DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "jumelage.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "jumelage.settings",
    }
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_health_answers_ok(client, db):
    assert client.get("/healthz").content == b"ok"


def test_unknown_page_is_404_with_the_site_layout(client, db):
    response = client.get("/en/no/such/page/")
    assert response.status_code == 404
    assert b"jumelage" in response.content
