import re

import pytest
from django.core.files.base import ContentFile

from privacydesk.cases.models import Case, CaseEvent, Kind, Notification, StagedUpload
from privacydesk.cases.notifications import notifications_pending_ids
from privacydesk.cases.services import (
    case_submit,
    case_transition,
    requester_message_add,
    staged_upload_create,
    staged_uploads_purge,
    tracking_link_resend,
)
from privacydesk.cases.uploads import CheckedFile
from privacydesk.cases.workflow import Action, Status
from tests.cases.helpers import submission

pytestmark = pytest.mark.django_db


def staged(session_key="s1", kind="id_document"):
    checked = CheckedFile(b"%PDF-1.4 test %%EOF", "application/pdf", "0" * 64, "licence.pdf")
    return staged_upload_create(session_key=session_key, checked=checked, kind=kind, id_document_type="passport")


def test_case_submit_files_the_case_with_reference_fee_timeline_and_acknowledgement(organization):
    case = case_submit(organization=organization, submission=submission(units=3))
    assert re.fullmatch(r"\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", case.reference)
    assert case.status == Status.RECEIVED
    assert [r.request_type for r in case.requests.all()] == ["disclosure"]
    assert case.fee_amount == 3000  # 1,000 JPY per contract
    assert case.email_key == "taro@example.com"
    assert CaseEvent.objects.filter(case=case, kind="submitted").count() == 1
    notification = Notification.objects.get(case=case)
    assert (notification.kind, notification.language, notification.sent_at) == ("acknowledgement", "ja", None)


def test_case_submit_drops_request_types_the_desk_does_not_offer(organization):
    case = case_submit(organization=organization, submission=submission(request_types=["disclosure", "gdpr_access"]))
    assert [r.request_type for r in case.requests.all()] == ["disclosure"]


def test_inquiries_have_no_request_types_and_no_fee(organization):
    case = case_submit(
        organization=organization, submission=submission(kind=Kind.INQUIRY, request_types=["disclosure"])
    )
    assert case.requests.count() == 0 and case.fee_amount == 0


def test_staged_uploads_move_onto_the_case_without_copying(organization):
    upload = staged()
    stored_name = upload.file.name
    case = case_submit(organization=organization, submission=submission(), staged_uploads=[upload])
    attachment = case.attachments.get()
    assert attachment.file.name == stored_name
    assert attachment.file.read() == b"%PDF-1.4 test %%EOF"
    assert (attachment.kind, attachment.id_document_type) == ("id_document", "passport")
    assert not StagedUpload.objects.exists()


def test_stale_staged_uploads_are_destroyed_after_a_day():
    from datetime import timedelta

    from django.utils import timezone

    upload = staged()
    path = upload.file.path
    assert staged_uploads_purge() == 0
    assert staged_uploads_purge(now=timezone.now() + timedelta(hours=25)) == 1
    import os

    assert not os.path.exists(path)


def test_a_message_from_the_requester_puts_a_waiting_case_back_to_work(organization):
    case = case_submit(organization=organization, submission=submission())
    case_transition(case_id=case.pk, action=Action.ASK_REQUESTER)
    requester_message_add(case=Case.objects.get(pk=case.pk), body="免許証を送ります。", staged_uploads=[staged()])
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.attachments.get().message.body == "免許証を送ります。"
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "deadline", "status_changed", "deadline", "message_in", "status_changed", "deadline"]
    assert [e.data["what"] for e in case.events.filter(kind="deadline")] == ["set", "paused", "resumed"]


def test_a_message_on_a_closed_case_is_kept_and_the_status_stays(organization):
    case = case_submit(organization=organization, submission=submission())
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED)
    requester_message_add(case=Case.objects.get(pk=case.pk), body="ありがとうございました。")
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.messages.count() == 1


def test_tracking_link_is_resent_only_when_reference_and_email_match(organization):
    case = case_submit(organization=organization, submission=submission())
    tracking_link_resend(organization=organization, reference=case.reference, email="someone@else.example")
    tracking_link_resend(organization=organization, reference="2611-XXXX-XXXX", email="taro@example.com")
    assert not Notification.objects.filter(kind="tracking_link").exists()
    typed = case.reference.replace("-", "").lower()  # as a person might type it
    tracking_link_resend(organization=organization, reference=typed, email=" TARO@example.com ")
    tracking_link_resend(organization=organization, reference=typed, email="taro@example.com")
    assert Notification.objects.filter(kind="tracking_link").count() == 1  # once per hour at most


def test_tracking_token_is_stable_and_specific_to_the_case(organization):
    a = case_submit(organization=organization, submission=submission())
    b = case_submit(organization=organization, submission=submission())
    assert a.check_tracking_token(a.tracking_token())
    assert not a.check_tracking_token(b.tracking_token())
    assert not a.check_tracking_token("")


def test_private_file_is_encrypted_on_disk(organization):
    upload = staged()
    with open(upload.file.path, "rb") as handle:
        assert b"%PDF" not in handle.read()
    assert isinstance(upload.file.storage.open(upload.file.name), ContentFile)


def test_a_resent_tracking_link_waits_for_the_sweep_so_a_match_costs_no_broker_call(
    organization, django_capture_on_commit_callbacks
):
    case = case_submit(organization=organization, submission=submission())
    with django_capture_on_commit_callbacks() as callbacks:
        tracking_link_resend(organization=organization, reference=case.reference, email="taro@example.com")
    assert callbacks == []  # nothing handed to the broker inside the request: a match is as quick as a miss
    assert Notification.objects.filter(kind="tracking_link", sent_at__isnull=True).count() == 1
    assert Notification.objects.get(kind="tracking_link").pk in notifications_pending_ids()
