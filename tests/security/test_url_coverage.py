"""Every staff URL is in the permission matrix, whichever app adds it: walked from the ROOT URL configuration."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from tests.cases.test_staff_permissions import EXPECTED


def url_patterns(patterns=None, prefix="", namespaces=()):
    """(route without the language prefix, namespaces, name) of every URL of the site."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        part = "" if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from url_patterns(pattern.url_patterns, prefix + part, inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + part, namespaces, pattern.name


def staff_urls():
    return [
        (route, namespaces, name)
        for route, namespaces, name in url_patterns()
        if route.startswith("staff/") and "accounts" not in namespaces
    ]


def test_the_walk_finds_the_staff_desk_and_leaves_out_the_sign_in_pages_and_the_admin():
    found = staff_urls()
    assert ("staff/", ("staff",), "queue") in found
    assert not any(route.startswith("admin/") for route, _, _ in found)
    assert not any(name == "login" for _, _, name in found)


def test_every_staff_url_outside_sign_in_is_in_the_permission_matrix():
    missing = sorted(f"{':'.join(ns)}:{name} (/{route})" for route, ns, name in staff_urls() if name not in EXPECTED)
    assert missing == [], "add these to tests/cases/test_staff_permissions.EXPECTED"


def test_every_staff_url_has_a_name():
    assert [route for route, _, name in staff_urls() if not name] == []
