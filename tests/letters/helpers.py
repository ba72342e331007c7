"""Letters for tests: a decided request with an address, and PDF reading helpers."""

import io

from pypdf import PdfReader

from privacydesk.cases.services import Requester, case_submit
from privacydesk.cases.services import staff as services
from privacydesk.letters.models import LetterKind
from tests.cases.helpers import submission

MM_PER_PT = 25.4 / 72
A4_HEIGHT_MM = 297


def decided_request(organization, actor, approver, *, language="ja", decision="granted", reply_method="post"):
    requester = Requester(
        name="山田 太郎" if language == "ja" else "Emma Schmidt",
        furigana="ヤマダ タロウ" if language == "ja" else "",
        email="taro@example.com",
        postal_code="135-0016",
        address="東京都江東区東陽一丁目1番1号 架空マンション101号室"
        if language == "ja"
        else "1-1-1 Toyo, Koto-ku, Tokyo",
    )
    case = case_submit(
        organization=organization,
        submission=submission(requester=requester, language=language, units=2, reply_method=reply_method),
    )
    services.identity_verify(
        case_id=case.pk,
        actor=actor,
        method="document",
        result="verified",
        document_type="passport",
        masking_confirmed=True,
    )
    services.fee_record(case_id=case.pk, actor=actor, kind="waiver", reason="テスト")
    item = case.requests.get()
    ground = (
        {"legal_ground": "business", "reason": "業務に著しい支障を及ぼすおそれがあるため"}
        if decision != "granted"
        else {}
    )
    services.decision_record(request_id=item.pk, actor=actor, decision=decision, **ground)
    if decision != "granted":
        services.decision_approve(request_id=item.pk, actor=approver, approve=True)
    case.refresh_from_db()
    return case


ALL_KINDS = [k.value for k in LetterKind]


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


def text_positions(data: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """(text, x mm from the left, y mm from the top) of each text run on a page."""
    runs = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            runs.append((text.strip(), x * MM_PER_PT, A4_HEIGHT_MM - y * MM_PER_PT))

    PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return runs


def embedded_fonts(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names
