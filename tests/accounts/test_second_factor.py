"""Staff and committee members give a second factor (TOTP, or a recovery code once) before
any page but the second factor's own, while OTP_REQUIRED is on."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.accounts import privacy
from tests.accounts.second_factor import code, enrolled, wait_out_throttling
from tests.review import helpers as review_helpers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _required(settings):
    settings.OTP_REQUIRED = True


def log_in(client, world, user):
    return client.post(
        reverse("accounts:login"), {"username": user.email, "password": world.password}
    )


def test_a_manager_without_a_second_factor_is_sent_to_enrol_before_any_page(client, world):
    client.force_login(world.users.tina)
    cycles = reverse("partnerships:detail", args=[world.partnership.slug])
    response = client.get(cycles)
    assert response.status_code == 302
    enrol = reverse("accounts:two_factor_enrol")
    assert response["Location"] == f"{enrol}?{urlencode({'next': cycles})}"
    assert client.get(reverse("accounts:home")).status_code == 302


@pytest.mark.parametrize("name", ["tina", "hana", "olga", "rita"])
def test_every_staff_and_committee_role_owes_a_second_factor(client, world, name):
    review_helpers.seat(review_helpers.committee(world), world.users.rita)
    client.force_login(getattr(world.users, name))
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_enrol"))


def test_applicants_and_the_setting_turned_off_ask_for_nothing(client, world, settings):
    client.force_login(world.users.alice)
    assert client.get(reverse("accounts:home")).status_code == 200
    settings.OTP_REQUIRED = False
    client.force_login(world.users.tina)
    assert client.get(reverse("accounts:home")).status_code == 200


def test_enrolment_shows_a_qr_code_and_the_key_then_the_recovery_codes_once(client, world):
    tina = world.users.tina
    client.force_login(tina)
    enrol = reverse("accounts:two_factor_enrol")
    page = client.get(enrol)
    html = page.content.decode()
    assert page["Cache-Control"] == "no-store"
    assert 'src="data:image/svg+xml' in html
    device = TOTPDevice.objects.get(user=tina, confirmed=False)
    secret = page.context["secret"].replace(" ", "")
    assert secret in html.replace(" ", "")
    # Reloading keeps the key already scanned.
    assert client.get(enrol).context["secret"] == page.context["secret"]

    wrong = client.post(enrol, {"code": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    wait_out_throttling(tina)

    done = client.post(enrol, {"code": code(device), "next": "/en/accounts/privacy/"})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=tina).count() == 10
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(reverse("accounts:home")).status_code == 200
    # Once verified the codes are not shown again: enrolling anew makes new ones.
    assert "recovery-codes" not in client.get(reverse("accounts:home")).content.decode()


def test_a_password_login_goes_on_to_the_code_and_the_code_works_once(client, world):
    tina = world.users.tina
    device, _codes = enrolled(tina)
    response = log_in(client, world, tina)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    assert client.get(reverse("accounts:home")).status_code == 302
    # A device already set up cannot be replaced with the password alone.
    assert client.get(reverse("accounts:two_factor_enrol"))["Location"] == reverse(
        "accounts:two_factor"
    )

    given = code(device)
    answer = client.post(reverse("accounts:two_factor"), {"code": given, "next": "/en/accounts/"})
    assert answer.status_code == 302 and answer["Location"] == "/en/accounts/"
    assert client.get(reverse("accounts:home")).status_code == 200

    client.post(reverse("accounts:logout"))
    log_in(client, world, tina)
    again = client.post(reverse("accounts:two_factor"), {"code": given})
    assert again.status_code == 400
    assert client.get(reverse("accounts:home")).status_code == 302


def test_a_recovery_code_works_once(client, world):
    tina = world.users.tina
    _device, codes = enrolled(tina)
    log_in(client, world, tina)
    answer = client.post(reverse("accounts:two_factor"), {"code": codes[0].upper()})
    assert answer.status_code == 302
    assert answer["Location"] == reverse("accounts:two_factor_enrol")
    home = client.get(reverse("accounts:home"))
    assert "9 recovery codes left" in home.content.decode()
    assert StaticToken.objects.filter(device__user=tina).count() == 9

    client.post(reverse("accounts:logout"))
    log_in(client, world, tina)
    assert client.post(reverse("accounts:two_factor"), {"code": codes[0]}).status_code == 400
    wait_out_throttling(tina)
    assert client.post(reverse("accounts:two_factor"), {"code": codes[1]}).status_code == 302


def test_the_second_factor_starts_a_new_session(client, world):
    tina = world.users.tina
    device, _codes = enrolled(tina)
    log_in(client, world, tina)
    before = client.cookies["sessionid"].value
    client.post(reverse("accounts:two_factor"), {"code": code(device)})
    assert client.cookies["sessionid"].value != before


def test_the_api_is_left_to_its_tokens(client, world):
    client.force_login(world.users.tina)
    response = client.get("/api/v1/openapi.json")
    assert response.status_code != 302


def test_repeated_wrong_codes_are_slowed_down_and_said_so(client, world):
    tina = world.users.tina
    device, _codes = enrolled(tina)
    log_in(client, world, tina)
    first = client.post(reverse("accounts:two_factor"), {"code": "12345678"})
    assert "Too many wrong codes" not in first.content.decode()
    # The next try, at once, waits its turn even with the right code, and is told why.
    answer = client.post(reverse("accounts:two_factor"), {"code": code(device)})
    assert answer.status_code == 400
    assert "Too many wrong codes" in answer.content.decode()
    wait_out_throttling(tina)
    assert client.post(reverse("accounts:two_factor"), {"code": code(device)}).status_code == 302


def test_the_second_factor_is_in_the_data_export_without_secrets_and_goes_with_erasure(world):
    tina = world.users.tina
    device, codes = enrolled(tina)
    exported = privacy.export_personal_data(tina)["second_factor"]
    assert exported["authenticator_app"] is True
    assert exported["recovery_codes_left"] == 10
    assert device.key not in str(exported) and codes[0] not in str(exported)
    privacy.erase(tina)
    assert not TOTPDevice.objects.filter(user=tina).exists()
    assert not StaticToken.objects.filter(device__user=tina).exists()
