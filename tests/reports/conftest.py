"""A desk whose October 2025 is worked out by hand: every figure of the report is known in advance.

Days are Tokyo days; 13 October 2025 is a national holiday (Sports Day). "Now" is 5 November 2025, noon.

| case | kind / rights                     | channel | arrived    | ended                      | deadline | notes |
|------|-----------------------------------|---------|------------|----------------------------|----------|-------|
| C1   | request: disclosure               | web     | 10-01 Wed  | replied 10-08 (granted)    | 10-15    | fee 1,000 paid by bank transfer; ID by document |
| C2   | request: disclosure + suspension  | post    | 10-02 Thu  | closed 10-20 (partial: harm; refused: no ground) | 10-16 | paused and extended, late by 4 days (2 business days); fee 1,000 owed; ID by records failed |
| C3   | request: disclosure               | web     | 10-03 Fri  | withdrawn 10-06            | —        | fee 1,000 waived |
| C4   | complaint                         | phone   | 10-06 Mon  | replied 10-10              | 10-20    | themes: billing; first message out 10-08 |
| C5   | complaint                         | e-mail  | 10-09 Thu  | open, in progress          | 10-23    | themes: billing, marketing; assigned to the clerk; overdue now |
| C6   | inquiry                           | web     | 10-14 Tue  | open, awaiting requester   | 11-10    | paused since 10-15 |
| C7   | request: GDPR access (gdpr)       | web     | 10-20 Mon  | rejected 10-27             | —        | |
| C8   | inquiry                           | web     | 09-25 Thu  | replied 10-02              | 10-09    | arrived before the period |
| C10  | inquiry                           | web     | 11-02      | open, received             | —        | after the period |
| X1   | complaint at another organisation | web     | 10-10      | —                          | —        | never counted |
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from privacydesk.cases.choices import Decision, EventKind, FeeStatus, Kind, LegalGround, Status
from privacydesk.cases.models import CaseEvent, CaseRequest, FeeRecord, IdentityVerification
from privacydesk.letters.models import Letter, LetterKind, LetterStatus, PostalService
from privacydesk.reports.models import CaseTag
from privacydesk.reports.periods import Period
from privacydesk.retention.models import DestructionRecord
from tests.factories import CaseFactory, OrganizationFactory, UserFactory

TOKYO = ZoneInfo("Asia/Tokyo")
OCTOBER = Period(date(2025, 10, 1), date(2025, 10, 31))
NOW = datetime(2025, 11, 5, 12, 0, tzinfo=TOKYO)


def at(month: int, day: int, hour: int = 10, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=TOKYO)


def end_of(month: int, day: int) -> datetime:
    return datetime(2025, month, day, 23, 59, 59, tzinfo=TOKYO)


def _request(case, request_type, decision="", ground=""):
    return CaseRequest.objects.create(case=case, request_type=request_type, decision=decision, legal_ground=ground)


def _event(case, kind, when, **data):
    event = CaseEvent.objects.create(case=case, kind=kind, data=data)
    CaseEvent.objects.filter(pk=event.pk).update(created_at=when)


@pytest.fixture
def october(db):
    org = OrganizationFactory(name_en="Kaku Trading K.K.", name_ja="架空商事株式会社")
    other = OrganizationFactory()
    clerk = UserFactory(username="clerk", first_name="Hanako", last_name="Suzuki", role="reception")
    boss = UserFactory(username="boss", role="supervisor", email="boss@kaku.example", language="en")
    clerk.organizations.add(org)
    boss.organizations.add(org)

    def case(ref, **kwargs):
        return CaseFactory(organization=org, reference=ref, **kwargs)

    c1 = case(
        "C1",
        kind=Kind.REQUEST,
        channel="web",
        received_at=at(10, 1),
        status=Status.REPLIED,
        closed_at=at(10, 8),
        due_at=end_of(10, 15),
        fee_amount=1000,
        fee_status=FeeStatus.RECEIVED,
    )
    _request(c1, "disclosure", Decision.GRANTED)
    FeeRecord.objects.create(
        case=c1, kind="payment", amount=1000, method="bank_transfer", received_on=date(2025, 10, 6)
    )
    c2 = case(
        "C2",
        kind=Kind.REQUEST,
        channel="post",
        received_at=at(10, 2, 11),
        status=Status.CLOSED,
        closed_at=at(10, 20, 15),
        due_at=end_of(10, 16),
        extended_at=at(10, 9),
        extension_reason="Many records to search",
        fee_amount=1000,
        fee_status=FeeStatus.DUE,
    )
    _request(c2, "disclosure", Decision.PARTIAL, LegalGround.HARM)
    _request(c2, "suspension", Decision.REFUSED, LegalGround.NO_GROUND)
    _event(c2, EventKind.DEADLINE, at(10, 3), what="paused")
    _event(c2, EventKind.DEADLINE, at(10, 6), what="resumed")
    c3 = case(
        "C3",
        kind=Kind.REQUEST,
        channel="web",
        received_at=at(10, 3, 9),
        status=Status.WITHDRAWN,
        closed_at=at(10, 6),
        fee_amount=1000,
        fee_status=FeeStatus.WAIVED,
    )
    _request(c3, "disclosure")
    FeeRecord.objects.create(case=c3, kind="waiver", amount=0, reason="Withdrawn")
    c4 = case(
        "C4",
        kind=Kind.COMPLAINT,
        channel="phone",
        received_at=at(10, 6),
        status=Status.REPLIED,
        closed_at=at(10, 10),
        due_at=end_of(10, 20),
    )
    _event(c4, EventKind.MESSAGE_OUT, at(10, 8))
    c5 = case(
        "C5",
        kind=Kind.COMPLAINT,
        channel="email",
        received_at=at(10, 9),
        status=Status.IN_PROGRESS,
        due_at=end_of(10, 23),
        assignee=clerk,
    )
    case(
        "C6",
        kind=Kind.INQUIRY,
        channel="web",
        received_at=at(10, 14),
        status=Status.AWAITING_REQUESTER,
        due_at=end_of(11, 10),
        clock_paused_at=at(10, 15),
    )
    c7 = case(
        "C7",
        kind=Kind.REQUEST,
        channel="web",
        received_at=at(10, 20),
        status=Status.REJECTED,
        closed_at=at(10, 27),
        jurisdiction="gdpr",
    )
    _request(c7, "gdpr_access")
    case(
        "C8",
        kind=Kind.INQUIRY,
        channel="web",
        received_at=at(9, 25),
        status=Status.REPLIED,
        closed_at=at(10, 2),
        due_at=end_of(10, 9),
    )
    case("C10", kind=Kind.INQUIRY, channel="web", received_at=at(11, 2))
    x1 = CaseFactory(organization=other, reference="X1", kind=Kind.COMPLAINT, received_at=at(10, 10))

    billing = CaseTag.objects.create(organization=org, name="billing")
    marketing = CaseTag.objects.create(organization=org, name="marketing")
    billing.cases.add(c4, c5)
    marketing.cases.add(c5)
    CaseTag.objects.create(organization=other, name="elsewhere").cases.add(x1)

    for target, method, result, when in ((c1, "document", "verified", at(10, 2)), (c2, "records", "failed", at(10, 3))):
        check = IdentityVerification.objects.create(case=target, method=method, result=result)
        IdentityVerification.objects.filter(pk=check.pk).update(verified_at=when)
    DestructionRecord.objects.create(
        at=at(10, 15),
        organization=org,
        data_kind="id_documents",
        action="delete",
        rule_text="id_documents: delete 30 days after closing [default]",
        cutoff=at(9, 15),
        model="cases.attachment",
        object_id=1,
        case_reference="C0",
    )
    DestructionRecord.objects.create(
        at=at(10, 15),
        organization=other,
        data_kind="id_documents",
        action="delete",
        rule_text="x",
        cutoff=at(9, 15),
        model="cases.attachment",
        object_id=2,
    )

    def letter(target, kind, status, number, day, service=""):
        Letter.objects.create(
            case=target,
            kind=kind,
            language="ja",
            status=status,
            number=number,
            letter_date=date(2025, 10, day),
            posted_on=date(2025, 10, day) if service else None,
            postal_service=service,
        )

    letter(c1, LetterKind.DISCLOSURE, LetterStatus.POSTED, 1, 8, PostalService.SIMPLE_REGISTERED)
    letter(c2, LetterKind.REFUSAL, LetterStatus.POSTED, 2, 20, PostalService.ORDINARY)
    letter(c4, LetterKind.COMPLAINT_REPLY, LetterStatus.DELIVERED, 3, 10)
    letter(c5, LetterKind.ACKNOWLEDGEMENT, LetterStatus.DRAFT, 4, 10)  # a draft is not counted as sent
    return {"org": org, "other": other, "clerk": clerk, "boss": boss}
