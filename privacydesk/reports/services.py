"""Writes of the reports app: the themes of a complaint, and the monthly summary e-mail sent once."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from privacydesk.accounts.models import Role, User
from privacydesk.cases.models import Case

from .businessdays import first_business_day
from .models import CaseTag, MonthlySummary
from .periods import last_month, month_of
from .selectors import report_organizations, summary_figures


@transaction.atomic
def complaint_themes_set(*, case: Case, names: list[str]) -> list[CaseTag]:
    """The complaint's themes become exactly ``names`` (themes are per organisation, made on first use)."""
    tags = []
    for name in names:
        tag, _ = CaseTag.objects.get_or_create(organization_id=case.organization_id, name=name)
        tags.append(tag)
    case.report_tags.set(tags)
    return tags


def _claim_timeout() -> timedelta:
    return timedelta(seconds=settings.REMINDER_CLAIM_TIMEOUT_SECONDS)


def monthly_summaries_write(*, now: datetime | None = None) -> list[int]:
    """On the first business day of a month, one row per active supervisor for last month; else nothing.

    Unique on (recipient, month): a second run, or a second worker, writes nothing more.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    if today != first_business_day(today):
        return []
    month = last_month(today).first
    supervisors = User.objects.filter(
        is_active=True, email__gt="", role__in=[Role.SUPERVISOR, Role.ADMIN], organizations__isnull=False
    ).distinct()
    written = []
    for user in supervisors:
        try:
            with transaction.atomic():
                written.append(MonthlySummary.objects.create(recipient=user, month=month).pk)
        except IntegrityError:
            continue  # written by an earlier run or another worker
    return written


def monthly_summaries_pending_ids(*, limit: int = 1000) -> list[int]:
    now = timezone.now()
    return list(
        MonthlySummary.objects.filter(sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lte=now - _claim_timeout()))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def monthly_summary_deliver(*, summary_id: int) -> bool:
    """Claim the row, send the e-mail in the supervisor's language, mark it sent. False when another did."""
    now = timezone.now()
    claimed = (
        MonthlySummary.objects.filter(pk=summary_id, sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lte=now - _claim_timeout()))
        .update(claimed_at=now)
    )
    if not claimed:
        return False
    summary = MonthlySummary.objects.select_related("recipient").get(pk=summary_id)
    try:
        _message(summary, now).send()
    except Exception:
        MonthlySummary.objects.filter(pk=summary_id).update(claimed_at=None)
        raise
    MonthlySummary.objects.filter(pk=summary_id).update(sent_at=timezone.now())
    return True


def _message(summary: MonthlySummary, now: datetime) -> EmailMessage:
    user = summary.recipient
    organizations = report_organizations(user)
    period = month_of(summary.month)
    figures = summary_figures(organizations=organizations, period=period, now=now)
    rate = round(100 * figures["on_time"] / figures["with_deadline"], 1) if figures["with_deadline"] else None
    language = user.language or "ja"
    with translation.override(language):
        url = settings.SITE_URL + reverse("staff:reports") + "?period=last_month"
        context = {
            "user": user,
            "month": summary.month,
            "organizations": organizations,
            "figures": figures,
            "rate": rate,
            "url": url,
        }
        subject = render_to_string("reports/emails/monthly_subject.txt", context).strip()
        body = render_to_string("reports/emails/monthly.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])
