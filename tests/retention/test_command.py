"""`manage.py purge --dry-run` shows per desk and rule what would go, and changes nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from privacydesk.cases.models import Case
from privacydesk.retention.models import DestructionRecord, RetentionRule

from .helpers import PERSONAL_VALUES, answered_inquiry

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("purge", *args, stdout=out)
    return out.getvalue()


def test_the_dry_run_lists_what_would_go_then_the_real_run_destroys_it(organization, reception):
    RetentionRule.objects.create(
        organization=organization, data_kind="closed_cases", action="delete", period_days=30, counted_from="closing"
    )
    case = answered_inquiry(organization, reception)
    later = (case.closed_at + timedelta(days=31)).isoformat()

    assert f"{organization.slug}: closed_cases: delete 30 days after closing" in run("--dry-run")
    assert case.reference not in run("--dry-run")  # not yet due today

    output = run("--dry-run", "--now", later)
    assert f"1 would go ({case.reference})" in output and "Total: 1 would go." in output
    assert "(all desks): audit_log" in output
    for value in PERSONAL_VALUES:
        assert value not in output
    assert Case.objects.filter(pk=case.pk).exists() and not DestructionRecord.objects.exists()

    output = run("--now", later)
    assert f"1 went ({case.reference})" in output
    assert not Case.objects.filter(pk=case.pk).exists()
    assert "Total: 0 went." in run("--now", later)


def test_a_bad_date_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("--now", "next tuesday")
