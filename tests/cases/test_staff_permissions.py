"""Every staff URL, for every kind of visitor: generated from the URL configuration.

A new staff URL that is not in EXPECTED fails ``test_every_staff_url_is_in_the_matrix``.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver

from privacydesk import urls_staff
from privacydesk.cases.models import CaseRequest
from privacydesk.cases.services import case_submit, staged_upload_create
from privacydesk.cases.uploads import CheckedFile
from privacydesk.guides.models import FaqEntry
from privacydesk.letters.models import LetterBatch
from privacydesk.letters.services import letter_draft
from privacydesk.policies.services import policy_draft_create
from tests.cases.helpers import submission
from tests.conftest import sign_in
from tests.factories import OrganizationFactory, UserFactory

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
    "batch": ("get", "batch", False),
    "batch_pdf": ("get", "batch", False),
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
