"""The audit log leaves the database only through the retention purge, and only when old enough."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from privacydesk.audit.models import AuditEntry
from privacydesk.audit.services import audit_entries_purge
from privacydesk.retention.models import DestructionRecord, RetentionRule
from privacydesk.retention.services import purge_expired_data

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

YEAR = timedelta(days=365)


def entry_at(at) -> int:
    """An entry written at a past time (the model stamps the present, so straight SQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (at, username, action, case_reference, detail) "
            "VALUES (%s, 'uketsuke', 'view_case', '2601-ABCD-EFGH', '{}') RETURNING id",
            [at],
        )
        return cursor.fetchone()[0]


def test_entries_older_than_the_period_are_purged_and_recorded_once(organization):
    RetentionRule.objects.create(
        organization=organization, data_kind="audit_log", action="delete", period_days=1825, counted_from="creation"
    )
    now = timezone.now()
    old = entry_at(now - 5 * YEAR - timedelta(days=3))
    kept = entry_at(now - 4 * YEAR)
    fresh = entry_at(now - timedelta(days=10))

    purge_expired_data(now=now)
    assert set(AuditEntry.objects.values_list("pk", flat=True)) == {kept, fresh}
    record = DestructionRecord.objects.get(model="audit.AuditEntry")
    assert record.counts["entries"] == 1 and record.counts["first_id"] == old and record.organization_id is None
    assert purge_expired_data(now=now).total == 0

    # A year and a bit later the four-year-old entry is due too (the clock moves; the database agrees).
    purge_expired_data(now=now + YEAR + timedelta(days=2))
    assert set(AuditEntry.objects.values_list("pk", flat=True)) == {fresh}


def test_the_longest_audit_period_of_all_desks_applies(organization):
    from tests.factories import OrganizationFactory

    RetentionRule.objects.create(
        organization=organization, data_kind="audit_log", action="delete", period_days=400, counted_from="creation"
    )
    OrganizationFactory()  # no rule: the five-year default
    now = timezone.now()
    two_years = entry_at(now - 2 * YEAR)
    purge_expired_data(now=now)
    assert AuditEntry.objects.filter(pk=two_years).exists()


def test_the_trigger_still_refuses_ordinary_deletes_and_updates():
    old = entry_at(timezone.now() - 10 * YEAR)
    for sql in (
        "DELETE FROM audit_auditentry WHERE id = %s",
        "UPDATE audit_auditentry SET username = 'x' WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [old])
    # The purge flag does not allow an update either.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('privacydesk.retention_purge', 'on', true)")
        cursor.execute(
            "SELECT set_config('privacydesk.retention_purge_before', %s, true)", [timezone.now().isoformat()]
        )
        cursor.execute("UPDATE audit_auditentry SET username = 'x' WHERE id = %s", [old])
    assert AuditEntry.objects.filter(pk=old).exists()


def test_the_database_refuses_to_purge_entries_younger_than_a_year_whatever_the_caller_asks():
    recent = entry_at(timezone.now() - timedelta(days=200))
    with pytest.raises(DatabaseError, match="append-only"):
        audit_entries_purge(before=timezone.now() + YEAR)
    assert AuditEntry.objects.filter(pk=recent).exists()


def test_destruction_records_are_append_only():
    from privacydesk.retention.models import AppendOnlyError

    record = DestructionRecord.objects.create(
        at=timezone.now(), data_kind="letters", action="delete", rule_text="t", cutoff=timezone.now(), model="x"
    )
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        DestructionRecord.objects.all().delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM retention_destructionrecord WHERE id = %s", [record.pk])
