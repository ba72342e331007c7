"""Who reads which audit entries: the log of one's own desks, and nothing of another desk's."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory

from privacydesk.audit.models import AuditEntry
from privacydesk.audit.selectors import audit_entries_visible_to, audit_search
from privacydesk.audit.services import audit_record
from privacydesk.cases.services import case_submit
from tests.cases.helpers import submission
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def request_by(user, address="192.0.2.1"):
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    request.user = user
    return request


@pytest.fixture
def desks(db):
    a, b = OrganizationFactory(), OrganizationFactory()
    at_a, at_b, at_both = UserFactory(), UserFactory(), UserFactory()
    at_a.organizations.add(a)
    at_b.organizations.add(b)
    at_both.organizations.add(a, b)
    boss_a = UserFactory(role="supervisor")
    boss_a.organizations.add(a)
    return {"a": a, "b": b, "at_a": at_a, "at_b": at_b, "at_both": at_both, "boss_a": boss_a}


def visible(viewer) -> set[int]:
    return set(audit_entries_visible_to(viewer).values_list("pk", flat=True))


def test_an_entry_about_a_case_belongs_to_the_cases_desk(desks):
    own = case_submit(organization=desks["a"], submission=submission())
    other = case_submit(organization=desks["b"], submission=submission())
    audit_record(request=request_by(desks["at_both"]), action="view_case", case=own)
    audit_record(request=request_by(desks["at_both"]), action="view_case", case=other)
    entries = {e.case_id: e for e in AuditEntry.objects.all()}
    assert entries[own.pk].organization_id == desks["a"].pk
    assert {e.case_reference for e in audit_search(viewer=desks["boss_a"])} == {own.reference}
    assert not audit_search(viewer=desks["boss_a"], reference=other.reference).exists()


def test_an_entry_keeps_its_desk_after_the_case_is_gone(desks):
    case = case_submit(organization=desks["a"], submission=submission())
    audit_record(request=request_by(desks["at_a"]), action="view_case", case=case)
    case.delete()
    assert [e.case_reference for e in audit_search(viewer=desks["boss_a"])] == [case.reference]


def test_an_entry_written_before_desks_were_recorded_gets_its_cases_desk_from_the_migration(desks):
    own = case_submit(organization=desks["a"], submission=submission())
    other = case_submit(organization=desks["b"], submission=submission())
    for case in (own, other):
        AuditEntry.objects.create(username="old", action="view_case", case_id=case.pk, case_reference=case.reference)
    assert not audit_search(viewer=desks["boss_a"]).exists()  # no desk recorded: nobody's but a superuser's
    migration = importlib.import_module("privacydesk.audit.migrations.0005_organization_from_case")
    with connection.schema_editor() as editor:
        migration.organization_from_case(django_apps, editor)
    assert [e.case_reference for e in audit_search(viewer=desks["boss_a"])] == [own.reference]


def test_an_action_about_one_desk_without_a_case_belongs_to_that_desk(desks):
    audit_record(request=request_by(desks["at_both"]), action="change", organization=desks["a"], detail={"x": 1})
    audit_record(request=request_by(desks["at_both"]), action="change", organization=desks["b"], detail={"x": 2})
    assert [e.detail for e in audit_search(viewer=desks["boss_a"])] == [{"x": 1}]


def test_sign_ins_are_read_by_the_supervisors_of_a_desk_the_person_works_for(desks):
    for user in (desks["at_a"], desks["at_b"], desks["at_both"]):
        audit_record(request=request_by(user), action="login")
    anonymous = request_by(AnonymousUser())  # a failed password: nobody is signed in yet
    audit_record(request=anonymous, action="login_failed", detail={"username": desks["at_a"].username})
    audit_record(request=anonymous, action="login_failed", detail={"username": desks["at_b"].username})
    audit_record(request=anonymous, action="login_failed", detail={"username": "no-such-user"})
    seen = {(e.action, e.username) for e in audit_search(viewer=desks["boss_a"])}
    assert seen == {
        ("login", desks["at_a"].username),
        ("login", desks["at_both"].username),
        ("login_failed", desks["at_a"].username),
    }


def test_an_action_across_desks_is_read_only_by_whom_every_desk_of_its_author_belongs_to(desks):
    """A queue export names no desk; its search terms may be another desk's: only a reader of every desk the
    exporter works for sees it."""
    audit_record(request=request_by(desks["at_a"]), action="export", detail={"filters": {"q": "a-only"}})
    audit_record(request=request_by(desks["at_both"]), action="export", detail={"filters": {"q": "2611-BBBB-BBBB"}})
    audit_record(request=request_by(desks["at_b"]), action="export", detail={"filters": {"q": "b-only"}})
    assert [e.detail["filters"]["q"] for e in audit_search(viewer=desks["boss_a"])] == ["a-only"]
    boss_ab = UserFactory(role="supervisor")
    boss_ab.organizations.add(desks["a"], desks["b"])
    assert len(visible(boss_ab)) == 3


def test_a_superuser_reads_the_whole_log(desks):
    audit_record(request=request_by(desks["at_b"]), action="export", detail={})
    case = case_submit(organization=desks["b"], submission=submission())
    audit_record(request=request_by(desks["at_b"]), action="view_case", case=case)
    audit_record(request=request_by(desks["at_b"]), action="login_failed", detail={"username": "no-such-user"})
    assert visible(desks["boss_a"]) == set()
    assert len(visible(UserFactory(role="admin", is_superuser=True))) == 3
