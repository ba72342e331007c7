"""Forms of the staff desk. They validate input only; the views call one service each."""

from typing import Any

from crispy_forms.layout import Fieldset
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from privacydesk.accounts.models import User
from privacydesk.core.forms import CleanInputForm
from privacydesk.core.vocabulary import Channel, IdDocument, PaymentMethod, RequestType, VerificationMethod
from privacydesk.organizations.models import Organization

from ..choices import WITHHOLDING_DECISIONS
from ..models import Decision, FeeRecord, IdentityVerification, Kind, LegalGround
from ..selectors.staff import QueueFilters
from ..workflow import Action, Status
from .public import CaseForm, UploadField

BLANK = [("", "---------")]


class QueueFilterForm(CleanInputForm):
    organization = forms.TypedChoiceField(label=_("Organisation"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=BLANK + Kind.choices)
    request_type = forms.ChoiceField(label=_("Request type"), required=False, choices=BLANK + RequestType.choices)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        initial="open",
        choices=[("open", _("All open")), ("all", _("All")), *Status.choices],
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=BLANK + Channel.choices)
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    due = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[("", _("Any")), ("soon", _("Due soon")), ("overdue", _("Overdue"))],
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Reference, name, furigana, e-mail or phone")}),
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("due", _("Deadline, soonest first")),
            ("-received", _("Newest first")),
            ("received", _("Oldest first")),
        ],
    )

    def __init__(self, *args, organizations, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", _("All my organisations"))] + [
            (o.pk, o.name) for o in organizations
        ]
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", pgettext_lazy("assignee", "Nobody")),
        ] + [(str(u.pk), u.get_full_name() or u.get_username()) for u in staff]
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select form-select-sm" if is_select else "form-control form-control-sm"

    def filters(self) -> QueueFilters:
        """The chosen filters; with none chosen, the open cases by deadline (the day's work)."""
        if not self.is_bound:
            return QueueFilters(status="open")
        if not self.is_valid():
            return QueueFilters(status="open")
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return QueueFilters(**data)


class AssignForm(CleanInputForm):
    prefix = "assign"  # unique ids on the case page, where every panel has a form

    assignee = forms.TypedChoiceField(label=_("Assignee"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, staff: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", pgettext_lazy("assignee", "Nobody"))] + [
            (u.pk, u.get_full_name() or u.get_username()) for u in staff
        ]


class NoteForm(CleanInputForm):
    prefix = "note"  # unique ids on the case page, where every panel has a form

    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class MessageForm(CleanInputForm):
    prefix = "msg"  # unique ids on the case page, where every panel has a form

    body = forms.CharField(
        label=_("Message to the requester"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    ask = forms.BooleanField(label=_("We need something from the requester: wait for their answer"), required=False)


class IdentityForm(CleanInputForm):
    prefix = "idv"  # unique ids on the case page, where every panel has a form

    method = forms.ChoiceField(label=_("Method"), choices=VerificationMethod.choices)
    matched_items = forms.CharField(
        label=_("Items that matched our records"),
        required=False,
        max_length=300,
        help_text=_("For example: telephone number and date of birth."),
    )
    document_type = forms.ChoiceField(label=_("Identity document"), required=False, choices=BLANK + IdDocument.choices)
    masking_confirmed = forms.BooleanField(
        label=_(
            "Checked: no Individual Number is kept; on a health insurance card or eligibility certificate the insurer number, symbol, number and QR code are masked"
        ),
        required=False,
    )
    agent_proof = forms.ChoiceField(
        label=_("Agent's authority"), required=False, choices=IdentityVerification.AgentProof.choices
    )
    result = forms.ChoiceField(label=_("Result"), choices=IdentityVerification.Result.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [
            (m, VerificationMethod(m).label) for m in organization.verification_methods
        ] or VerificationMethod.choices
        if organization.id_documents:
            self.fields["document_type"].choices = BLANK + [(d, IdDocument(d).label) for d in organization.id_documents]

    def clean(self):
        data = super().clean()
        if (
            data.get("method") == VerificationMethod.RECORDS
            and data.get("result") == "verified"
            and not data.get("matched_items")
        ):
            self.add_error("matched_items", _("Say which items matched our records."))
        if data.get("method") == VerificationMethod.DOCUMENT and not data.get("document_type"):
            self.add_error("document_type", _("Choose the identity document."))
        return data


class FeeForm(CleanInputForm):
    prefix = "fee"  # unique ids on the case page, where every panel has a form

    kind = forms.ChoiceField(label=_("Record"), choices=FeeRecord.Kind.choices)
    amount = forms.IntegerField(label=_("Amount (JPY, tax included)"), min_value=0, required=False)
    method = forms.ChoiceField(label=_("Payment method"), required=False, choices=BLANK + PaymentMethod.choices)
    received_on = forms.DateField(
        label=_("Date received"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("kind") in (FeeRecord.Kind.PAYMENT, FeeRecord.Kind.EXTRA) and not data.get("amount"):
            self.add_error("amount", _("Enter the amount."))
        if data.get("kind") == FeeRecord.Kind.PAYMENT:
            if not data.get("method"):
                self.add_error("method", _("Choose how the fee was paid."))
            if not data.get("received_on"):
                self.add_error("received_on", _("Enter the date the fee was received."))
            elif data["received_on"] > timezone.localdate():
                self.add_error("received_on", _("The date cannot be in the future."))
        if data.get("kind") in (FeeRecord.Kind.WAIVER, FeeRecord.Kind.EXTRA) and not data.get("reason"):
            self.add_error("reason", _("Give the reason."))
        data["amount"] = data.get("amount") or 0
        return data


class DecisionForm(CleanInputForm):
    decision = forms.ChoiceField(label=_("Decision"), choices=[c for c in Decision.choices if c[0]])
    legal_ground = forms.ChoiceField(label=_("Legal ground"), required=False, choices=BLANK + LegalGround.choices)
    reason = forms.CharField(
        label=_("Reasons (explained to the requester)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") in WITHHOLDING_DECISIONS:
            if not data.get("legal_ground"):
                self.add_error("legal_ground", _("Choose the legal ground."))
            if not data.get("reason"):
                self.add_error("reason", _("Write the reasons: the law asks us to explain them."))
        return data


class ApprovalForm(CleanInputForm):
    approve = forms.TypedChoiceField(
        label=_("Approval"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Approve")), ("no", _("Return for rework"))],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class OutcomeForm(CleanInputForm):
    prefix = "outcome"  # unique ids on the case page, where every panel has a form

    outcome = forms.CharField(label=_("Outcome and reply"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)


class ExtensionForm(CleanInputForm):
    """The extension of one right's deadline (GDPR or CCPA), with the reasons the requester is told."""

    prefix = "ext"

    request = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for the extension (sent to the requester)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class TransitionForm(CleanInputForm):
    prefix = "status"  # unique ids on the case page, where every panel has a form

    action = forms.ChoiceField(choices=Action.choices)
    note = forms.CharField(required=False, max_length=500)


class IntakeForm(CaseForm):
    """A case that arrived by post, FAX, phone, visit or e-mail, entered by staff with its date of arrival."""

    channel = forms.ChoiceField(label=_("Received by"), choices=[c for c in Channel.choices if c[0] != Channel.WEB])
    received_at = forms.DateTimeField(
        label=_("Date and time of arrival"),
        help_text=_("When the request reached the desk; deadlines count from it."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"],
    )
    scanned_document = UploadField(label=_("Scanned request or document"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("consent", "website"):
            del self.fields[name]
        self.fields["email"].required = False
        self.fields["received_at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        self.helper = self._helper()
        self.helper.layout.insert(0, Fieldset(_("Arrival"), "channel", "received_at", "scanned_document"))

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        if value > timezone.now():
            raise forms.ValidationError(_("The date of arrival cannot be in the future."))
        return value
