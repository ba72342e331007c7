"""Cases for retention tests, built through the real services: an answered inquiry, a verified request with
an ID copy, a letter with its PDF."""

import hashlib

from django.core.files.base import ContentFile

from privacydesk.cases.models import AttachmentKind, Case, Kind
from privacydesk.cases.services import Requester, case_submit, case_transition, staged_upload_create
from privacydesk.cases.services import staff as services
from privacydesk.cases.uploads import CheckedFile
from privacydesk.cases.workflow import Action
from privacydesk.letters.services import letter_draft
from tests.cases.helpers import submission
from tests.conftest import PDF_BYTES

PERSON = Requester(
    name="架空 花子",
    furigana="カクウ ハナコ",
    email="hanako.kakuu@example.jp",
    phone="0355550199",
    postal_code="135-0016",
    address="東京都江東区東陽九丁目9番9号",
    customer_number="C-778899",
)
PERSONAL_VALUES = [
    "架空 花子",
    "カクウ ハナコ",
    "hanako.kakuu@example.jp",
    "0355550199",
    "東京都江東区東陽",
    "C-778899",
]
ID_COPY = b"%PDF-1.4 licence copy of Hanako " + PDF_BYTES


def _staged(kind: str, content: bytes, name: str):
    checked = CheckedFile(content, "application/pdf", hashlib.sha256(content).hexdigest(), name)
    id_type = "driving_licence" if kind == AttachmentKind.ID_DOCUMENT else ""
    return staged_upload_create(session_key="s", checked=checked, kind=kind, id_document_type=id_type)


def verified_request(organization, actor, *, requester: Requester = PERSON) -> Case:
    """A request with an ID copy and another document, the identity verified, then decided and replied to."""
    case = case_submit(
        organization=organization,
        submission=submission(requester=requester, message="私の契約 C-778899 のデータを開示してください。"),
        staged_uploads=[
            _staged(AttachmentKind.ID_DOCUMENT, ID_COPY, "licence.pdf"),
            _staged(AttachmentKind.OTHER, b"%PDF-1.4 bill " + PDF_BYTES, "bill.pdf"),
        ],
    )
    services.identity_verify(
        case_id=case.pk,
        actor=actor,
        method="document",
        result="verified",
        document_type="driving_licence",
        masking_confirmed=True,
        matched_items="電話番号 0355550199",
        note="免許証の住所は東京都江東区東陽",
    )
    services.fee_record(case_id=case.pk, actor=actor, kind="waiver", reason="架空 花子様の事情")
    services.case_note_add(case_id=case.pk, text="架空 花子様から電話あり 0355550199", actor=actor)
    case.refresh_from_db()
    return case


def close_request(case: Case, actor) -> Case:
    item = case.requests.get()
    services.decision_record(request_id=item.pk, actor=actor, decision="granted")
    case_transition(case_id=case.pk, action=Action.START, actor=actor)
    case_transition(case_id=case.pk, action=Action.DECIDE, actor=actor)
    case_transition(case_id=case.pk, action=Action.REPLY, actor=actor)
    return Case.objects.get(pk=case.pk)


def answered_inquiry(organization, actor, *, requester: Requester = PERSON, kind: Kind = Kind.INQUIRY) -> Case:
    """An inquiry (or, with ``kind``, a complaint) answered and so closed."""
    case = case_submit(
        organization=organization,
        submission=submission(kind=kind, requester=requester, subject="利用目的", message="架空 花子です。"),
    )
    case_transition(case_id=case.pk, action=Action.START, actor=actor)
    services.outcome_record(case_id=case.pk, actor=actor, outcome="架空 花子様に利用目的を説明した。")
    case_transition(case_id=case.pk, action=Action.DECIDE, actor=actor)
    case_transition(case_id=case.pk, action=Action.REPLY, actor=actor, note="架空 花子様へ回答")
    return Case.objects.get(pk=case.pk)


def letter_with_pdf(case: Case, actor):
    kind = "acknowledgement" if case.kind == Kind.REQUEST else "inquiry_reply"
    letter = letter_draft(case=case, kind=kind, actor=actor, body="架空 花子様 ご契約の情報")
    letter.pdf.save("x.pdf", ContentFile(b"%PDF-1.4 letter to Hanako " + PDF_BYTES))
    return letter
