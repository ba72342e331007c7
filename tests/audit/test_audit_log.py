"""The audit log is append-only: nobody changes or deletes it through the application or the database."""

import pytest
from django.db import DatabaseError, connection, transaction

from privacydesk.audit.models import AppendOnlyError, AuditEntry
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def entry() -> AuditEntry:
    return AuditEntry.objects.create(username="uketsuke", action="view_case", case_reference="2611-AAAA-BBBB")


def test_an_entry_cannot_be_changed_or_deleted_through_the_orm():
    e = entry()
    e.username = "someone-else"
    with pytest.raises(AppendOnlyError):
        e.save()
    with pytest.raises(AppendOnlyError):
        e.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=e.pk).update(username="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


@pytest.mark.postgres
def test_the_database_refuses_update_and_delete():
    e = entry()
    for sql in (
        "UPDATE audit_auditentry SET username = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [e.pk])
    assert AuditEntry.objects.get(pk=e.pk).username == "uketsuke"


def test_supervisors_search_the_log_and_reception_staff_cannot(client, organization, reception, supervisor):
    AuditEntry.objects.create(
        username="uketsuke", action="view_case", organization=organization, case_reference="2611-AAAA-BBBB"
    )
    sign_in(client, reception)
    assert client.get("/en/staff/audit/").status_code == 403
    client.logout()
    sign_in(client, supervisor)
    page = client.get("/en/staff/audit/", {"reference": "2611aaaabbbb"}).content.decode()
    assert "2611-AAAA-BBBB" in page and "Viewed a case" in page
