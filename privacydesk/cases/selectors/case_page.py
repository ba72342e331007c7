"""The staff case page's context, in one place: every view that shows the case page (its own, and the panels' of
the cases and letters apps when a form comes back with errors) renders it from here."""

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.forms import Form
from django.urls import reverse
from django.utils import timezone

from privacydesk.accounts.models import User
from privacydesk.core.vocabulary import Jurisdiction, RequestType
from privacydesk.organizations.calendar import DeskCalendar
from privacydesk.organizations.deadlines import counts_from_why, may_sue_from

from ..forms.staff import (
    ApprovalForm,
    AssignForm,
    DecisionForm,
    ExtensionForm,
    FeeForm,
    IdentityForm,
    MessageForm,
    NoteForm,
    OutcomeForm,
)
from ..models import Case, CaseRequest
from ..panels import panel_forms
from ..services.deadlines import extension_available
from ..workflow import allowed_actions
from .staff import business_days_left, case_possible_duplicates, case_timeline, staff_of_organizations


@dataclass(frozen=True)
class RightDeadline:
    """One right's clock as the case page shows it."""

    item: CaseRequest
    law: str
    why: str  # the day it counts as received, and why
    may_sue_from: date | None  # APPI Art. 39
    can_extend: bool
    form: ExtensionForm


def case_rights(*, case: Case, requests: list[CaseRequest], bound: ExtensionForm | None = None) -> list[RightDeadline]:
    """Each right's law, day it counts from (with why), deadlines, extension and, for APPI, Art. 39's date."""
    calendar = DeskCalendar.for_organization(case.organization) if requests else None
    rights = []
    for item in requests:
        jurisdiction = Jurisdiction(item.jurisdiction)
        mine = bound is not None and str(bound.data.get(f"{bound.prefix}-request")) == str(item.pk)
        why = ""
        if item.counts_from and calendar is not None:
            why = counts_from_why(
                jurisdiction=jurisdiction, counts_from=item.counts_from, arrived=case.received_at, calendar=calendar
            )
        rights.append(
            RightDeadline(
                item=item,
                law=str(jurisdiction.label),
                why=why,
                may_sue_from=may_sue_from(case.received_at) if jurisdiction == Jurisdiction.APPI else None,
                can_extend=extension_available(case, item),
                form=bound
                if bound is not None and mine
                else ExtensionForm(initial={"request": item.pk}, auto_id=f"id_ext{item.pk}_%s"),
            )
        )
    return rights


def case_page_context(*, case: Case, user: User, bound: dict[str, Form] | None = None) -> dict[str, Any]:
    """Everything the staff case page shows. ``bound`` holds forms that failed validation, shown with what was typed
    (by panel name, or ``decision-<id>``/``approval-<id>`` for a request's forms)."""
    bound = bound or {}
    staff = list(staff_of_organizations(user=user).filter(organizations=case.organization_id))
    requests = list(case.requests.all())
    forms = {
        "assign": AssignForm(initial={"assignee": case.assignee_id}, staff=staff),
        "note": NoteForm(),
        "message": MessageForm(),
        "identity": IdentityForm(organization=case.organization),
        "fee": FeeForm(initial={"amount": case.fee_amount, "received_on": timezone.localdate()}),
        "outcome": OutcomeForm(initial={"outcome": case.outcome}),
        **panel_forms(case),
        **{k: v for k, v in bound.items() if not k.startswith(("decision", "approval"))},
    }
    decision_forms = [
        (
            item,
            bound.get(f"decision-{item.pk}")
            or DecisionForm(
                prefix=f"r{item.pk}",
                initial={
                    "decision": item.decision or "granted",
                    "legal_ground": item.legal_ground,
                    "reason": item.reason,
                },
            ),
            bound.get(f"approval-{item.pk}") or ApprovalForm(prefix=f"approval-{item.pk}"),
        )
        for item in requests
    ]
    return {
        "case": case,
        "requests": decision_forms,
        "forms": forms,
        "actions": allowed_actions(case),
        "attachments": list(case.attachments.select_related("message")),
        "messages_list": list(case.messages.select_related("author")),
        "verifications": list(case.verifications.select_related("verified_by")),
        "fee_records": list(case.fee_records.select_related("recorded_by")),
        "timeline": case_timeline(case=case),
        "duplicates": case_possible_duplicates(case=case),
        "links": list(case.links_from.select_related("to_case")) + list(case.links_to.select_related("from_case")),
        "now": timezone.now(),
        "canonical_path": reverse("staff:case", kwargs={"case_id": case.pk}),
        "laws": sorted({RequestType(r.request_type).jurisdiction.label for r in requests}) or [Jurisdiction.APPI.label],
        "days_left": (days_left := business_days_left(case)),
        "days_overdue": -days_left if days_left is not None and days_left < 0 else 0,
        "rights": case_rights(case=case, requests=requests, bound=cast(ExtensionForm | None, bound.get("extension"))),
        "letters": list(case.letters.order_by("-created_at")),
    }
