"""Staff sign in with a password and a TOTP code; first sign-in enrols the authenticator."""

import pytest
from django.utils import timezone

from privacydesk.audit.models import AuditEntry
from tests.factories import UserFactory, totp_code, totp_device_for

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def password_step(client, username, password=PASSWORD):
    return client.post("/en/staff/login/", {"username": username, "password": password, "next": "/en/staff/"})


def test_password_then_code_opens_the_queue(client, reception):
    device = totp_device_for(reception)
    response = password_step(client, reception.username)
    assert response["Location"].startswith("/en/staff/login/code/")
    assert client.get("/en/staff/").status_code == 302  # the password alone opens nothing
    response = client.post("/en/staff/login/code/", {"token": totp_code(device), "next": "/en/staff/"})
    assert response["Location"] == "/en/staff/"
    assert client.get("/en/staff/").status_code == 200
    assert AuditEntry.objects.filter(action="login", username=reception.username).exists()


def test_first_sign_in_enrols_the_authenticator(client, reception):
    response = password_step(client, reception.username)
    assert response["Location"].startswith("/en/staff/login/enrol/")
    page = client.get("/en/staff/login/enrol/").content.decode()
    assert "<svg" in page and "Set up your authenticator app" in page
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=reception, confirmed=False)
    response = client.post("/en/staff/login/enrol/", {"token": totp_code(device)})
    assert response["Location"] == "/en/staff/"
    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_code_is_refused_with_a_clear_message(client, reception):
    totp_device_for(reception)
    password_step(client, reception.username)
    response = client.post("/en/staff/login/code/", {"token": "000000"})
    assert "The code is not correct" in response.content.decode()
    assert client.get("/en/staff/").status_code == 302


def test_repeated_failures_lock_the_account(client, reception, settings):
    totp_device_for(reception)
    for _ in range(settings.LOGIN_MAX_FAILURES):
        password_step(client, reception.username, "wrong-password")
    reception.refresh_from_db()
    assert reception.locked_until > timezone.now()
    response = password_step(client, reception.username)  # even the right password
    assert response.status_code == 200
    assert "locked" in response.content.decode()


def test_a_staff_session_expires_when_idle(client, reception, settings):
    device = totp_device_for(reception)
    password_step(client, reception.username)
    client.post("/en/staff/login/code/", {"token": totp_code(device)})
    client.get("/en/staff/")
    assert client.session.get_expiry_age() == settings.STAFF_IDLE_TIMEOUT_SECONDS


def test_an_account_without_a_desk_role_is_refused(client, organization):
    from tests.conftest import sign_in

    user = UserFactory(role="")
    user.organizations.add(organization)
    sign_in(client, user)
    assert client.get("/en/staff/").status_code == 403


def test_sign_out(staff_client):
    response = staff_client.post("/en/staff/logout/")
    assert response["Location"] == "/en/staff/login/"
    assert staff_client.get("/en/staff/").status_code == 302


def test_the_admin_demands_the_second_factor(client, organization):
    from tests.conftest import sign_in

    admin_user = UserFactory(role="admin", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    assert client.get("/admin/organizations/organization/").status_code == 302  # password alone: no
    client.logout()
    sign_in(client, admin_user)
    page = client.get(f"/admin/organizations/organization/{organization.pk}/change/")
    assert page.status_code == 200 and b"closed" in page.content.lower()
