"""A person's data export: everything the desk holds about one requester, across their cases, as a ZIP.

Used to answer a disclosure request about the desk's own records. The ZIP is written to a temporary file on
disk (never built in memory) and then streamed: person.json, one case.json per case, the letters' PDFs and the
documents, decrypted — they are the person's data.
"""

import json
import re
import zipfile
from typing import IO

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from privacydesk.cases.models import Case

PERSON_FIELDS = (
    "name", "furigana", "date_of_birth", "email", "phone", "postal_code", "address", "customer_number",
)  # fmt: skip
AGENT_FIELDS = (
    "agent_type", "agent_name", "agent_furigana", "agent_relationship", "agent_email", "agent_phone",
    "agent_postal_code", "agent_address",
)  # fmt: skip
CASE_FIELDS = (
    "reference", "kind", "status", "channel", "received_at", "language", "reply_method", "subject", "message",
    "units", "fee_amount", "fee_status", "due_at", "ack_due_at", "extended_at", "extension_reason",
    "identity_verified", "outcome", "closed_at", "anonymised_at", "created_at", "updated_at",
)  # fmt: skip


def _safe(name: str) -> str:
    """A file name that cannot climb out of its folder in the ZIP."""
    name = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", name).strip(". ") or "file"
    return name[:120]


def _values(obj, names) -> dict:
    return {name: getattr(obj, name) for name in names}


def _case_document(case: Case) -> dict:
    return {
        **_values(case, CASE_FIELDS),
        "organization": case.organization.slug,
        "person": _values(case, PERSON_FIELDS),
        "agent": _values(case, AGENT_FIELDS) if case.agent_type else None,
        "merged_into": case.merged_into.reference if case.merged_into_id else None,
        "requests": [
            {
                "request_type": r.request_type,
                "decision": r.decision,
                "legal_ground": r.legal_ground,
                "reason": r.reason,
                "decided_at": r.decided_at,
                "approval": r.approval,
            }
            for r in case.requests.all()
        ],
        "timeline": [
            {"at": e.created_at, "kind": e.kind, "by_staff": e.actor_id is not None, "data": e.data}
            for e in case.events.all()
        ],
        "messages": [{"at": m.created_at, "direction": m.direction, "body": m.body} for m in case.messages.all()],
        "identity_verifications": [
            {
                "at": v.verified_at,
                "method": v.method,
                "result": v.result,
                "matched_items": v.matched_items,
                "document_type": v.document_type,
                "agent_proof": v.agent_proof,
                "note": v.note,
            }
            for v in case.verifications.all()
        ],
        "fees": [
            {
                "at": f.recorded_at,
                "kind": f.kind,
                "amount": f.amount,
                "method": f.method,
                "received_on": f.received_on,
                "reason": f.reason,
            }
            for f in case.fee_records.all()
        ],
        "letters": [
            {
                "kind": letter.kind,
                "version": letter.version,
                "status": letter.status,
                "number": letter.number,
                "language": letter.language,
                "letter_date": letter.letter_date,
                "posted_on": letter.posted_on,
                "postal_service": letter.postal_service,
                "body": letter.body,
                "sha256": letter.sha256,
                "pdf": f"letters/{_letter_name(letter)}" if letter.pdf else None,
            }
            for letter in case.letters.all()
        ],
        "documents": [
            {
                "kind": a.kind,
                "id_document_type": a.id_document_type,
                "original_name": a.original_name,
                "size": a.size,
                "sha256": a.sha256,
                "uploaded_at": a.created_at,
                "file": f"documents/{_document_name(a)}",
            }
            for a in case.attachments.all()
        ],
    }


def _letter_name(letter) -> str:
    return f"{letter.kind}-v{letter.version}.pdf"


def _document_name(attachment) -> str:
    return f"{attachment.pk}-{_safe(attachment.original_name)}"


def _person_document(cases: list[Case], now) -> dict:
    """The requester's details as held: each distinct set of details, with the cases that hold it."""
    held: dict[str, dict] = {}
    for case in cases:
        details = _values(case, PERSON_FIELDS)
        key = json.dumps(details, cls=DjangoJSONEncoder, sort_keys=True)
        held.setdefault(key, {"details": details, "cases": []})["cases"].append(case.reference)
    return {
        "generated_at": now,
        "cases": [case.reference for case in cases],
        "organizations": sorted({case.organization.slug for case in cases}),
        "details_as_held": list(held.values()),
    }


def _decrypted(field_file) -> bytes:
    """One stored file, decrypted, without keeping it on the model (``FieldFile.open`` would hold every file
    of the export in memory until the end: a ``ContentFile`` does not let go of its bytes when closed)."""
    return field_file.storage.open(field_file.name).read()


def _dump(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def person_export_write(*, cases: list[Case], target: IO[bytes]) -> None:
    """Write the ZIP of ``cases`` (all the same person's, already checked against the user) into ``target``."""
    now = timezone.now()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("person.json", _dump(_person_document(cases, now)))
        for case in cases:
            folder = f"cases/{case.reference}"
            archive.writestr(f"{folder}/case.json", _dump(_case_document(case)))
            for letter in case.letters.all():
                if letter.pdf:
                    archive.writestr(f"{folder}/letters/{_letter_name(letter)}", _decrypted(letter.pdf))
            for attachment in case.attachments.all():
                archive.writestr(f"{folder}/documents/{_document_name(attachment)}", _decrypted(attachment.file))
