"""The browser is told to run only the site's own scripts and styles (CSP without inline
code), production settings keep cookies on HTTPS and turn HSTS and the second factor on,
and no template carries inline script, event handler or style attribute."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

import jumelage

TEMPLATES = Path(jumelage.__file__).parent / "templates"
# A standalone report is a file people download and open from their disk, not a page.
DOWNLOADED = {"reports/standalone.html"}

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def _pages():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name not in DOWNLOADED:
            yield name, path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("what", "pattern"),
    [
        ("inline <script>", INLINE_SCRIPT),
        ("on…= event handler", EVENT_HANDLER),
        ("style attribute", STYLE_ATTRIBUTE),
        ("javascript: address", JAVASCRIPT_URL),
    ],
)
def test_no_template_has_inline_code(what, pattern):
    found = [name for name, text in _pages() if pattern.search(text)]
    assert found == [], f"{what} in {found}: move it into static/jumelage/js or css"


def test_the_scan_sees_inline_code():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/a.js" defer></script>')
    assert EVENT_HANDLER.search('<button type="button" onclick="go()">')
    assert STYLE_ATTRIBUTE.search('<p class="x" style="color: red">')
    assert JAVASCRIPT_URL.search('<a href="javascript:void(0)">')


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["core:home", "accounts:login"])
def test_pages_carry_a_csp_without_inline_code(client, url):
    response = client.get(reverse(url))
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_production_settings_secure_cookies_hsts_and_the_second_factor(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "p" * 10 + "a-production-secret-key-for-the-settings-test-0123456789",
        "ALLOWED_HOSTS": "exchange.example.org",
        "DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "jumelage.settings",
    }
    for name in ("OTP_REQUIRED", "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT"):
        env.pop(name, None)
    names = [
        "OTP_REQUIRED",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    ]
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    production = json.loads(result.stdout.strip().splitlines()[-1])
    assert production == {
        "OTP_REQUIRED": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    }
