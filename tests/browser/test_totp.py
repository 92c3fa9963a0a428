"""A manager enrols an authenticator app (the test plays the app: it reads the key the page
shows and computes the codes), logs out and back in with a code; a manager without a second
factor is sent to enrol; a recovery code works once. Enforcement is on, as in production."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.accounts.second_factor import enrolled, wait_out_throttling

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _required(settings):
    settings.OTP_REQUIRED = True


def app_code(secret, steps_ahead=0):
    """What an authenticator app shows for this key (the page's groups of four letters)."""
    key = b32decode(secret.replace(" ", ""))
    return f"{totp(key, t0=-steps_ahead * 30):06d}"


def log_in_with_password(page, live_server, user, password):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", password)
    page.locator("main button.primary").click()


def log_out(page):
    page.locator("header form[action$='/logout/'] button").click()
    expect(page.locator("header a[href$='/accounts/login/']")).to_be_visible()


def test_a_manager_enrols_then_logs_in_again_with_a_code(
    page, live_server, world, problems, screenshot
):
    tina = world.users.tina
    log_in_with_password(page, live_server, tina, world.password)
    enrol = f"{live_server.url}/en/accounts/two-factor/enrol/?next=%2Fen%2Faccounts%2F"
    expect(page).to_have_url(enrol)
    qr = page.locator("#totp-qr")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    assert qr.evaluate("image => image.naturalWidth") > 0
    secret = page.locator("#totp-secret").inner_text()
    screenshot("enrol")

    page.fill("#id_code", app_code(secret))
    page.locator("#confirm-enrol").click()
    codes = page.locator("#recovery-codes li")
    expect(codes).to_have_count(10)
    screenshot("recovery-codes")
    page.locator("#continue").click()
    expect(page).to_have_url(f"{live_server.url}/en/accounts/")

    log_out(page)
    log_in_with_password(page, live_server, tina, world.password)
    expect(page.locator("#two-factor-form")).to_be_visible()
    screenshot("code")
    # The code of the enrolment was used once: the app's next one logs in.
    page.fill("#id_code", app_code(secret, steps_ahead=1))
    page.locator("#verify").click()
    expect(page).to_have_url(f"{live_server.url}/en/accounts/")
    page.goto(f"{live_server.url}/en/p/{world.partnership.slug}/")
    expect(page).to_have_url(f"{live_server.url}/en/p/{world.partnership.slug}/")
    assert problems == []


def test_a_manager_without_a_second_factor_is_sent_to_enrol(page, live_server, log_in, world):
    log_in(world.users.theo)
    page.goto(f"{live_server.url}/en/p/{world.partnership.slug}/")
    expect(page.locator("#enrol-form")).to_be_visible()
    assert "/accounts/two-factor/enrol/" in page.url


def test_a_recovery_code_works_once(page, live_server, world):
    tina = world.users.tina
    _device, codes = enrolled(tina)
    log_in_with_password(page, live_server, tina, world.password)
    page.fill("#id_code", codes[0])
    page.locator("#verify").click()
    # In, and asked to set up the app again, the lost phone being the likely reason.
    expect(page.locator("#enrol-form")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("9")

    log_out(page)
    log_in_with_password(page, live_server, tina, world.password)
    page.fill("#id_code", codes[0])
    page.locator("#verify").click()
    expect(page.locator("#field-code.has-error")).to_be_visible()
    assert "/accounts/two-factor/" in page.url
    # The refusal is counted: the next try waits out django-otp's throttle.
    wait_out_throttling(tina)
    page.fill("#id_code", codes[1])
    page.locator("#verify").click()
    expect(page.locator("#enrol-form")).to_be_visible()
