"""Every public form, fed Japanese and full-width text, control characters (NUL included, which PostgreSQL
refuses in text), emoji and very long input: never a server error, and in /ja/ every error shown is Japanese."""

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from privacydesk.cases.models import Case
from tests.cases.helpers import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

FUZZ = hypothesis_settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

JAPANESE = "山田太郎花子ヤマダタロウやまだたろう東京都江東区東陽丁目番地号〒「」（）。、・ー"
FULL_WIDTH = "０１２３４５６７８９－＋（）ＡＢＣｘｙｚ＠．　／＼＜＞＆＂＇"
CONTROL = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\u200b\u200e\u202e\u2028\ufeff\r\n\t"
EMOJI = ["😀", "👨‍👩‍👧", "🇯🇵", "🙇‍♀️", "㊙️", "\U0001f9d1\u200d\U0001f4bb"]

pieces = st.one_of(
    st.sampled_from(JAPANESE),
    st.sampled_from(FULL_WIDTH),
    st.sampled_from(CONTROL),
    st.sampled_from(EMOJI),
    st.characters(exclude_categories=["Cs"]),
)
short_text = st.lists(pieces, max_size=40).map("".join)
long_text = st.builds(
    lambda chunk, times: chunk * times, st.lists(pieces, min_size=1, max_size=6).map("".join), st.integers(500, 4000)
)
fuzz_text = st.one_of(short_text, short_text, long_text)

JAPANESE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# New strings wait in .po-pending/ (never committed) until the lead merges them into the catalog.
PENDING = {
    msgid
    for path in (Path(django_settings.BASE_DIR) / ".po-pending").glob("*.json")
    for msgid in json.loads(path.read_text())
}


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.SUBMISSION_RATE_LIMIT_PER_HOUR = 0
    settings.LOOKUP_RATE_LIMIT_PER_HOUR = 0
    settings.LOOKUP_RATE_LIMIT_PER_REFERENCE_PER_HOUR = 0
    settings.TRACKING_FAILURES_PER_REFERENCE_PER_HOUR = 0
    settings.TRACKING_FAILURES_PER_ADDRESS_PER_HOUR = 0


def shown_errors(response) -> list[str]:
    """Every error message on the page: the form's (field and non-field) and the flash messages."""
    context = response.context
    found = []
    if context is not None:
        form = context.get("form")
        if form is not None and form.is_bound:
            for errors in form.errors.values():
                found.extend(str(e) for e in errors)
        found.extend(str(m) for m in context.get("messages", []) or [])
    return found


def assert_japanese(messages: list[str], sent: dict) -> None:
    """An error in /ja/ is Japanese even once every value the visitor sent is taken out of it."""
    for message in messages:
        if message in PENDING:
            continue
        stripped = message
        for value in sent.values():
            for part in value if isinstance(value, list) else [value]:
                if isinstance(part, str) and part:
                    stripped = stripped.replace(part, "")
        assert JAPANESE_SCRIPT.search(stripped), f"untranslated error in /ja/: {message!r}"


def assert_answered(response, path):
    assert response.status_code < 500, f"{response.status_code} on {path}"


FIELDS = {
    "request": [
        "request_types",
        "units",
        "message",
        "name",
        "furigana",
        "date_of_birth",
        "email",
        "phone",
        "postal_code",
        "address",
        "customer_number",
        "agent_type",
        "agent_name",
        "agent_furigana",
        "agent_relationship",
        "agent_email",
        "agent_phone",
        "agent_postal_code",
        "agent_address",
        "id_document_type",
        "reply_method",
        "language",
        "consent",
        "website",
    ],
    "inquiry": [
        "subject",
        "message",
        "name",
        "furigana",
        "email",
        "phone",
        "postal_code",
        "address",
        "customer_number",
        "agent_type",
        "agent_name",
        "agent_email",
        "language",
        "consent",
        "website",
    ],
}
FIELDS["complaint"] = FIELDS["inquiry"]


def post_form(client, organization, kind, lang, fuzzed):
    path = f"/{lang}/{organization.slug}/{kind}/"
    data = {**form_data("request" if kind == "request" else kind, language=lang), **fuzzed}
    response = client.post(path, data)
    assert_answered(response, path)
    return path, data, response


@pytest.mark.parametrize("kind", ["request", "inquiry", "complaint"])
def test_the_case_forms_never_fail_and_explain_every_error_in_japanese(organization, kind):
    @FUZZ
    @given(st.data())
    def run(data):
        names = data.draw(st.lists(st.sampled_from(FIELDS[kind]), min_size=1, max_size=4, unique=True))
        fuzzed = {name: data.draw(fuzz_text, label=name) for name in names}
        lang = data.draw(st.sampled_from(["ja", "ja", "en"]))
        client = Client()
        _path, sent, response = post_form(client, organization, kind, lang, fuzzed)
        if response.status_code == 200 and lang == "ja":
            assert_japanese(shown_errors(response), sent)
        if response.status_code == 302:  # valid: the confirmation step, then sending it
            confirm = client.get(response["Location"])
            assert_answered(confirm, response["Location"])
            sent_response = client.post(response["Location"], {"action": "send"})
            assert_answered(sent_response, response["Location"])

    run()


def test_the_postal_code_lookup_never_fails(organization):
    @FUZZ
    @given(code=fuzz_text, target=st.sampled_from(["address", "agent_address", "x\x00", ""]))
    def run(code, target):
        client = Client()
        _path, _sent, response = post_form(
            client,
            organization,
            "request",
            "ja",
            {"postal_code": code, "agent_postal_code": code, "lookup_postal": target},
        )
        if response.status_code == 200:
            assert_japanese(shown_errors(response), {})
        api = client.get("/api/postal-code/", {"code": code})
        assert api.status_code == 200

    run()


def test_the_confirmation_step_sends_whatever_passed_the_form(organization):
    """Valid but unusual input reaches the database: Japanese, full-width, emoji, at the maximum length."""
    text = st.lists(st.one_of(st.sampled_from(JAPANESE + FULL_WIDTH), st.sampled_from(EMOJI)), min_size=1).map("".join)

    @FUZZ
    @given(
        subject=text.map(lambda s: (s * 200)[:200]),
        message=text.map(lambda s: (s * 5000)[:5000]),
        name=text.map(lambda s: (s * 100)[:100]),
    )
    def run(subject, message, name):
        client = Client()
        before = Case.objects.count()
        _path, _sent, response = post_form(
            client, organization, "inquiry", "ja", {"subject": subject, "message": message, "name": name}
        )
        if response.status_code == 302:
            done = client.post(response["Location"], {"action": "send"})
            assert done.status_code == 302
            assert Case.objects.count() == before + 1

    run()


def test_the_lost_link_lookup_never_fails_and_speaks_japanese(organization):
    @FUZZ
    @given(reference=fuzz_text, email=fuzz_text, lang=st.sampled_from(["ja", "en"]))
    def run(reference, email, lang):
        path = f"/{lang}/{organization.slug}/track/"
        response = Client().post(path, {"reference": reference, "email": email})
        assert_answered(response, path)
        if response.status_code == 200 and lang == "ja":
            assert_japanese(shown_errors(response), {"reference": reference, "email": email})

    run()


def test_tracking_addresses_never_fail(organization):
    @FUZZ
    @given(reference=fuzz_text, token=fuzz_text)
    def run(reference, token):
        path = f"/ja/{organization.slug}/track/{quote(reference or 'x', safe='')}/{quote(token or 'x', safe='')}/"
        response = Client().get(path)
        assert_answered(response, path)
        assert response.status_code in (404, 301, 302), path

    run()


def test_the_tracking_message_form_never_fails(organization):
    from tests.cases.test_views_public import file_case

    owner = Client()
    case = file_case(owner, organization)
    path = f"/ja/{organization.slug}/track/{case.reference}/{case.tracking_token()}/"

    @FUZZ
    @given(message=fuzz_text, kind=st.one_of(fuzz_text, st.sampled_from(["id_document", "other", ""])))
    def run(message, kind):
        response = owner.post(path, {"message": message, "document_kind": kind})
        assert_answered(response, path)
        if response.status_code == 200:
            assert_japanese(shown_errors(response), {"message": message, "kind": kind})

    run()


def test_the_language_switch_never_fails():
    @FUZZ
    @given(next_url=fuzz_text, language=fuzz_text)
    def run(next_url, language):
        response = Client().post("/i18n/setlang/", {"next": next_url, "language": language})
        assert_answered(response, "/i18n/setlang/")

    run()


# --- regressions the fuzzing found


def test_a_nul_in_a_tracking_address_is_not_found_instead_of_a_server_error(organization):
    """PostgreSQL refuses NUL in text: the reference number is checked for its shape before any query."""
    assert Client().get(f"/ja/{organization.slug}/track/%E2%80%A8%00/x/").status_code == 404
    assert Client().get(f"/ja/{organization.slug}/track/2611-AAAA-%00BBB/{'0' * 32}/").status_code == 404


def test_a_lost_link_lookup_with_a_malformed_reference_explains_the_shape(organization):
    response = Client().post(f"/en/{organization.slug}/track/", {"reference": "2611-ABC", "email": "a@example.com"})
    assert response.status_code == 200
    assert "Enter the reference number as it appears in our e-mail" in response.content.decode()
    # The shape alone: a well-formed number of no case gets the usual answer.
    response = Client().post(
        f"/en/{organization.slug}/track/", {"reference": "２６１１ｋ７ｍ３９ｑｘｒ", "email": "a@example.com"}
    )
    assert response.status_code == 302
