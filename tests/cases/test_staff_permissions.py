"""Every staff URL, for every kind of visitor: generated from the URL configuration.

A new staff URL that is not in EXPECTED fails ``test_every_staff_url_is_in_the_matrix``.
"""

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from privacydesk import urls_staff
from privacydesk.cases.models import Case, CaseRequest
from privacydesk.cases.services import case_submit, staged_upload_create
from privacydesk.cases.uploads import CheckedFile
from privacydesk.guides.models import FaqEntry
from privacydesk.letters.models import LetterBatch
from privacydesk.letters.services import letter_draft, letter_submit
from privacydesk.policies.services import policy_draft_create
from privacydesk.retention.models import RetentionRule
from tests.cases.helpers import submission
from tests.conftest import PDF_BYTES, sign_in
from tests.factories import OrganizationFactory, UserFactory
from tests.retention.helpers import answered_inquiry

pytestmark = pytest.mark.django_db

# name: (method, the object in the URL — a case, letter or print batch of the user's organisation —, supervisors only)
EXPECTED = {
    "queue": ("get", None, False),
    "export": ("get", None, False),
    "intake": ("get", None, False),
    "audit": ("get", None, True),
    "dashboard": ("get", None, False),
    "mail": ("get", None, False),
    "letter_texts": ("get", None, True),
    "batch_new": ("post", None, False),
    "mailing_list": ("get", None, False),
    "mark_posted": ("post", None, False),
    "case": ("get", "case", False),
    "attachment": ("get", "case", False),
    "transition": ("post", "case", False),
    "assign": ("post", "case", False),
    "note": ("post", "case", False),
    "message": ("post", "case", False),
    "identity": ("post", "case", False),
    "fee": ("post", "case", False),
    "outcome": ("post", "case", False),
    "decision": ("post", "case", False),
    "approval": ("post", "case", False),
    "link": ("post", "case", False),
    "extend": ("post", "case", False),
    "letter_new": ("post", "case", False),
    "letter_preview": ("get", "letter", False),
    "letter_submit": ("post", "letter", False),
    "letter_approve": ("post", "letter", False),
    "letter_regenerate": ("post", "letter", False),
    "letter_pdf": ("get", "letter", False),
    "letter_retry": ("post", "letter", True),
    "batch": ("get", "batch", False),
    "batch_pdf": ("get", "batch", False),
    "batch_retry": ("post", "batch", True),
    "retention_records": ("get", None, True),
    "retention_export": ("post", "case", True),
    "faq_list": ("get", None, False),
    "faq_add": ("get", None, False),
    "faq_edit": ("get", "faq", False),
    "faq_move": ("post", "faq", False),
    "faq_delete": ("post", "faq", False),
    "policy_list": ("get", None, True),
    "policy_new": ("get", None, True),
    "policy_preview": ("get", "policy", True),
    "policy_edit": ("get", "policy", True),
    "policy_publish": ("post", "policy", True),
    "policy_delete": ("post", "policy", True),
    "reports": ("get", None, True),
    "report_csv": ("get", None, True),
    "report_workbook": ("get", None, True),
    "report_review": ("get", None, True),
    "report_themes": ("get", None, False),
}


def staff_url_names(patterns=urls_staff.urlpatterns) -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= staff_url_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            names.add(pattern.name)
    return names


def test_every_staff_url_is_in_the_matrix():
    assert staff_url_names() == set(EXPECTED)


@pytest.fixture
def world(organization, reception, supervisor):
    checked = CheckedFile(b"%PDF-1.4 %%EOF", "application/pdf", "0" * 64, "a.pdf")
    staged = staged_upload_create(session_key="s", checked=checked, kind="other")
    case = case_submit(organization=organization, submission=submission(), staged_uploads=[staged])
    other_case = case_submit(organization=organization, submission=submission())
    letter = letter_draft(case=case, kind="acknowledgement", actor=reception)
    letter.pdf.save("x.pdf", ContentFile(b"%PDF-1.4 %%EOF"))
    batch = LetterBatch.objects.create(created_by=reception, total=1, status="done")
    batch.pdf.save("b.pdf", ContentFile(b"%PDF-1.4 %%EOF"))
    outsider = UserFactory(username="other-desk")
    outsider.organizations.add(OrganizationFactory())
    return {
        "case": case,
        "other": other_case,
        "letter": letter,
        "batch": batch,
        "faq": FaqEntry.objects.create(organization=organization, question_en="Q?", answer_en="A."),
        "policy": policy_draft_create(
            organization=organization, actor=supervisor, body_en="# Policy", original_language="en"
        ),
        "outsider": outsider,
        "reception": reception,
        "supervisor": supervisor,
    }


def url_for(name: str, world) -> str:
    from django.urls import reverse

    case = world["case"]
    kwargs = {}
    resource = EXPECTED[name][1]
    if resource == "case":
        kwargs["case_id"] = case.pk
    elif resource == "letter":
        kwargs["letter_id"] = world["letter"].pk
    elif resource == "batch":
        kwargs["batch_id"] = world["batch"].pk
    if name == "attachment":
        kwargs["attachment_id"] = case.attachments.get().pk
    if name in ("decision", "approval"):
        kwargs["request_id"] = CaseRequest.objects.filter(case=case).first().pk
    if resource == "faq":
        kwargs["entry_id"] = world["faq"].pk
    if resource == "policy":
        kwargs["version_id"] = world["policy"].pk
    if name == "link":
        kwargs["other_id"] = world["other"].pk
    if name == "report_csv":
        kwargs["key"] = "arrivals_kind"
    return reverse(f"staff:{name}", kwargs=kwargs)


def call(client, name, world):
    method = EXPECTED[name][0]
    return getattr(client, method)(url_for(name, world))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_anonymous_visitors_are_sent_to_sign_in(client, world, name):
    response = call(client, name, world)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_password_without_the_second_factor_opens_nothing(client, world, name):
    client.force_login(world["reception"])
    response = call(client, name, world)
    assert response.status_code == 302 and "/staff/login/code/" in response["Location"]


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e[1]))
def test_another_organisations_staff_cannot_see_or_touch_the_case_its_letters_or_print_files(client, world, name):
    sign_in(client, world["outsider"])
    assert call(client, name, world).status_code == 404


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reception_staff_reach_every_page_but_the_supervisors(client, world, name, settings):
    sign_in(client, world["reception"])
    response = call(client, name, world)
    if EXPECTED[name][2]:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302, 400, 409), response.status_code


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_supervisors_reach_every_page(client, world, name):
    sign_in(client, world["supervisor"])
    response = call(client, name, world)
    if EXPECTED[name][1] == "batch":
        assert response.status_code == 404  # a print file belongs to the person who made it
    else:
        assert response.status_code in (200, 302, 400, 409)


def test_a_get_on_an_action_is_not_allowed(client, world):
    sign_in(client, world["reception"])
    assert client.get(url_for("note", world)).status_code == 405


def test_the_queue_lists_only_the_users_organisations(client, world):
    foreign = case_submit(organization=OrganizationFactory(), submission=submission())
    sign_in(client, world["reception"])
    page = client.get("/en/staff/?status=open").content.decode()
    assert world["case"].reference in page and foreign.reference not in page
    assert f"/staff/cases/{foreign.pk}/" not in client.get(f"/en/staff/?q={foreign.reference}").content.decode()


# --- A supervisor of one desk, with real cases at two desks: list pages and exports stay within the desk.

LIST_PAGES = sorted(n for n, (method, resource, _) in EXPECTED.items() if method == "get" and resource is None)
# The pages that list cases or what was done to them: each shows a desk's reference numbers to its own staff.
PAGES_WITH_REFERENCES = ["queue", "export", "audit", "dashboard", "mailing_list", "retention_records"]
ADDRESS_AT_A = "203.0.113.9"


def body(response) -> str:
    """The text a person would read in the response: a page, a CSV, a workbook's cells or a PDF's text."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    return content.decode("utf-8-sig")


def a_day_at_the_desk(desk, worker, *, address: str) -> list[str]:
    """Cases of every kind a list page shows, and the worker's audited work on them through the pages: an overdue
    request with a document and a letter in today's mail, and an inquiry answered and due for destruction."""
    checked = CheckedFile(b"%PDF-1.4 " + PDF_BYTES, "application/pdf", "0" * 64, f"licence-{desk.slug}.pdf")
    staged = staged_upload_create(session_key="s", checked=checked, kind="other")
    case = case_submit(organization=desk, submission=submission(reply_method="post"), staged_uploads=[staged])
    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() - timedelta(days=1))
    letter_submit(letter_id=letter_draft(case=case, kind="acknowledgement", actor=worker).pk, actor=worker)
    RetentionRule.objects.create(
        organization=desk, data_kind="closed_cases", case_kind="inquiry", action="delete", period_days=0,
        counted_from="closing",
    )  # fmt: skip
    closed = answered_inquiry(desk, worker)
    client = sign_in(Client(REMOTE_ADDR=address), worker)
    assert client.get(f"/en/staff/cases/{case.pk}/").status_code == 200
    assert client.get(f"/en/staff/cases/{case.pk}/documents/{case.attachments.get().pk}/").status_code == 200
    assert client.get("/en/staff/export.csv", {"q": case.reference, "status": "all"}).status_code == 200
    return [case.reference, closed.reference]


@pytest.fixture
def two_desks(world, organization, reception):
    """Desk A (the world's, worked by its receptionist from ADDRESS_AT_A) and desk B with its only supervisor."""
    desk_b = OrganizationFactory()
    single = UserFactory(username="b-sekininsha", role="supervisor")
    single.organizations.add(desk_b)
    both = UserFactory(username="ab-sekininsha", role="supervisor")
    both.organizations.add(organization, desk_b)
    at_a = a_day_at_the_desk(organization, reception, address=ADDRESS_AT_A)
    at_b = a_day_at_the_desk(desk_b, single, address="198.51.100.20")
    return {
        "single": single,
        "both": both,
        "at_a": [*at_a, world["case"].reference, world["other"].reference],
        "at_b": at_b,
    }


def page(client, name, world) -> str:
    response = call(client, name, world)
    assert response.status_code == 200, (name, response.status_code)
    return body(response)


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e[1]))
def test_a_single_desk_supervisor_cannot_see_or_touch_another_desks_objects(client, world, two_desks, name):
    sign_in(client, two_desks["single"])
    assert call(client, name, world).status_code == 404


@pytest.mark.parametrize("name", LIST_PAGES)
def test_a_single_desk_supervisor_sees_no_other_desks_reference_on_any_list_page_or_export(
    client, world, two_desks, name
):
    text = page(sign_in(client, two_desks["single"]), name, world)
    leaked = [reference for reference in two_desks["at_a"] if reference in text]
    assert leaked == []


@pytest.mark.parametrize("name", PAGES_WITH_REFERENCES)
def test_each_desk_sees_its_own_references_on_the_pages_that_list_them(client, world, two_desks, name):
    """The other side of the test above: the same pages do show a desk's references to its supervisors."""
    which = 1 if name == "retention_records" else 0  # the inquiry due for destruction, or the open request
    assert two_desks["at_b"][which] in page(sign_in(client, two_desks["single"]), name, world)
    both = page(sign_in(Client(), two_desks["both"]), name, world)
    assert two_desks["at_a"][which] in both and two_desks["at_b"][which] in both


def test_the_audit_log_of_one_desk_shows_nothing_of_another_desks_work(client, world, organization, two_desks):
    """Who viewed desk A's cases, from where, which files and what they searched for stay with desk A."""
    text = page(sign_in(client, two_desks["single"]), "audit", world)
    assert two_desks["at_b"][0] in text and "b-sekininsha" in text
    for trace in (*two_desks["at_a"], ADDRESS_AT_A, f"licence-{organization.slug}.pdf", "uketsuke"):
        assert trace not in text
    both = page(sign_in(Client(), two_desks["both"]), "audit", world)
    for trace in (two_desks["at_a"][0], ADDRESS_AT_A, f"licence-{organization.slug}.pdf", "uketsuke"):
        assert trace in both
