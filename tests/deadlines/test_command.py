"""`manage.py deadline`: one right's dates as JSON, from the same functions as the case page; bad input is one
line on stderr and exit status 2."""

import json
from datetime import time
from io import StringIO

import pytest
from django.core.management import call_command, execute_from_command_line

from privacydesk.core.vocabulary import APPI_STATUTORY_RIGHTS, RequestType
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lumina():
    return OrganizationFactory(
        slug="lumina-web",
        gdpr_enabled=True,
        ccpa_enabled=True,
        request_types=["disclosure", "gdpr_access", "ccpa_know"],
    )


def deadline(*args: str) -> dict:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1  # one JSON object
    return json.loads(lines[0])


def test_a_gdpr_right_counts_from_the_saturday_it_arrived_and_is_due_a_month_later(lumina):
    result = deadline("--desk", "lumina-web", "--right", "gdpr_access", "--received", "2026-10-31T10:00+09:00")
    assert result["counts_from"] == "2026-10-31" and result["due"] == "2026-11-30"
    assert "extended_due" not in result
    assert result["explanation"].startswith("2026年10月31日(土) 10:00に到達しました。")  # the desk's language


def test_extended_gives_the_three_month_date_and_says_why_in_english(lumina):
    result = deadline(
        "--desk", "lumina-web", "--right", "gdpr_access", "--received", "2026-12-02T10:00+09:00", "--extended",
        "--language", "en",
    )  # fmt: skip
    assert (result["due"], result["extended_due"]) == ("2027-01-04", "2027-03-02")
    assert "Three months from the day of receipt (the extension) ends Tue 2 Mar 2027." in result["explanation"]


def test_ccpa_is_counted_on_californias_calendar(lumina):
    result = deadline(
        "--desk", "lumina-web", "--right", "ccpa_know", "--received", "2027-03-13T10:00+09:00", "--extended"
    )
    assert (result["counts_from"], result["due"], result["extended_due"]) == ("2027-03-13", "2027-04-27", "2027-06-11")


def test_an_appi_right_has_no_extension_and_counts_from_the_next_business_day(lumina):
    lumina.desk_closes = time(17)
    lumina.save()
    result = deadline(
        "--desk", "lumina-web", "--right", "disclosure", "--received", "2026-09-18T17:30+09:00", "--extended",
        "--language", "en",
    )  # fmt: skip
    assert (result["counts_from"], result["extended_due"]) == ("2026-09-24", None)
    assert "after desk hours; 19–20 Sep (weekend), 21–23 Sep (national holiday)" in result["explanation"]


def test_list_prints_each_desks_right_codes_with_their_law(lumina):
    """Every APPI desk accepts the six statutory requests whatever it stored; foreign rights only where enabled."""
    OrganizationFactory(slug="aoba-cloud", request_types=["disclosure"])
    out = StringIO()
    call_command("deadline", "--list", stdout=out)
    appi = [t for t in RequestType if t in APPI_STATUTORY_RIGHTS]
    assert out.getvalue().splitlines() == [
        *(f"aoba-cloud {t.value} appi" for t in appi),
        *(f"lumina-web {t.value} appi" for t in appi),
        "lumina-web gdpr_access gdpr",
        "lumina-web ccpa_know ccpa",
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--desk", "nowhere", "--right", "gdpr_access", "--received", "2026-10-31"], "no desk 'nowhere'"),
        (["--desk", "lumina-web", "--right", "ccpa_limit", "--received", "2026-10-31"], "does not accept 'ccpa_limit'"),
        (["--desk", "lumina-web", "--right", "teleport", "--received", "2026-10-31"], "does not accept 'teleport'"),
        (["--desk", "lumina-web", "--right", "gdpr_access", "--received", "2026-13-31"], "not a date and time"),
        (["--desk", "lumina-web", "--right", "gdpr_access", "--received", "31/10/2026"], "not a date and time"),
        (["--desk", "lumina-web", "--right", "gdpr_access"], "are required"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_status_2(lumina, capsys, args, says):
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "deadline", *args])
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and says in captured.err
