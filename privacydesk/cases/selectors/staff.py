"""Reads for the staff desk: what a user may see, the queue with its filters, a case with its timeline."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from privacydesk.accounts.models import User
from privacydesk.core.normalize import normalize_email, normalize_phone, search_key
from privacydesk.core.references import normalize_reference
from privacydesk.organizations.calendar import DeskCalendar

from ..models import Case, CaseEvent, CaseRequest
from ..workflow import OPEN_STATUSES, Status

DUE_SOON_DAYS = 3


def organization_ids(user: User) -> list[int]:
    """The ids of the user's organisations, read once per request (kept on the user object)."""
    if not hasattr(user, "_organization_ids"):
        user._organization_ids = list(user.organizations.values_list("pk", flat=True))
    return user._organization_ids


def cases_visible_to(user: User) -> QuerySet[Case]:
    """Only the cases of the organisations the user works for.

    An explicit list of ids, not a subquery: PostgreSQL then plans the counts per status as an index-only
    scan of (organization, status, …) instead of a sequential scan of every case.
    """
    return Case.objects.filter(organization_id__in=organization_ids(user))


def case_get_for_staff(*, user: User, case_id: int) -> Case:
    """A case of one of the user's organisations, or 404 (another organisation's case does not exist here)."""
    case = (
        cases_visible_to(user)
        .select_related("organization", "assignee", "merged_into")
        .prefetch_related("requests__decided_by", "requests__approved_by")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    return case


@dataclass
class QueueFilters:
    organization: int | None = None
    kind: str = ""
    request_type: str = ""
    status: str = ""  # a status, "open" or "all"
    channel: str = ""
    assignee: str = ""  # a user id, "me" or "none"
    due: str = ""  # "soon" or "overdue"
    q: str = ""
    sort: str = "due"  # "due", "-received", "received"


def _search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """Reference number, e-mail, phone or name/furigana — each through its own index."""
    text = text.strip()
    reference = normalize_reference(text)
    if len(reference) == 14 and reference[4] == "-":
        return cases.filter(reference=reference)
    if "@" in text:
        return cases.filter(email_key=normalize_email(text))
    try:
        return cases.filter(phone_key=normalize_phone(text))
    except ValueError:
        pass
    key = search_key(text)
    # Two characters (山田) match a whole name part; longer text matches anywhere in the name or furigana.
    return cases.filter(name_key__contains=key if len(key) >= 3 else f" {key} ")


def queue_cases(*, user: User, filters: QueueFilters) -> QuerySet[Case]:
    cases = cases_visible_to(user)
    if filters.organization:
        cases = cases.filter(organization_id=filters.organization)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif filters.status and filters.status != "all":
        cases = cases.filter(status=filters.status)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.request_type:
        cases = cases.filter(Exists(CaseRequest.objects.filter(case=OuterRef("pk"), request_type=filters.request_type)))
    if filters.assignee == "me":
        cases = cases.filter(assignee=user)
    elif filters.assignee == "none":
        cases = cases.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        cases = cases.filter(assignee_id=int(filters.assignee))
    now = timezone.now()
    if filters.due == "overdue":
        cases = cases.filter(status__in=OPEN_STATUSES, due_at__lt=now)
    elif filters.due == "soon":
        cases = cases.filter(status__in=OPEN_STATUSES, due_at__gte=now, due_at__lt=now + timedelta(days=DUE_SOON_DAYS))
    if filters.q:
        cases = _search(cases, filters.q)
    order = {
        "due": ["due_at", "pk"],
        "received": ["received_at", "pk"],
        "-received": ["-received_at", "-pk"],
    }.get(filters.sort, ["due_at", "pk"])
    return cases.select_related("organization", "assignee").order_by(*order)


def queue_rows(page_cases: QuerySet[Case]) -> list[Case]:
    """The rows of one page, with their request types in one more query."""
    return list(
        page_cases.prefetch_related(Prefetch("requests", queryset=CaseRequest.objects.only("case_id", "request_type")))
    )


COUNTS_CACHE_SECONDS = 15


def queue_status_counts(*, user: User, organization: int | None = None) -> dict[str, int]:
    """Cases per status. COUNT(*) is an index-only scan of (organization, status, …); the result is shared
    by everyone who sees the same organisations for a few seconds, so the queue's cost does not grow with
    the number of cases on every request."""
    mine = sorted(organization_ids(user))
    ids = [organization] if organization in mine else mine
    key = "queue-counts:" + ",".join(map(str, ids))
    counts = cache.get(key)
    if counts is None:
        rows = Case.objects.filter(organization_id__in=ids).order_by().values("status").annotate(n=Count("*"))
        found = {row["status"]: row["n"] for row in rows}
        counts = {status.value: found.get(status.value, 0) for status in Status}
        cache.set(key, counts, COUNTS_CACHE_SECONDS)
    return counts


def case_timeline(*, case: Case) -> list[CaseEvent]:
    return list(case.events.select_related("actor").order_by("created_at", "pk"))


def business_days_left(case: Case, calendar: DeskCalendar | None = None) -> int | None:
    """Business days from today to the case's response deadline (negative once it has passed)."""
    if not case.due_at:
        return None
    calendar = calendar or DeskCalendar.for_organization(case.organization)
    return calendar.business_days_between(timezone.localdate(), timezone.localdate(case.due_at))


def same_person(case: Case) -> Q:
    """Cases that look like the same requester: the same normalised e-mail or telephone, or the same name and date
    of birth. An empty Q when the case has none of these."""
    same = Q()
    if case.email_key:
        same |= Q(email_key=case.email_key)
    if case.phone_key:
        same |= Q(phone_key=case.phone_key)
    if case.date_of_birth and case.name_key:
        same |= Q(name_key=case.name_key, date_of_birth=case.date_of_birth)
    return same


def case_possible_duplicates(*, case: Case) -> list[Case]:
    """Other open cases of the same organisation that look like the same person."""
    same = same_person(case)
    if not same:
        return []
    return list(
        Case.objects.filter(same, organization_id=case.organization_id, status__in=OPEN_STATUSES)
        .exclude(pk=case.pk)
        .order_by("received_at")[:10]
    )


def staff_of_organizations(*, user: User) -> QuerySet[User]:
    return User.objects.filter(is_active=True, organizations__in=organization_ids(user)).distinct().order_by("username")
