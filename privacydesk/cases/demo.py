"""Demo and benchmark cases: a few realistic ones per desk, and many synthetic ones in bulk."""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from privacydesk.core.normalize import name_search_tokens, normalize_email
from privacydesk.core.references import ALPHABET
from privacydesk.organizations.models import Organization

from .models import Case, CaseRequest, Kind
from .services import Requester, Submission, case_submit
from .workflow import Status

FAMILY = [
    ("山田", "ヤマダ", "Yamada"),
    ("佐藤", "サトウ", "Sato"),
    ("鈴木", "スズキ", "Suzuki"),
    ("高橋", "タカハシ", "Takahashi"),
    ("田中", "タナカ", "Tanaka"),
    ("伊藤", "イトウ", "Ito"),
    ("渡辺", "ワタナベ", "Watanabe"),
    ("中村", "ナカムラ", "Nakamura"),
]
GIVEN = [
    ("太郎", "タロウ", "Taro"),
    ("花子", "ハナコ", "Hanako"),
    ("一郎", "イチロウ", "Ichiro"),
    ("美咲", "ミサキ", "Misaki"),
    ("健", "ケン", "Ken"),
    ("さくら", "サクラ", "Sakura"),
    ("翔", "ショウ", "Sho"),
    ("陽菜", "ヒナ", "Hina"),
]


def sample_cases_create(organization: Organization) -> int:
    """Three cases per desk, in both languages, through the real service (so each has its timeline)."""
    if organization.cases.exists():
        return 0
    offered = [t.value for t in organization.offered_request_types()]
    samples = [
        Submission(
            kind=Kind.REQUEST,
            language="ja",
            request_types=offered[:2],
            message="契約中のサービスについて、保有されている私の個人データの開示をお願いします。",
            reply_method=organization.reply_methods[0],
            requester=Requester(
                name="山田 太郎",
                furigana="ヤマダ タロウ",
                email="taro.yamada@example.com",
                phone="0312345678",
                postal_code="135-0016",
                address="東京都江東区東陽1-1-1",
            ),
        ),
        Submission(
            kind=Kind.INQUIRY,
            language="en",
            subject="How long do you keep my data?",
            message="I would like to know how long you keep the data of former customers.",
            requester=Requester(
                name="Emma Schmidt",
                email="emma.schmidt@example.com",
                postal_code="150-0002",
                address="Shibuya 9-9-9, Shibuya-ku, Tokyo",
            ),
            reply_method=organization.reply_methods[0],
        ),
        Submission(
            kind=Kind.COMPLAINT,
            language="ja",
            subject="宣伝メールが止まりません",
            message="配信停止を申し込みましたが、まだ宣伝メールが届きます。",
            requester=Requester(name="佐藤 花子", furigana="サトウ ハナコ", email="hanako.sato@example.com"),
            reply_method=organization.reply_methods[0],
        ),
    ]
    for submission in samples:
        case_submit(organization=organization, submission=submission)
    return len(samples)


def bulk_cases_create(organizations: list[Organization], count: int, *, batch_size: int = 5000, seed: int = 7) -> int:
    """``count`` synthetic cases spread over the desks and the last year, inserted in batches."""
    rng = random.Random(seed)
    now = timezone.now()
    existing = set(Case.objects.values_list("reference", flat=True))
    numbers = rng.sample(range(32**8), count + len(existing) + 10)
    statuses = list(Status)
    offered = {org.pk: [t.value for t in org.offered_request_types()] for org in organizations}
    created = 0
    while created < count:
        size = min(batch_size, count - created)
        cases, kinds = [], []
        for _ in range(size):
            org = rng.choice(organizations)
            family, given = rng.choice(FAMILY), rng.choice(GIVEN)
            ja = rng.random() < 0.8
            name = f"{family[0]} {given[0]}" if ja else f"{given[2]} {family[2]}"
            furigana = f"{family[1]} {given[1]}"
            email = f"{given[2].lower()}.{family[2].lower()}{rng.randrange(10**6)}@example.com"
            phone = f"0{rng.choice([3, 6, 90, 80, 70])}{rng.randrange(10**7, 10**8)}"[:11]
            received = now - timedelta(minutes=rng.randrange(60 * 24 * 365))
            number = numbers.pop()
            while True:
                body = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in range(8))
                reference = f"{received:%y%m}-{body[:4]}-{body[4:]}"
                if reference not in existing:
                    break
                number = numbers.pop()
            existing.add(reference)
            kind = rng.choices([Kind.REQUEST, Kind.INQUIRY, Kind.COMPLAINT], weights=[6, 3, 1])[0]
            kinds.append((kind, org))
            cases.append(
                Case(
                    organization=org,
                    reference=reference,
                    kind=kind,
                    status=rng.choice(statuses),
                    received_at=received,
                    language="ja" if ja else "en",
                    name=name,
                    furigana=furigana,
                    email=email,
                    phone=phone,
                    subject="" if kind == Kind.REQUEST else "お問い合わせ",
                    message="合成データ（ベンチマーク用）",
                    email_key=normalize_email(email),
                    phone_key=phone,
                    name_key=name_search_tokens(name, furigana),
                    reply_method=org.reply_methods[0],
                    due_at=received + timedelta(days=org.response_target_days),
                )
            )
        with transaction.atomic():
            _insert_cases(cases, now)
            requests = [
                CaseRequest(case=case, request_type=rng.choice(offered[org.pk]))
                for case, (kind, org) in zip(cases, kinds, strict=True)
                if kind == Kind.REQUEST
            ]
            CaseRequest.objects.bulk_create(requests, batch_size=5000)  # synthetic cases need no timeline
        created += size
    return created


def _insert_cases(cases: list[Case], now) -> None:
    """Insert and give each case its id: COPY on PostgreSQL (100,000 cases in well under a minute), bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        Case.objects.bulk_create(cases, batch_size=2500)
        return
    fields = [f for f in Case._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {Case._meta.db_table} ({columns}) FROM STDIN") as copy,
    ):
        for case in cases:
            case.created_at = case.updated_at = now
            copy.write_row([getattr(case, f.attname) for f in fields])
    ids = dict(Case.objects.filter(reference__in=[c.reference for c in cases]).values_list("reference", "pk"))
    for case in cases:
        case.pk = ids[case.reference]
        case._state.adding = False
