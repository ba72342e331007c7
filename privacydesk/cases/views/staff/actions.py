"""The work on a case: one POST view per action, each binding a form and calling one service.

On a refused action the page says why; on invalid input it is shown again with what was typed. Every form
carries the case version its page showed (``version``); a change sent from a page older than the case is
refused with 409 and the page is shown again as the case now is, with what was typed still in the form.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from privacydesk.accounts.decorators import staff_required
from privacydesk.accounts.models import User
from privacydesk.audit.services import audit_record
from privacydesk.core.errors import ActionRefused

from ...forms.staff import (
    ApprovalForm,
    AssignForm,
    DecisionForm,
    ExtensionForm,
    FeeForm,
    IdentityForm,
    MessageForm,
    NoteForm,
    OutcomeForm,
    TransitionForm,
)
from ...models import Case, CaseRequest
from ...selectors.case_page import case_page_context
from ...selectors.staff import case_get_for_staff, staff_of_organizations
from ...services import case_transition
from ...services import staff as services
from ...services.deadlines import deadline_extend
from ...services.versions import StaleCase, seen_version
from ...workflow import Action, InvalidTransition


def _page(request: HttpRequest, case: Case, bound: dict, status: int) -> HttpResponse:
    """The case page again, with the form that was refused as it was typed."""
    context = case_page_context(case=case, user=request.user, bound=bound)
    return render(request, "staff/case.html", context, status=status)


def _act(
    request: HttpRequest,
    case: Case,
    form,
    key: str,
    perform: Callable[[dict, int], object],
    done: str,
) -> HttpResponse:
    if not form.is_valid():
        messages.error(request, _("Please correct the fields marked below."))
        return _page(request, case, {key: form}, 400)
    try:
        perform(form.cleaned_data, _version(request))
    except (ActionRefused, InvalidTransition) as refused:
        messages.error(request, refused.message)
        return _page(request, _case(request, case.pk), {key: form}, 409)  # the case as it is now
    audit_record(request=request, action="change", case=case, detail={"what": key})
    messages.success(request, done)
    return redirect("staff:case", case_id=case.pk)


def _case(request: HttpRequest, case_id: int) -> Case:
    return case_get_for_staff(user=request.user, case_id=case_id)


def _version(request: HttpRequest) -> int:
    """The case version the page showed when the form was filled in."""
    return seen_version(request.POST.get("version"))


@require_POST
@staff_required
def transition(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    form = TransitionForm(request.POST)
    return _act(
        request, case, form, "transition",
        lambda d, v: case_transition(
            case_id=case.pk, action=Action(d["action"]), actor=request.user, note=d["note"], version=v
        ),
        _("The status has been changed."),
    )  # fmt: skip


@require_POST
@staff_required
def assign(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    staff = list(staff_of_organizations(user=request.user).filter(organizations=case.organization_id))
    form = AssignForm(request.POST, staff=staff)

    def perform(d, v):
        assignee = User.objects.get(pk=d["assignee"]) if d["assignee"] else None
        services.case_assign(case_id=case.pk, assignee=assignee, actor=request.user, version=v)

    return _act(request, case, form, "assign", perform, _("The assignment has been saved."))


@require_POST
@staff_required
def note(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    return _act(
        request, case, NoteForm(request.POST), "note",
        lambda d, v: services.case_note_add(case_id=case.pk, text=d["text"], actor=request.user),  # an append: no check
        _("The note has been added."),
    )  # fmt: skip


@require_POST
@staff_required
def message(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    return _act(
        request, case, MessageForm(request.POST), "message",
        lambda d, v: services.requester_message_send(
            case_id=case.pk, actor=request.user, body=d["body"], ask=d["ask"], version=v
        ),
        _("The message has been sent to the requester."),
    )  # fmt: skip


@require_POST
@staff_required
def identity(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    form = IdentityForm(request.POST, organization=case.organization)
    return _act(
        request, case, form, "identity",
        lambda d, v: services.identity_verify(case_id=case.pk, actor=request.user, version=v, **d),
        _("The identity verification has been recorded."),
    )  # fmt: skip


@require_POST
@staff_required
def fee(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    return _act(
        request, case, FeeForm(request.POST), "fee",
        lambda d, v: services.fee_record(case_id=case.pk, actor=request.user, version=v, **d),
        _("The handling fee has been recorded."),
    )  # fmt: skip


@require_POST
@staff_required
def decision(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
    case = _case(request, case_id)
    item = get_object_or_404(CaseRequest, pk=request_id, case=case)
    form = DecisionForm(request.POST, prefix=f"r{item.pk}")
    return _act(
        request, case, form, f"decision-{item.pk}",
        lambda d, v: services.decision_record(request_id=item.pk, actor=request.user, version=v, **d),
        _("The decision has been recorded."),
    )  # fmt: skip


@require_POST
@staff_required
def approval(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
    case = _case(request, case_id)
    item = get_object_or_404(CaseRequest, pk=request_id, case=case)
    return _act(
        request, case, ApprovalForm(request.POST, prefix=f"approval-{item.pk}"), f"approval-{item.pk}",
        lambda d, v: services.decision_approve(
            request_id=item.pk, actor=request.user, approve=d["approve"], note=d["note"], version=v
        ),
        _("The supervisor's answer has been recorded."),
    )  # fmt: skip


@require_POST
@staff_required
def outcome(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    return _act(
        request, case, OutcomeForm(request.POST), "outcome",
        lambda d, v: services.outcome_record(case_id=case.pk, actor=request.user, outcome=d["outcome"], version=v),
        _("The outcome has been recorded."),
    )  # fmt: skip


@require_POST
@staff_required
def link(request: HttpRequest, case_id: int, other_id: int) -> HttpResponse:
    case = _case(request, case_id)
    other = _case(request, other_id)
    merge = request.POST.get("merge") == "yes"
    try:
        if merge:
            services.case_merge(case_id=other.pk, into_id=case.pk, actor=request.user, version=_version(request))
        else:
            services.case_link(case_id=case.pk, other_id=other.pk, actor=request.user, version=_version(request))
    except StaleCase as stale:
        messages.error(request, stale.message)
        return _page(request, _case(request, case.pk), {}, 409)
    except ActionRefused as refused:
        messages.error(request, refused.message)
        return redirect("staff:case", case_id=case.pk)
    audit_record(
        request=request,
        action="change",
        case=case,
        detail={"what": "merge" if merge else "link", "other": other.reference},
    )
    messages.success(request, _("The cases have been merged.") if merge else _("The cases have been linked."))
    return redirect("staff:case", case_id=case.pk)


@require_POST
@staff_required
def extend(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        return _page(request, case, {"extension": form}, 400)
    try:
        deadline_extend(
            case_id=case.pk,
            request_id=form.cleaned_data["request"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            version=_version(request),
        )
    except StaleCase as stale:  # the page was older than the case: shown again as it is now, reason kept
        messages.error(request, stale.message)
        return _page(request, _case(request, case.pk), {"extension": form}, 409)
    except ActionRefused as refused:
        messages.error(request, refused.message)
        return _page(request, case, {"extension": form}, 400)
    audit_record(
        request=request,
        action="change",
        case=case,
        detail={"what": "extension", "request": form.cleaned_data["request"]},
    )
    messages.success(request, _("The deadline has been extended and the requester has been told."))
    return redirect("staff:case", case_id=case.pk)
