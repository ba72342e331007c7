"""Reads of cases for the public pages."""

import re
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from privacydesk.core.i18n import join_list
from privacydesk.core.references import normalize_reference
from privacydesk.core.vocabulary import VerificationMethod
from privacydesk.organizations.models import Organization

from ..models import AgentType, AttachmentKind, Case, Kind, Message
from ..workflow import Status

# What normalize_reference gives for a real reference number: anything else cannot be a case.
REFERENCE_SHAPE = re.compile(r"\A[0-9]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\Z")


def reference_is_well_formed(reference: str) -> bool:
    return bool(REFERENCE_SHAPE.match(normalize_reference(reference)))


def case_get_for_tracking(*, organization: Organization, reference: str, token: str) -> Case:
    """The case behind a tracking link, or 404: a wrong token looks exactly like no case. A reference number
    that cannot be one (control characters such as NUL, which PostgreSQL refuses, included) is not looked up."""
    if not reference_is_well_formed(reference):
        raise Http404
    case = (
        Case.objects.filter(organization=organization, reference=normalize_reference(reference))
        .select_related("organization")
        .first()
    )
    if case is None or not case.check_tracking_token(token):
        raise Http404
    return case


def case_public_timeline(*, case: Case) -> list[Message]:
    return list(case.messages.prefetch_related("attachments").order_by("created_at"))


STATUS_EXPLANATIONS = {
    Status.RECEIVED: lambda: _("We have received your case. Reception staff will check it shortly."),
    Status.AWAITING_REQUESTER: lambda: _("We are waiting for something from you. Please see below what we need."),
    Status.IN_PROGRESS: lambda: _("We are working on your case."),
    Status.DECIDED: lambda: _("We have decided on your case and are preparing our answer."),
    Status.REPLIED: lambda: _("We have sent our answer."),
    Status.CLOSED: lambda: _("Your case is closed."),
    Status.WITHDRAWN: lambda: _("Your case was withdrawn."),
    Status.REJECTED: lambda: _("We could not proceed with your case because required information was missing."),
}


@dataclass(frozen=True)
class Need:
    text: str
    detail: str = ""


def case_requester_needs(*, case: Case, attachments: list) -> list[Need]:
    """What the desk still needs from the requester, in plain words."""
    if not case.is_open:
        return []
    org = case.organization
    needs: list[Need] = []
    if case.status == Status.AWAITING_REQUESTER:
        last = case.messages.filter(direction=Message.Direction.TO_REQUESTER).order_by("-created_at").first()
        needs.append(Need(_("The desk has asked you for something."), last.body if last else ""))
    if case.kind == Kind.REQUEST:
        kinds = {a.kind for a in attachments}
        if case.identity_verified:
            pass  # the desk has verified who you are: nothing more to send for that
        elif org.accepts_id_documents and AttachmentKind.ID_DOCUMENT not in kinds:
            needs.append(
                Need(
                    _("A copy of an identity document."),
                    _("We accept: %(documents)s.") % {"documents": join_list(org.id_document_labels())},
                )
            )
        elif VerificationMethod.RECORDS in org.verification_methods and not org.accepts_id_documents:
            needs.append(
                Need(
                    _("Confirmation of your identity."),
                    _("We will ask you to confirm items we already hold: %(items)s.") % {"items": org.records_items}
                    if org.records_items
                    else "",
                )
            )
        has_authority = bool(kinds & {AttachmentKind.POWER_OF_ATTORNEY, AttachmentKind.PROOF_OF_REPRESENTATION})
        if case.agent_type == AgentType.APPOINTED and not has_authority and not case.identity_verified:
            needs.append(Need(_("A power of attorney signed by the person."), ""))
        if case.agent_type == AgentType.LEGAL and not has_authority and not case.identity_verified:
            needs.append(Need(_("Proof of legal representation (for example a family register certificate)."), ""))
        if case.fee_amount and case.fee_status == "due":
            needs.append(
                Need(
                    _("The handling fee of %(amount)s yen (tax included).") % {"amount": f"{case.fee_amount:,}"},
                    _("You can pay by: %(methods)s.") % {"methods": join_list(org.payment_method_labels())}
                    if org.payment_methods
                    else "",
                )
            )
    return needs
