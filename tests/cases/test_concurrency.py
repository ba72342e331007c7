"""Two members of staff change the same case at the same moment: one wins, the other is told, nothing is lost.

Real concurrent transactions on PostgreSQL: two threads, each with its own database connection and its own
signed-in session, both read the case page (version N), wait at a barrier, then both send their change. Those
tests are marked `postgres`: SQLite has no row locks, and its one writer makes the second thread fail instead.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.test import Client

from privacydesk.cases.models import Case, CaseRequest, FeeRecord, IdentityVerification, Kind, Message
from privacydesk.cases.services import case_submit
from privacydesk.cases.services import staff as services
from privacydesk.cases.services.versions import case_lock
from privacydesk.letters.models import Letter
from tests.cases.helpers import submission
from tests.conftest import sign_in
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


@dataclass(frozen=True)
class Race:
    path: str  # after /en/staff/cases/<id>/
    first: dict  # what the first member of staff sends
    second: dict  # what the second one sends
    value: Callable[[Case], object]  # what the case holds afterwards
    expected: tuple  # value when the first wins, value when the second wins
    kind: str = Kind.REQUEST
    prepare: Callable[[Case, object], None] | None = None


def _item(case: Case) -> CaseRequest:
    return case.requests.get()


def _identity_and_fee(case: Case, actor) -> None:
    services.identity_verify(
        case_id=case.pk, actor=actor, method="document", result="verified", document_type="passport",
        masking_confirmed=True,
    )  # fmt: skip
    services.fee_record(case_id=case.pk, actor=actor, kind="waiver", reason="テスト")


RACES = {
    "status": Race(
        "status/",
        {"status-action": "start"},
        {"status-action": "ask_requester"},
        lambda c: c.status,
        ("in_progress", "awaiting_requester"),
    ),
    "assignee": Race(
        "assign/",
        {"assign-assignee": "{first}"},
        {"assign-assignee": "{second}"},
        lambda c: c.assignee.username,
        ("uketsuke", "madoguchi"),
    ),
    "outcome": Race(
        "outcome/",
        {"outcome-outcome": "お電話で回答しました。"},
        {"outcome-outcome": "書面で回答しました。"},
        lambda c: c.outcome,
        ("お電話で回答しました。", "書面で回答しました。"),
        kind=Kind.INQUIRY,
    ),
    "fee": Race(
        "fee/",
        {"fee-kind": "waiver", "fee-reason": "生活保護受給のため"},
        {"fee-kind": "extra", "fee-amount": "300", "fee-reason": "特別な作業"},
        lambda c: [(r.kind, r.reason) for r in FeeRecord.objects.filter(case=c)],
        ([("waiver", "生活保護受給のため")], [("extra", "特別な作業")]),
    ),
    "identity": Race(
        "identity/",
        {
            "idv-method": "document",
            "idv-document_type": "passport",
            "idv-masking_confirmed": "on",
            "idv-result": "verified",
        },
        {"idv-method": "document", "idv-document_type": "passport", "idv-result": "failed", "idv-note": "写真不鮮明"},
        lambda c: (c.identity_verified, [v.result for v in IdentityVerification.objects.filter(case=c)]),
        ((True, ["verified"]), (False, ["failed"])),
    ),
    "decision": Race(
        "requests/{item}/decision/",
        {"r{item}-decision": "granted"},
        {"r{item}-decision": "refused", "r{item}-legal_ground": "business", "r{item}-reason": "業務に支障"},
        lambda c: _item(c).decision,
        ("granted", "refused"),
        prepare=_identity_and_fee,
    ),
    "message": Race(
        "message/",
        {"msg-body": "本人確認書類をお送りください。", "msg-ask": "on"},
        {"msg-body": "手続きを進めております。"},
        lambda c: [m.body for m in Message.objects.filter(case=c, direction=Message.Direction.TO_REQUESTER)],
        (["本人確認書類をお送りください。"], ["手続きを進めております。"]),
    ),
    "letter": Race(
        "letters/new/",
        {"letter-kind": "acknowledgement", "letter-body": "受付A"},
        {"letter-kind": "acknowledgement", "letter-body": "受付B"},
        lambda c: [letter.body for letter in Letter.objects.filter(case=c)],
        (["受付A"], ["受付B"]),
    ),
}


@pytest.fixture
def colleagues(organization, reception):
    second = UserFactory(username="madoguchi", role="reception")
    second.organizations.add(organization)
    return reception, second


def _fill(data: dict, case: Case, users) -> dict:
    item = case.requests.first()
    names = {"first": users[0].pk, "second": users[1].pk, "item": item.pk if item else 0}
    return {k.format(**names): str(v).format(**names) for k, v in data.items()}


def _race(case: Case, users, path: str, first: dict, second: dict) -> list[int]:
    """Both open the case page, meet at the barrier, then both send: the status codes, first and second."""
    barrier = threading.Barrier(2, timeout=30)
    codes: list[int | None] = [None, None]
    errors: list[BaseException] = []

    def work(index: int, user, data: dict) -> None:
        try:
            client = sign_in(Client(), user)
            page = client.get(f"/en/staff/cases/{case.pk}/")
            assert page.status_code == 200
            version = Case.objects.values_list("version", flat=True).get(pk=case.pk)
            assert f'name="version" value="{version}"' in page.content.decode()
            barrier.wait()  # both have read version N
            response = client.post(f"/en/staff/cases/{case.pk}/{path}", {**data, "version": version})
            codes[index] = response.status_code
            if response.status_code == 409:
                work.conflict_page = response.content.decode()
        except BaseException as error:
            errors.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(i, u, d))
        for i, (u, d) in enumerate(zip(users, (first, second), strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    _race.conflict_page = getattr(work, "conflict_page", "")
    return codes


@pytest.mark.postgres  # real row locks between two connections
@pytest.mark.parametrize("name", list(RACES))
def test_two_staff_change_the_same_case_at_once_one_wins_the_other_is_told(organization, colleagues, name):
    race = RACES[name]
    case = case_submit(organization=organization, submission=submission(kind=race.kind))
    if race.prepare:
        race.prepare(case, colleagues[0])
    before = Case.objects.get(pk=case.pk).version
    path = race.path.format(item=case.requests.first().pk if case.requests.exists() else 0)
    first, second = _fill(race.first, case, colleagues), _fill(race.second, case, colleagues)

    codes = _race(case, colleagues, path, first, second)

    assert sorted(codes) == [302, 409], codes
    winner = codes.index(302)
    after = Case.objects.get(pk=case.pk)
    assert race.value(after) == race.expected[winner]  # the winner's value, not overwritten by the loser
    assert after.version >= before + 1
    page = _race.conflict_page
    assert "Someone else changed this case while you were working on it" in page
    loser = colleagues[1 - winner].username
    assert colleagues[winner].username in page and f"by {loser}," not in page  # says who changed it


@pytest.mark.postgres  # real row locks between two connections
def test_the_deadline_extension_is_made_once_with_the_winners_reasons(colleagues):
    org = OrganizationFactory(gdpr_enabled=True, request_types=["gdpr_access"])
    for user in colleagues:
        user.organizations.add(org)
    case = case_submit(organization=org, submission=submission(request_types=["gdpr_access"], language="en"))
    right = case.requests.get().pk
    first, second = (
        {"ext-request": right, "ext-reason": reason} for reason in ("Ten years of records.", "Many systems.")
    )
    codes = _race(case, colleagues, "extend/", first, second)
    assert sorted(codes) == [302, 409], codes
    winner = codes.index(302)
    after = Case.objects.get(pk=case.pk)
    assert after.extension_reason == ("Ten years of records.", "Many systems.")[winner]
    assert after.events.filter(kind="deadline", data__what="extended").count() == 1


@pytest.mark.postgres  # real row locks between two connections
def test_a_change_waiting_on_the_lock_is_refused_once_the_first_commits(organization, colleagues):
    """The second request really waits on the row lock the first holds, then sees the new version."""
    first, second = colleagues
    case = case_submit(organization=organization, submission=submission(kind=Kind.INQUIRY))
    version = Case.objects.get(pk=case.pk).version
    holding, release = threading.Event(), threading.Event()
    result: dict = {}

    def first_member() -> None:
        try:
            with transaction.atomic():
                case_lock(case.pk, version=version)
                holding.set()
                release.wait(30)
                services.outcome_record(case_id=case.pk, actor=first, outcome="先に保存", version=version)
        finally:
            connection.close()

    def second_member() -> None:
        try:
            client = sign_in(Client(), second)
            data = {"outcome-outcome": "後から送信", "version": version}
            result["response"] = client.post(f"/en/staff/cases/{case.pk}/outcome/", data)
        finally:
            connection.close()

    holder = threading.Thread(target=first_member)
    holder.start()
    assert holding.wait(30)
    sender = threading.Thread(target=second_member)
    sender.start()
    sender.join(1.5)
    assert sender.is_alive()  # blocked on the lock, not answered from a stale read
    release.set()
    holder.join(30)
    sender.join(30)
    response = result["response"]
    assert response.status_code == 409
    page = response.content.decode()
    assert "後から送信" in page  # what the second one typed is still in the form
    assert f'name="version" value="{version + 1}"' in page  # the page shows the case as it is now
    assert Case.objects.get(pk=case.pk).outcome == "先に保存"


def test_a_note_from_an_older_page_is_added_and_moves_no_version(organization, colleagues):
    case = case_submit(organization=organization, submission=submission())
    client = sign_in(Client(), colleagues[1])
    stale = Case.objects.get(pk=case.pk).version
    services.case_assign(case_id=case.pk, assignee=colleagues[0], actor=colleagues[0])
    response = client.post(f"/en/staff/cases/{case.pk}/note/", {"note-text": "折り返し電話済み", "version": stale})
    assert response.status_code == 302
    assert case.events.get(kind="note").data["text"] == "折り返し電話済み"
    assert Case.objects.get(pk=case.pk).version == stale + 1  # the assignment's bump only


@pytest.mark.postgres  # real row locks between two connections
def test_opposite_links_at_once_never_deadlock(organization, colleagues):
    one = case_submit(organization=organization, submission=submission())
    two = case_submit(organization=organization, submission=submission())
    barrier = threading.Barrier(2, timeout=30)
    codes: dict = {}

    def link(user, case, other) -> None:
        try:
            client = sign_in(Client(), user)
            version = Case.objects.values_list("version", flat=True).get(pk=case.pk)
            barrier.wait()
            codes[case.pk] = client.post(f"/en/staff/cases/{case.pk}/link/{other.pk}/", {"version": version})
        finally:
            connection.close()

    threads = [
        threading.Thread(target=link, args=(colleagues[0], one, two)),
        threading.Thread(target=link, args=(colleagues[1], two, one)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(r.status_code for r in codes.values()) == [302, 409]  # the second saw the first's link
    assert one.links_from.count() + two.links_from.count() == 1


def test_a_page_without_a_version_is_refused_and_changes_nothing(staff_client, organization):
    case = case_submit(organization=organization, submission=submission(kind=Kind.INQUIRY))
    response = staff_client.post(f"/en/staff/cases/{case.pk}/outcome/", {"outcome-outcome": "送信"})
    assert response.status_code == 409
    assert Case.objects.get(pk=case.pk).outcome == ""
