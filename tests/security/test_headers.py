"""Security headers on public and staff pages, and the HTTPS settings of production."""

import importlib
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

STRICT_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}


def csp_directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    parts = [part.strip().split(None, 1) for part in header.split(";") if part.strip()]
    return {name: value for name, value in parts}


def assert_secure_headers(response):
    assert csp_directives(response) == STRICT_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
    assert "interest-cohort" not in policy  # no longer a feature: browsers would log an error


def public_pages(organization):
    slug = organization.slug
    return [
        "/ja/",
        f"/ja/{slug}/",
        f"/en/{slug}/request/",
        f"/ja/{slug}/inquiry/",
        f"/ja/{slug}/complaint/",
        f"/en/{slug}/track/",
        f"/ja/{slug}/track/2611-AAAA-BBBB/{'0' * 32}/",  # a 404 carries the headers too
    ]


def test_public_pages_carry_the_strict_policy_and_headers(client, organization):
    for path in public_pages(organization):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert_secure_headers(response)


def test_staff_pages_and_the_sign_in_page_carry_them_too(client, reception):
    assert_secure_headers(client.get("/ja/staff/login/"))
    sign_in(client, reception)
    for path in ("/ja/staff/", "/en/staff/deadlines/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_secure_headers(response)


def test_a_refused_post_and_an_error_page_carry_them(client, organization):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(f"/en/{organization.slug}/track/", {"reference": "x"})
    assert response.status_code == 403
    assert_secure_headers(response)


def test_session_and_csrf_cookies_are_http_only_and_same_site(client, organization):
    response = client.get(f"/ja/{organization.slug}/request/")
    csrf = response.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(f"/ja/{organization.slug}/request/", {"name": "x"})
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"


PROD_ENV = {
    "SECRET_KEY": "p" * 30 + "-production-secret-for-the-test-only-0123456789",
    "FILE_ENCRYPTION_KEY": "dGVzdC1vbmx5LWZpbGUta2V5LXRlc3Qtb25seS0wMDA=",
    "ALLOWED_HOSTS": "desk.example.jp",
    "REDIS_URL": "redis://127.0.0.1:6379/0",  # the broker: without one, check refuses (core.E001)
}


def load_prod_settings():
    """Import privacydesk.settings.prod (and a fresh base) under the current environment; leave no trace."""
    import privacydesk.settings as package

    saved = {name: sys.modules.pop(name, None) for name in ("privacydesk.settings.base", "privacydesk.settings.prod")}
    try:
        return importlib.import_module("privacydesk.settings.prod")
    finally:
        for name, module in saved.items():
            sys.modules.pop(name, None)
            if module is not None:
                sys.modules[name] = module
                setattr(package, name.rsplit(".", 1)[1], module)


@pytest.fixture
def prod(monkeypatch):
    """The values privacydesk.settings.prod computes from a production environment."""
    for name, value in PROD_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SECURE_SSL_REDIRECT", raising=False)
    return load_prod_settings()


def test_production_is_https_only(prod):
    assert prod.DEBUG is False
    assert prod.SECURE_SSL_REDIRECT is True
    assert prod.SECURE_HSTS_SECONDS >= 31_536_000 and prod.SECURE_HSTS_INCLUDE_SUBDOMAINS
    assert prod.SESSION_COOKIE_SECURE and prod.SESSION_COOKIE_HTTPONLY and prod.SESSION_COOKIE_SAMESITE == "Lax"
    assert prod.CSRF_COOKIE_SECURE and prod.CSRF_COOKIE_SAMESITE == "Lax"
    assert prod.LANGUAGE_COOKIE_SECURE and prod.LANGUAGE_COOKIE_SAMESITE == "Lax"
    assert prod.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert "csp.middleware.CSPMiddleware" in prod.MIDDLEWARE
    assert "privacydesk.core.middleware.PermissionsPolicyMiddleware" in prod.MIDDLEWARE
    assert "django.middleware.security.SecurityMiddleware" in prod.MIDDLEWARE


def test_production_refuses_to_start_without_a_real_secret(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SECRET_KEY", "short")
    monkeypatch.setenv("FILE_ENCRYPTION_KEY", PROD_ENV["FILE_ENCRYPTION_KEY"])
    with pytest.raises(ImproperlyConfigured):
        load_prod_settings()


def test_check_deploy_is_clean_with_production_settings():
    """`DJANGO_SETTINGS_MODULE=privacydesk.settings.prod manage.py check --deploy`: no warning, no error."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG")}
    env.update(PROD_ENV, DJANGO_SETTINGS_MODULE="privacydesk.settings.prod")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_responses_redirect_to_https_and_send_hsts(prod, settings, client, organization):
    for name in (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
    ):
        setattr(settings, name, getattr(prod, name))
    response = client.get(f"/ja/{organization.slug}/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    response = client.get(f"/ja/{organization.slug}/request/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")
    assert response.cookies["csrftoken"]["secure"]
    assert_secure_headers(response)
    response = client.post("/i18n/setlang/", {"language": "en"}, HTTP_X_FORWARDED_PROTO="https")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["secure"]


# --- pages with personal data are never stored (browser history on a shared computer, a proxy's cache)


def never_stored(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_every_staff_page_and_export_with_personal_data_is_never_stored(client, organization, reception):
    from django.urls import reverse

    from privacydesk.cases.services import case_submit
    from privacydesk.letters.services import letter_draft
    from tests.cases.helpers import submission

    case = case_submit(organization=organization, submission=submission())
    letter = letter_draft(case=case, kind="acknowledgement", actor=reception)
    assert never_stored(client.get("/ja/staff/login/"))
    sign_in(client, reception)
    pages = {
        "queue": "/ja/staff/",
        "case page": f"/en/staff/cases/{case.pk}/",
        "queue CSV": "/en/staff/export.csv",
        "mailing list CSV": reverse("staff:mailing_list"),
        "letter preview": reverse("staff:letter_preview", kwargs={"letter_id": letter.pk}),
        "deadlines": "/en/staff/deadlines/",
        "not found": "/en/staff/cases/999999/",
    }
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code in (200, 404), name
        assert never_stored(response), name


def test_the_admin_is_never_stored(client):
    from tests.factories import UserFactory

    sign_in(client, UserFactory(role="admin", is_staff=True, is_superuser=True))
    response = client.get("/admin/organizations/organization/")
    assert response.status_code == 200 and never_stored(response)


def test_the_requesters_own_pages_are_never_stored_and_the_desks_public_pages_may_be(organization):
    from django.test import Client

    from tests.cases.helpers import form_data

    visitor = Client()
    slug = organization.slug
    visitor.post(f"/en/{slug}/request/", form_data(language="en"))
    assert never_stored(visitor.get(f"/en/{slug}/request/confirm/"))  # name, address, telephone
    visitor.post(f"/en/{slug}/request/confirm/", {"action": "send"})
    assert never_stored(visitor.get(f"/en/{slug}/request/done/"))  # the reference number and tracking link
    case = organization.cases.get()
    link = f"/ja/{slug}/track/{case.reference}/{case.tracking_token()}/"
    for path in (link, f"/ja/{slug}/track/{case.reference}/{'0' * 32}/", f"/en/{slug}/track/"):
        assert never_stored(visitor.get(path)), path
    for path in ("/ja/", f"/ja/{slug}/", f"/en/{slug}/policy/"):
        assert not never_stored(visitor.get(path)), path


def test_the_language_cookie_is_same_site_and_http_only(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["samesite"] == "Lax" and cookie["httponly"]
