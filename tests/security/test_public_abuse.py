"""The public pages against guessing, enumeration and forged posts."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from django.utils.translation import gettext

from privacydesk.cases.models import Notification
from tests.cases.helpers import form_data
from tests.cases.test_views_public import file_case, strip_csrf

pytestmark = pytest.mark.django_db


def track_url(org, reference, token, lang="en"):
    return f"/{lang}/{org.slug}/track/{reference}/{token}/"


def visible_text(response) -> str:
    """The page as a person sees it: no CSRF token, no per-request attributes."""
    return strip_csrf(response.content.decode())


def test_wrong_tracking_links_are_limited_per_reference_number(client, organization, settings):
    settings.TRACKING_FAILURES_PER_REFERENCE_PER_HOUR = 3
    case = file_case(client, organization, lang="en", language="en")
    stranger = Client(REMOTE_ADDR="198.51.100.66")
    for i in range(3):
        assert stranger.get(track_url(organization, case.reference, f"{i:032x}")).status_code == 404
    # From now on, wrong links for this reference number wait, from any address.
    response = Client(REMOTE_ADDR="198.51.100.67").get(track_url(organization, case.reference, "f" * 32))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Too many attempts" in response.content.decode()
    assert "cases/public/track_limited.html" in [t.name for t in response.templates]
    ja = stranger.get(track_url(organization, case.reference, "f" * 32, lang="ja"))
    with translation.override("ja"):
        assert ja.status_code == 429 and gettext("Too many attempts") in ja.content.decode()
    # The lower-case spelling is no way around the limit; another reference number is not affected.
    assert stranger.get(track_url(organization, case.reference.lower(), "0" * 32)).status_code == 429
    other = file_case(client, organization, kind="inquiry", lang="en", language="en")
    assert stranger.get(track_url(organization, other.reference, "0" * 32)).status_code == 404


def test_whoever_knows_a_reference_number_cannot_lock_its_owner_out(client, organization, settings):
    """Wrong links for a reference number, however many and from wherever, never close the right link."""
    settings.TRACKING_FAILURES_PER_REFERENCE_PER_HOUR = 3
    case = file_case(client, organization, lang="en", language="en")
    for i in range(10):
        Client(REMOTE_ADDR=f"198.51.100.{i}").get(track_url(organization, case.reference, f"{i:032x}"))
    response = client.get(track_url(organization, case.reference, case.tracking_token()))
    assert response.status_code == 200 and case.reference in response.content.decode()


def test_a_right_link_opens_even_from_an_address_that_tried_too_many_wrong_ones(client, organization, settings):
    settings.TRACKING_FAILURES_PER_ADDRESS_PER_HOUR = 2
    case = file_case(client, organization, lang="en", language="en")
    for i in range(3):
        client.get(track_url(organization, f"2611-AAAA-{i:04d}", "0" * 32))
    assert client.get(track_url(organization, "2611-AAAA-9999", "0" * 32)).status_code == 429
    assert client.get(track_url(organization, case.reference, case.tracking_token())).status_code == 200


def test_the_limit_answers_the_same_for_a_reference_that_does_not_exist(client, organization, settings):
    settings.TRACKING_FAILURES_PER_REFERENCE_PER_HOUR = 3
    case = file_case(client, organization, lang="en", language="en")
    missing = "2611-AAAA-BBBB"

    def attempts(reference):
        return [client.get(track_url(organization, reference, f"{i:032x}")) for i in range(5)]

    existing, absent = attempts(case.reference), attempts(missing)
    assert [r.status_code for r in existing] == [r.status_code for r in absent] == [404, 404, 404, 429, 429]
    for a, b in zip(existing, absent, strict=True):
        assert [t.name for t in a.templates] == [t.name for t in b.templates]
        # The pages differ only by the reference in their own address (the language switch links to it).
        assert visible_text(a).replace(case.reference, "REF") == visible_text(b).replace(missing, "REF")


def test_wrong_tracking_links_are_limited_per_address(client, organization, settings):
    settings.TRACKING_FAILURES_PER_ADDRESS_PER_HOUR = 4
    for i in range(4):
        assert client.get(track_url(organization, f"2611-AAAA-{i:04d}", "0" * 32)).status_code == 404
    assert client.get(track_url(organization, "2611-AAAA-9999", "0" * 32)).status_code == 429
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.get(track_url(organization, "2611-AAAA-9999", "0" * 32)).status_code == 404


def test_the_letter_download_and_the_message_form_share_the_limit(client, organization, settings):
    settings.TRACKING_FAILURES_PER_REFERENCE_PER_HOUR = 2
    case = file_case(client, organization, lang="en", language="en")
    assert client.get(track_url(organization, case.reference, "0" * 32) + "letters/1/").status_code == 404
    assert client.post(track_url(organization, case.reference, "1" * 32), {"message": "hi"}).status_code == 404
    assert client.post(track_url(organization, case.reference, "2" * 32), {"message": "hi"}).status_code == 429
    assert client.get(track_url(organization, case.reference, "3" * 32) + "letters/1/").status_code == 429
    assert not case.messages.exists()
    # The owner's message still goes through.
    right = track_url(organization, case.reference, case.tracking_token())
    assert client.post(right, {"message": "hi"}).status_code == 302
    assert case.messages.count() == 1


def test_tracking_tokens_are_compared_in_constant_time(organization, monkeypatch):
    from django.utils import crypto

    from privacydesk.cases import models

    calls = []

    def spy(a, b):
        calls.append((a, b))
        return crypto.constant_time_compare(a, b)

    monkeypatch.setattr(models, "constant_time_compare", spy)
    from privacydesk.cases.services import case_submit
    from tests.cases.helpers import submission

    case = case_submit(organization=organization, submission=submission())
    assert case.check_tracking_token(case.tracking_token()) and not case.check_tracking_token("0" * 32)
    assert len(calls) == 2


def lookup(client, org, reference, email, lang="en"):
    return client.post(f"/{lang}/{org.slug}/track/", {"reference": reference, "email": email}, follow=True)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_lost_link_lookup_answers_identically_for_any_case_and_e_mail(organization, lang):
    owner = Client()
    case = file_case(owner, organization, lang="en", language="en")
    answers = {
        "right case, right e-mail": lookup(Client(), organization, case.reference, "taro@example.com", lang),
        "right case, wrong e-mail": lookup(Client(), organization, case.reference, "hanako@example.com", lang),
        "no such case": lookup(Client(), organization, "2611-ZZZZ-ZZZZ", "taro@example.com", lang),
    }
    first = answers["right case, right e-mail"]
    for label, response in answers.items():
        assert response.status_code == first.status_code == 200, label
        assert response.redirect_chain == [(f"/{lang}/{organization.slug}/track/", 302)], label
        assert [t.name for t in response.templates] == [t.name for t in first.templates], label
        assert visible_text(response) == visible_text(first), label
    assert Notification.objects.filter(kind="tracking_link").count() == 1  # only the real owner gets a mail


def test_the_lost_link_lookup_is_limited_per_reference_the_same_way_whether_it_exists(organization, settings):
    settings.LOOKUP_RATE_LIMIT_PER_REFERENCE_PER_HOUR = 2
    case = file_case(Client(), organization, lang="en", language="en")
    results = {}
    for reference in (case.reference, "2611-ZZZZ-ZZZZ"):
        # A new address each time: the per-address limit plays no part here.
        results[reference] = [
            lookup(Client(REMOTE_ADDR=f"198.51.100.{i}"), organization, reference, "nobody@example.com")
            for i in range(3)
        ]
    existing, absent = results.values()
    assert [r.status_code for r in existing] == [r.status_code for r in absent] == [200, 200, 429]
    assert visible_text(existing[-1]) == visible_text(absent[-1])
    assert "Too many attempts" in visible_text(absent[-1])


def test_strangers_who_know_a_reference_number_do_not_use_up_its_owners_lost_link_lookups(organization, settings):
    settings.LOOKUP_RATE_LIMIT_PER_REFERENCE_PER_HOUR = 2
    case = file_case(Client(), organization, lang="en", language="en")
    for i in range(5):
        lookup(Client(REMOTE_ADDR=f"198.51.100.{i}"), organization, case.reference, f"guess{i}@example.com")
    assert lookup(Client(), organization, case.reference, "Taro@Example.com").status_code == 200
    assert Notification.objects.filter(kind="tracking_link", case=case).count() == 1
    # The owner's own address, however it is spelt, has its budget.
    for spelling in ("taro@example.com", "TARO@example.com "):
        lookup(Client(REMOTE_ADDR="192.0.2.50"), organization, case.reference, spelling)
    assert lookup(Client(), organization, case.reference, "taro@example.com").status_code == 429


def test_the_lost_link_lookup_is_limited_per_address(client, organization, settings):
    settings.LOOKUP_RATE_LIMIT_PER_HOUR = 2
    statuses = [lookup(client, organization, f"2611-ZZZZ-000{i}", "a@example.com").status_code for i in range(3)]
    assert statuses == [200, 200, 429]


# --- CSRF on every public POST


def public_patterns(patterns=None, prefix=""):
    """(route, view) of every URL outside /staff/ and /admin/."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + re.sub(r"^\w\w/$", "", str(pattern.pattern))  # the /<lang>/ prefix
        if isinstance(pattern, URLResolver):
            yield from public_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and not route.startswith(("staff/", "admin/")):
            yield route, pattern.callback


def test_no_public_view_is_exempt_from_csrf():
    views = list(public_patterns())
    assert len(views) > 10
    exempt = [route for route, view in views if getattr(view, "csrf_exempt", False)]
    assert exempt == []


def test_every_public_post_without_a_csrf_token_is_refused(organization):
    csrf_client = Client(enforce_csrf_checks=True)
    case = file_case(Client(), organization, lang="en", language="en")
    slug = organization.slug
    posts = [
        f"/en/{slug}/request/",
        f"/en/{slug}/inquiry/",
        f"/en/{slug}/complaint/",
        f"/en/{slug}/request/confirm/",
        f"/en/{slug}/track/",
        track_url(organization, case.reference, case.tracking_token()),
        "/i18n/setlang/",
    ]
    for path in posts:
        response = csrf_client.post(path, {"message": "hello", "language": "en", "reference": case.reference})
        assert response.status_code == 403, path
        assert "CSRF" in response.content.decode() or "csrf" in response.content.decode().lower(), path
    assert not case.messages.exists()


# --- the limits when Redis is down


UNREACHABLE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def test_a_redis_outage_lets_submissions_through_instead_of_failing(organization, settings, caplog):
    """bench/faults.py --rate-limit found 500s on "Send" while Redis was down: the limit now lets people through."""
    client = Client()
    response = client.post(f"/en/{organization.slug}/inquiry/", {**form_data("inquiry", language="en")})
    assert response.status_code == 302
    settings.SUBMISSION_RATE_LIMIT_PER_HOUR = 1
    settings.CACHES = UNREACHABLE_CACHE
    response = client.post(response["Location"], {"action": "send"})
    assert response.status_code == 302 and response["Location"].endswith("/done/")
    assert organization.cases.count() == 1
    assert "the cache cannot be reached" in caplog.text


def test_a_redis_outage_keeps_tracking_links_and_the_lookup_working(organization, settings):
    case = file_case(Client(), organization, lang="en", language="en")
    settings.CACHES = UNREACHABLE_CACHE
    assert Client().get(track_url(organization, case.reference, case.tracking_token())).status_code == 200
    assert Client().get(track_url(organization, case.reference, "0" * 32)).status_code == 404
    assert lookup(Client(), organization, case.reference, "taro@example.com").status_code == 200
