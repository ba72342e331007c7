"""The cases app's choices in one place: kinds, statuses, decisions, grounds, fees, events, e-mails."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    INQUIRY = "inquiry", _("Inquiry")
    COMPLAINT = "complaint", _("Complaint")
    REQUEST = "request", _("Request for disclosure, etc.")


class AgentType(models.TextChoices):
    NONE = "", _("I am the person the data is about")
    LEGAL = "legal", _("Legal representative (parent of a minor, guardian)")
    APPOINTED = "appointed", _("Appointed agent (with a power of attorney)")


class FeeStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", _("No fee")
    DUE = "due", _("Fee due")
    RECEIVED = "received", _("Fee received")
    WAIVED = "waived", _("Fee waived")


FEE_SETTLED = frozenset({FeeStatus.NOT_REQUIRED, FeeStatus.RECEIVED, FeeStatus.WAIVED})


class Language(models.TextChoices):
    JA = "ja", "日本語"
    EN = "en", "English"


class Decision(models.TextChoices):
    PENDING = "", _("Not decided")
    GRANTED = "granted", _("Granted")
    PARTIAL = "partial", _("Granted in part")
    REFUSED = "refused", _("Refused")
    NO_DATA = "no_data", _("No data held")


# Decisions that withhold something: they need a legal ground, reasons (APPI Art. 36) and a supervisor's approval.
WITHHOLDING_DECISIONS = frozenset({Decision.REFUSED, Decision.PARTIAL})


class LegalGround(models.TextChoices):
    """Grounds for refusing, in whole or in part (APPI Art. 33(2), 34, 35), for the explanation of reasons."""

    HARM = "harm", _("Risk of harm to the life, body, property or other rights of the person or a third party")
    BUSINESS = "business", _("Serious interference with the proper conduct of our business")
    OTHER_LAW = "other_law", _("Disclosure would violate another law")
    CONTENTS_TRUE = "contents_true", _("The contents are true: no ground for correction")
    NO_GROUND = "no_ground", _("None of the legal grounds for suspension or erasure applies")
    ALTERNATIVE = "alternative", _("Stopping is very costly or difficult: alternative measures taken")
    NOT_IDENTIFIED = "not_identified", _("Identity or authority could not be confirmed")
    EXCESSIVE = "excessive", _("Manifestly unfounded or excessive (GDPR Art. 12(5))")


class Approval(models.TextChoices):
    NOT_NEEDED = "", _("Not needed")
    PENDING = "pending", _("Awaiting the supervisor")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned by the supervisor")


class AttachmentKind(models.TextChoices):
    ID_DOCUMENT = "id_document", _("Identity document")
    POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney")
    PROOF_OF_REPRESENTATION = "proof_of_representation", _("Proof of legal representation")
    OTHER = "other", _("Other document")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Case received")
    ENTERED = "entered", _("Case entered by staff")
    STATUS_CHANGED = "status_changed", _("Status changed")
    MESSAGE_IN = "message_in", _("Message from the requester")
    MESSAGE_OUT = "message_out", _("Message to the requester")
    DOCUMENT_ADDED = "document_added", _("Document added")
    EMAIL_SENT = "email_sent", _("E-mail sent")
    NOTE = "note", _("Internal note")
    ASSIGNED = "assigned", _("Assignment")
    IDENTITY = "identity", _("Identity verification")
    FEE = "fee", _("Handling fee")
    DECISION = "decision", _("Decision")
    APPROVAL = "approval", _("Supervisor's approval")
    OUTCOME = "outcome", _("Outcome")
    LINKED = "linked", _("Linked case")
    MERGED = "merged", _("Merged case")
    VIEWED = "viewed", _("Viewed by staff")
    DEADLINE = "deadline", _("Deadline")
    LETTER = "letter", _("Letter")


class NotificationKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt")
    TRACKING_LINK = "tracking_link", _("Tracking link")
    MESSAGE_RECEIVED = "message_received", _("Confirmation of your message")
    DESK_MESSAGE = "desk_message", _("Message from the desk")
    EXTENSION = "extension", _("Extension of the deadline")


class Status(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("case status", "Received")
    AWAITING_REQUESTER = "awaiting_requester", pgettext_lazy("case status", "Awaiting requester")
    IN_PROGRESS = "in_progress", pgettext_lazy("case status", "In progress")
    DECIDED = "decided", pgettext_lazy("case status", "Decided")
    REPLIED = "replied", pgettext_lazy("case status", "Replied")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("case status", "Withdrawn")
    REJECTED = "rejected", pgettext_lazy("case status", "Rejected as incomplete")


OPEN_STATUSES = frozenset({Status.RECEIVED, Status.AWAITING_REQUESTER, Status.IN_PROGRESS, Status.DECIDED})
