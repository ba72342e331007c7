"""Reads of letters and print files: today's mail, what failed, what the beat sweeps pick up."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from privacydesk.accounts.models import User
from privacydesk.cases.selectors.staff import cases_visible_to

from .models import Letter, LetterBatch, LetterStatus


def todays_mail(*, user: User | None = None) -> QuerySet[Letter]:
    """Approved letters to be sent by post and not posted yet (of the user's desks, given a user)."""
    letters = Letter.objects.filter(status=LetterStatus.APPROVED, case__reply_method="post")
    if user is not None:
        letters = letters.filter(case__in=cases_visible_to(user))
    return letters.select_related("case__organization").order_by("case__organization_id", "number")


def letters_sent(*, case) -> QuerySet[Letter]:
    """The case's letters the requester has been sent (posted, or to download), for the tracking page."""
    return case.letters.filter(status__in=[LetterStatus.POSTED, LetterStatus.DELIVERED]).order_by("created_at")


def letters_failed(*, user: User) -> QuerySet[Letter]:
    """Letters of the user's desks that could not be produced, oldest failure first."""
    return (
        Letter.objects.filter(status=LetterStatus.FAILED, case__in=cases_visible_to(user))
        .select_related("case__organization")
        .order_by("updated_at")
    )


def _batch_letters():
    return LetterBatch.letters.through.objects.filter(letterbatch=OuterRef("pk"))


def batches_failed(*, user: User) -> QuerySet[LetterBatch]:
    """Print files that could not be built, all of whose letters belong to the user's desks."""
    visible = cases_visible_to(user)
    return (
        LetterBatch.objects.filter(status=LetterBatch.Status.FAILED)
        .filter(Exists(_batch_letters()))
        .exclude(Exists(_batch_letters().exclude(letter__case__in=visible)))
        .select_related("created_by")
        .order_by("updated_at")
    )


def batches_visible_to(user: User) -> QuerySet[LetterBatch]:
    """A print file is its maker's; supervisors also see the failed ones of their desks (to try them again)."""
    own = LetterBatch.objects.filter(created_by=user)
    if not user.is_supervisor:
        return own
    return LetterBatch.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=batches_failed(user=user).values("pk")))


def letters_pending_ids(*, limit: int = 200) -> list[int]:
    """Letters approved but never produced (the broker was down when they were approved). Not FAILED ones."""
    return list(
        Letter.objects.filter(status=LetterStatus.APPROVED, generated_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def batches_stalled_ids(*, older_than_seconds: int) -> list[int]:
    """Print files a worker started (or never got) and left: no progress for a while. Not FAILED ones."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return list(
        LetterBatch.objects.filter(
            status__in=[LetterBatch.Status.PENDING, LetterBatch.Status.RUNNING], updated_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
