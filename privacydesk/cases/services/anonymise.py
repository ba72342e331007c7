"""Anonymising a case when its retention period ends: the requester's details go, the register row stays."""

from datetime import datetime

from ..models import Attachment, Case, new_tracking_salt
from .versions import case_save

ANONYMISED_NAME = "[anonymised]"
# Keys of CaseEvent.data that hold free text typed by staff or the requester (notes, reasons, e-mail addresses).
PERSONAL_EVENT_KEYS = frozenset({"text", "note", "outcome", "reason", "recipient", "assignee_note"})


def _scrub(data: dict) -> dict:
    return {key: ("" if key in PERSONAL_EVENT_KEYS and value else value) for key, value in data.items()}


def case_anonymise(*, case: Case, now: datetime) -> tuple[dict, list[tuple]]:
    """Replace the requester's (and agent's) details with placeholders, drop documents, message bodies and
    free-text notes. The case keeps its reference, kind, dates, statuses and decisions, for statistics.
    Returns the counts and the stored files to delete once the transaction's database work is done.

    The caller holds the case's row lock (the retention run claims it); the version moves like on every other
    change, so a case page left open elsewhere can no longer save over the anonymised case."""
    attachments = list(case.attachments.all())
    files = [(a.file.storage, a.file.name) for a in attachments if a.file]
    Attachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    messages = case.messages.exclude(body="").update(body="")
    notifications, _ = case.notifications.all().delete()
    events = 0
    for event in case.events.all():
        scrubbed = _scrub(event.data)
        if scrubbed != event.data:
            event.data = scrubbed
            event.save(update_fields=["data"])
            events += 1
    case.verifications.update(matched_items="", note="")
    case.fee_records.update(reason="")
    case.requests.update(reason="", extension_reason="")
    cleared = (
        "furigana", "email", "phone", "postal_code", "address", "customer_number", "agent_name", "agent_furigana",
        "agent_relationship", "agent_email", "agent_phone", "agent_postal_code", "agent_address", "subject",
        "message", "outcome", "extension_reason", "name_key", "email_key", "phone_key",
    )  # fmt: skip
    for name in cleared:
        setattr(case, name, "")
    case.name = ANONYMISED_NAME
    case.date_of_birth = None
    case.tracking_salt = new_tracking_salt()  # the requester's tracking link stops working
    case.anonymised_at = now
    case_save(case, [*cleared, "name", "date_of_birth", "tracking_salt", "anonymised_at", "updated_at"])
    counts = {"attachments": len(files), "messages": messages, "notifications": notifications, "events": events}
    return counts, files
