"""Password, then TOTP: nobody sees anything behind the login without both factors."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import current_code
from tests.factories import PASSWORD, TOTPDeviceFactory, UserFactory
from zicht.privacy.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = "/account/inloggen/"


def log_in(client: Client, username: str, password: str = PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_page_is_dutch_by_default(client: Client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    assert "Inloggen bij Zicht" in response.content.decode()


def test_anonymous_visitor_is_sent_to_the_login_page(client: Client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_wrong_password_gets_a_clear_dutch_message_and_no_session(client: Client):
    UserFactory(username="sanne")
    response = log_in(client, "sanne", "wrong-password")
    assert response.status_code == 200
    assert "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_password(client: Client):
    UserFactory(username="sanne")
    for _attempt in range(5):
        log_in(client, "sanne", "guess")
    response = log_in(client, "sanne")
    assert response.status_code == 429
    assert "Inloggen is even geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_alone_leads_to_the_second_factor_not_the_home_page(client: Client):
    user = UserFactory(username="sanne")
    TOTPDeviceFactory(user=user)
    log_in(client, "sanne")
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))


def test_user_without_authenticator_must_enrol_one_first(client: Client):
    UserFactory(username="sanne")
    log_in(client, "sanne")
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:mfa_setup"))
    assert "Tweede inlogstap instellen" in response.content.decode()


def test_enrolment_with_the_right_code_confirms_the_device_and_opens_the_home_page(client: Client):
    user = UserFactory(username="sanne")
    log_in(client, "sanne")
    client.get(reverse("accounts:mfa_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:mfa_setup"), {"token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(actor=user, reason="second factor enrolled").exists()


def test_enrolment_with_a_wrong_code_explains_and_keeps_the_device_unconfirmed(client: Client):
    user = UserFactory(username="sanne")
    log_in(client, "sanne")
    client.get(reverse("accounts:mfa_setup"))
    response = client.post(reverse("accounts:mfa_setup"), {"token": "000000"})
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_right_code_opens_the_home_page_and_is_audited(client: Client):
    user = UserFactory(username="sanne")
    device = TOTPDeviceFactory(user=user)
    log_in(client, "sanne")
    response = client.post(reverse("accounts:mfa_verify"), {"token": current_code(device)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    event = AuditEvent.objects.get(actor=user, action=AuditAction.LOGIN)
    assert event.via == "web"
    assert event.ip_address == "127.0.0.1"


def test_a_totp_code_works_only_once(client: Client):
    user = UserFactory(username="sanne")
    device = TOTPDeviceFactory(user=user)
    code = current_code(device)
    log_in(client, "sanne")
    client.post(reverse("accounts:mfa_verify"), {"token": code})
    other = Client()
    log_in(other, "sanne")
    response = other.post(reverse("accounts:mfa_verify"), {"token": code})
    assert "Deze code klopt niet of is al gebruikt" in response.content.decode()
    assert other.get("/").status_code == 302


@pytest.mark.parametrize("token", ["12345", "abcdef", "1234567", ""])
def test_malformed_codes_get_a_message_next_to_the_field(client: Client, token: str):
    user = UserFactory(username="sanne")
    TOTPDeviceFactory(user=user)
    log_in(client, "sanne")
    response = client.post(reverse("accounts:mfa_verify"), {"token": token})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert client.get("/").status_code == 302


def test_wrong_codes_are_throttled(client: Client):
    user = UserFactory(username="sanne")
    device = TOTPDeviceFactory(user=user)
    log_in(client, "sanne")
    for _attempt in range(3):
        client.post(reverse("accounts:mfa_verify"), {"token": "000000"})
    response = client.post(reverse("accounts:mfa_verify"), {"token": current_code(device)})
    assert "Te veel foute codes" in response.content.decode()
    failures = AuditEvent.objects.filter(actor=user, action=AuditAction.LOGIN_FAILED).count()
    assert failures == 4


def test_next_parameter_pointing_elsewhere_is_ignored(client: Client):
    user = UserFactory(username="sanne")
    device = TOTPDeviceFactory(user=user)
    log_in(client, "sanne")
    response = client.post(
        reverse("accounts:mfa_verify") + "?next=https://evil.example/",
        {"token": current_code(device)},
    )
    assert response["Location"] == "/"


def test_logout_ends_the_session(client: Client):
    user = UserFactory(username="sanne")
    device = TOTPDeviceFactory(user=user)
    log_in(client, "sanne")
    client.post(reverse("accounts:mfa_verify"), {"token": current_code(device)})
    client.post(reverse("accounts:logout"))
    assert client.get("/").status_code == 302


def test_english_can_be_chosen(client: Client):
    client.post("/i18n/taal/", {"language": "en", "next": LOGIN})
    response = client.get(LOGIN)
    assert '<html lang="en">' in response.content.decode()
    assert "Log in to Zicht" in response.content.decode()
