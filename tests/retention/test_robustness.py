"""A purge that fails on one object leaves that object whole and does the others; two purges at once
destroy each object once."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection

from privacydesk.cases.models import Case
from privacydesk.retention.models import DestructionRecord, RetentionRule
from privacydesk.retention.services import purge_expired_data

from .helpers import answered_inquiry, close_request, verified_request

DAY = timedelta(days=1)


def stored(name: str) -> bool:
    return (settings.PRIVATE_MEDIA_ROOT / name).is_file()


def delete_closed_cases_at_once(organization):
    RetentionRule.objects.create(
        organization=organization, data_kind="closed_cases", action="delete", period_days=0, counted_from="closing"
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_an_object_the_database_refuses_to_destroy_stays_whole_and_the_others_go(organization, reception):
    delete_closed_cases_at_once(organization)
    refused = close_request(verified_request(organization, reception), reception)
    files = [a.file.name for a in refused.attachments.all()]
    other = answered_inquiry(organization, reception)
    with connection.cursor() as cursor:  # a real database failure on one row (gone with the test's transaction)
        cursor.execute(
            "CREATE FUNCTION test_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END; $$ "
            "LANGUAGE plpgsql; "
            f"CREATE TRIGGER test_refuse BEFORE DELETE ON cases_case FOR EACH ROW WHEN (OLD.id = {refused.pk}) "
            "EXECUTE FUNCTION test_refuse();"
        )
    now = other.closed_at + DAY
    report = purge_expired_data(now=now)
    assert report.failed == 1 and not Case.objects.filter(pk=other.pk).exists()
    assert Case.objects.get(pk=refused.pk).attachments.count() == 2 and all(stored(name) for name in files)
    assert list(DestructionRecord.objects.values_list("case_reference", flat=True)) == [other.reference]

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER test_refuse ON cases_case")
    assert purge_expired_data(now=now).failed == 0
    assert not Case.objects.filter(pk=refused.pk).exists() and not any(stored(name) for name in files)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_purges_at_once_destroy_and_record_each_object_once(organization, reception):
    delete_closed_cases_at_once(organization)
    cases = [answered_inquiry(organization, reception) for _ in range(8)]
    now = max(c.closed_at for c in cases) + DAY
    totals, errors = [], []
    start = threading.Barrier(2)

    def run():
        try:
            start.wait()
            totals.append(purge_expired_data(now=now).total)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors and sum(totals) == 8
    assert not Case.objects.filter(pk__in=[c.pk for c in cases]).exists()
    references = list(DestructionRecord.objects.values_list("case_reference", flat=True))
    assert sorted(references) == sorted(c.reference for c in cases)


@pytest.mark.django_db
def test_a_run_out_of_time_stops_between_objects_and_the_next_run_goes_on(organization, reception):
    delete_closed_cases_at_once(organization)
    cases = [answered_inquiry(organization, reception) for _ in range(3)]
    now = max(c.closed_at for c in cases) + DAY
    report = purge_expired_data(now=now, time_budget_seconds=0)
    assert not report.complete and report.total == 0 and Case.objects.count() == 3
    report = purge_expired_data(now=now)
    assert report.complete and report.total == 3 and not Case.objects.exists()
