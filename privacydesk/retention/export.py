"""A person's data export: everything one organisation holds about one requester, across their cases, as a ZIP.

Used to answer a disclosure request made to that organisation, so it holds that organisation's records only —
never another desk's, even when the same supervisor works for both. The ZIP is written to a temporary file on
disk (never built in memory) and then streamed: README.txt and README-ja.txt (what the files are), person.json,
one case.json per case, the letters' PDFs and the documents, decrypted — they are the person's data.

It is meant to be handed to the person: every code (``"status": "replied"``) sits next to its meaning in the
case's correspondence language (``"status_label"``), and every time is Japan time with its offset
(``2026-11-26T17:19:00+09:00``), not bare UTC.
"""

import datetime
import json
import re
import zipfile
from typing import IO
from zoneinfo import ZoneInfo

from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from privacydesk.cases.models import Case
from privacydesk.cases.workflow import Status
from privacydesk.organizations.models import Organization

EXPORT_TIME_ZONE = ZoneInfo("Asia/Tokyo")

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

LETTER_FIELDS = (
    "kind", "version", "status", "number", "language", "letter_date", "posted_on", "postal_service", "body", "sha256",
)  # fmt: skip


def _safe(name: str) -> str:
    """A file name that cannot climb out of its folder in the ZIP."""
    name = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", name).strip(". ") or "file"
    return name[:120]


def _label(obj, name: str, value):
    """The meaning of a coded value (a field with choices) in the active language, or None."""
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not field.choices or value in (None, ""):
        return None
    return str(dict(field.flatchoices).get(value, value))


def _values(obj, names, renamed: dict[str, str] | None = None) -> dict:
    """The fields ``names`` of ``obj``; a coded one is followed by ``<name>_label``, its meaning."""
    values = {}
    for name in names:
        value = getattr(obj, name)
        key = (renamed or {}).get(name, name)
        values[key] = value
        label = _label(obj, name, value)
        if label is not None:
            values[f"{key}_label"] = label
    return values


def _event_data(data: dict) -> dict:
    """An event's details; a status change also says what the statuses mean."""
    data = dict(data)
    for key in ("from", "to"):
        if data.get(key) in Status.values:
            data[f"{key}_label"] = str(Status(data[key]).label)
    return data


def _case_document(case: Case) -> dict:
    """One case, with the codes' meanings in the case's correspondence language."""
    with translation.override(case.language):
        return {
            **_values(case, CASE_FIELDS),
            "organization": case.organization.slug,
            "organization_name": case.organization.name,
            "person": _values(case, PERSON_FIELDS),
            "agent": _values(case, AGENT_FIELDS) if case.agent_type else None,
            "merged_into": case.merged_into.reference if case.merged_into_id else None,
            "requests": [
                _values(r, ("request_type", "decision", "legal_ground", "reason", "decided_at", "approval"))
                for r in case.requests.all()
            ],
            "timeline": [
                {
                    **_values(e, ("created_at", "kind"), {"created_at": "at"}),
                    "by_staff": e.actor_id is not None,
                    "data": _event_data(e.data),
                }
                for e in case.events.all()
            ],
            "messages": [
                _values(m, ("created_at", "direction", "body"), {"created_at": "at"}) for m in case.messages.all()
            ],
            "identity_verifications": [
                _values(
                    v,
                    ("verified_at", "method", "result", "matched_items", "document_type", "agent_proof", "note"),
                    {"verified_at": "at"},
                )
                for v in case.verifications.all()
            ],
            "fees": [
                _values(f, ("recorded_at", "kind", "amount", "method", "received_on", "reason"), {"recorded_at": "at"})
                for f in case.fee_records.all()
            ],
            "letters": [
                {
                    **_values(letter, LETTER_FIELDS),
                    "pdf": f"letters/{_letter_name(letter)}" if letter.pdf else None,
                }
                for letter in case.letters.all()
            ],
            "documents": [
                {
                    **_values(
                        a,
                        ("kind", "id_document_type", "original_name", "size", "sha256", "created_at"),
                        {"created_at": "uploaded_at"},
                    ),
                    "file": f"documents/{_document_name(a)}",
                }
                for a in case.attachments.all()
            ],
        }


def _letter_name(letter) -> str:
    return f"{letter.kind}-v{letter.version}.pdf"


def _document_name(attachment) -> str:
    return f"{attachment.pk}-{_safe(attachment.original_name)}"


def _scope(organization: Organization, language: str) -> str:
    with translation.override(language):
        return _(
            "Only the records of %(organization)s are included: records held by other companies are not part of "
            "this answer."
        ) % {"organization": organization.name}


def _person_document(cases: list[Case], organization: Organization, now) -> dict:
    """The requester's details as held: each distinct set of details, with the cases that hold it."""
    held: dict[str, dict] = {}
    for case in cases:
        details = _values(case, PERSON_FIELDS)
        key = json.dumps(details, cls=DjangoJSONEncoder, sort_keys=True)
        held.setdefault(key, {"details": details, "cases": []})["cases"].append(case.reference)
    return {
        "generated_at": now,
        "scope": {
            "organization": organization.slug,
            "organization_name_ja": organization.name_ja,
            "organization_name_en": organization.name_en or organization.name_ja,
            "ja": _scope(organization, "ja"),
            "en": _scope(organization, "en"),
        },
        "cases": [case.reference for case in cases],
        "details_as_held": list(held.values()),
    }


def _readme(organization: Organization, now, language: str) -> str:
    """What the files are, for the person reading the ZIP."""
    with translation.override(language):
        when = formats.date_format(timezone.localtime(now, EXPORT_TIME_ZONE), "DATETIME_FORMAT")
        files = [
            _("Files:"),
            "- " + _("person.json: your details as we hold them, and the reference numbers of your cases."),
            "- "
            + _(
                "cases/<reference number>/case.json: one file per case: the request, its progress (timeline), "
                "messages, identity verification, fees, letters and documents."
            ),
            "- " + _("cases/<reference number>/letters/: the letters we wrote to you, as PDF files."),
            "- " + _("cases/<reference number>/documents/: the documents attached to the case."),
        ]
        paragraphs = [
            _("Personal data held by %(organization)s") % {"organization": organization.name},
            _(
                "This archive answers your request for disclosure of the personal data that %(organization)s "
                "holds about you. Created: %(when)s (Japan time)."
            )
            % {"organization": organization.name, "when": when},
            _scope(organization, language),
            "\r\n".join(files),
            _(
                "In the .json files, a code (for example “status”) is followed by its meaning (“status_label”). "
                "Times are Japan time with their offset from UTC, for example 2026-04-01T09:30:00+09:00."
            ),
        ]
    return "\r\n\r\n".join(paragraphs) + "\r\n"


def _decrypted(field_file) -> bytes:
    """One stored file, decrypted, without keeping it on the model (``FieldFile.open`` would hold every file
    of the export in memory until the end: a ``ContentFile`` does not let go of its bytes when closed)."""
    return field_file.storage.open(field_file.name).read()


class _Encoder(DjangoJSONEncoder):
    """Times in Japan time with their offset (``+09:00``), to the second."""

    def default(self, o):
        if isinstance(o, datetime.datetime) and timezone.is_aware(o):
            return o.astimezone(EXPORT_TIME_ZONE).isoformat(timespec="seconds")
        return super().default(o)


def _dump(data) -> str:
    return json.dumps(data, cls=_Encoder, ensure_ascii=False, indent=2)


def person_export_write(*, cases: list[Case], organization: Organization, target: IO[bytes]) -> None:
    """Write the ZIP of ``cases`` (all the same person's at ``organization``, already checked against the user)
    into ``target``."""
    if any(case.organization_id != organization.pk for case in cases):
        raise ValueError("A person's data export holds the cases of one organisation only.")
    now = timezone.now()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(organization, now, "en"))
        archive.writestr("README-ja.txt", _readme(organization, now, "ja"))
        archive.writestr("person.json", _dump(_person_document(cases, organization, now)))
        for case in cases:
            folder = f"cases/{case.reference}"
            archive.writestr(f"{folder}/case.json", _dump(_case_document(case)))
            for letter in case.letters.all():
                if letter.pdf:
                    archive.writestr(f"{folder}/letters/{_letter_name(letter)}", _decrypted(letter.pdf))
            for attachment in case.attachments.all():
                archive.writestr(f"{folder}/documents/{_document_name(attachment)}", _decrypted(attachment.file))
