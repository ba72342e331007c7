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


# --- the session key changes at each step up (a key planted before sign-in never becomes a signed-in one)


def session_key(client) -> str:
    return client.cookies["sessionid"].value


def test_the_session_key_changes_when_the_password_and_again_when_the_code_is_accepted(client, reception):
    from django.contrib.sessions.backends.db import SessionStore

    device = totp_device_for(reception)
    planted = client.session.session_key  # an anonymous session, as an attacker could plant one
    password_step(client, reception.username)
    after_password = session_key(client)
    client.post("/en/staff/login/code/", {"token": totp_code(device)})
    after_code = session_key(client)
    assert len({planted, after_password, after_code}) == 3
    assert not SessionStore().exists(planted) and not SessionStore().exists(after_password)
    assert client.get("/en/staff/").status_code == 200


def test_the_session_key_changes_when_the_same_person_enters_the_password_again(client, reception):
    totp_device_for(reception)
    password_step(client, reception.username)
    first = session_key(client)
    password_step(client, reception.username)
    assert session_key(client) != first


def test_the_session_key_changes_when_the_enrolment_is_finished(client, reception):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    password_step(client, reception.username)
    client.get("/en/staff/login/enrol/")
    before = session_key(client)
    client.post("/en/staff/login/enrol/", {"token": totp_code(TOTPDevice.objects.get(user=reception))})
    assert session_key(client) != before
    assert client.get("/en/staff/").status_code == 200


def test_the_page_asked_for_survives_the_code_step_whole(client, reception):
    from urllib.parse import parse_qs, urlsplit

    from django.utils.encoding import iri_to_uri

    device = totp_device_for(reception)
    wanted = "/en/staff/?status=all&q=山田 太郎"
    response = client.post("/en/staff/login/", {"username": reception.username, "password": PASSWORD, "next": wanted})
    location = urlsplit(response["Location"])
    assert location.path == "/en/staff/login/code/" and parse_qs(location.query) == {"next": [wanted]}
    page = client.get(response["Location"]).content.decode()
    assert 'name="next" value="/en/staff/?status=all&amp;q=山田 太郎"' in page
    response = client.post(response["Location"], {"token": totp_code(device), "next": wanted})
    assert response["Location"] == iri_to_uri(wanted)


# --- the Django admin signs in through the staff sign-in


def admin_user():
    return UserFactory(username="kanri", role="admin", is_staff=True, is_superuser=True)


def test_the_admin_sign_in_page_sends_to_the_staff_sign_in_with_the_page_asked_for(client):
    from urllib.parse import parse_qs, urlsplit

    response = client.get("/admin/login/", {"next": "/admin/organizations/organization/"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/en/staff/login/"
    assert parse_qs(location.query) == {"next": ["/admin/organizations/organization/"]}
    assert client.get("/admin/").url.startswith("/admin/login/")  # the admin's own redirect lands there too
    assert urlsplit(client.get("/admin/login/", {"next": "https://evil.example/"})["Location"]).query == (
        "next=%2Fadmin%2F"
    )


def test_the_admin_sign_in_page_checks_no_password(client):
    """It answered whether a password was right, with no lockout and no audit row: now it checks nothing."""
    user = admin_user()
    totp_device_for(user)
    answers = [
        client.post("/admin/login/", {"username": user.username, "password": password, "next": "/admin/"})
        for password in (PASSWORD, "wrong-password")
    ]
    assert [a.status_code for a in answers] == [302, 302] and answers[0]["Location"] == answers[1]["Location"]
    assert "_auth_user_id" not in client.session


def test_an_administrator_reaches_the_admin_through_the_password_the_code_and_the_audit(client):
    user = admin_user()
    device = totp_device_for(user)
    target = client.get("/admin/login/", {"next": "/admin/"}, HTTP_ACCEPT_LANGUAGE="en")["Location"]
    response = client.post(target, {"username": user.username, "password": PASSWORD, "next": "/admin/"})
    assert client.get("/admin/").status_code == 302  # the password alone opens nothing
    response = client.post(response["Location"], {"token": totp_code(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(action="login", username=user.username).exists()


def test_a_locked_administrator_cannot_get_round_the_lock_through_the_admin_sign_in_page(client, settings):
    user = admin_user()
    device = totp_device_for(user)
    for _ in range(settings.LOGIN_MAX_FAILURES):
        password_step(client, user.username, "wrong-password")
    user.refresh_from_db()
    assert user.locked_until > timezone.now()
    client.post(
        "/admin/login/",
        {
            "username": user.username,
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": totp_code(device),
            "next": "/admin/",
        },
    )
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/organizations/organization/").status_code == 302


def test_a_signed_in_person_without_the_admin_is_refused_not_sent_round_in_a_circle(client, reception):
    from tests.conftest import sign_in

    totp_device_for(reception)
    client.force_login(reception)
    response = client.get("/admin/login/", {"next": "/admin/"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"].startswith("/en/staff/login/code/")
    sign_in(client, reception)
    assert client.get("/admin/login/", {"next": "/admin/"}).status_code == 403
