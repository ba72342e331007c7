"""Every figure of the report against the October 2025 desk worked out by hand (tests/reports/conftest.py)."""

from datetime import date

import pytest

from privacydesk.reports.selectors import report_compute
from tests.reports.conftest import NOW, OCTOBER


@pytest.fixture
def report(october):
    return report_compute(organizations=[october["org"]], period=OCTOBER, now=NOW)


def test_arrivals_count_cases_of_the_desk_that_arrived_in_the_period(report):
    a = report.arrivals
    assert a["total"] == 7  # C1–C7: not C8 (September), C10 (November) or X1 (another desk)
    assert a["kind"] == {"request": 4, "complaint": 2, "inquiry": 1}
    assert a["channel"] == {"web": 4, "post": 1, "phone": 1, "email": 1}
    assert a["jurisdiction"] == {"appi": 6, "gdpr": 1}
    # The mixed filing C2 counts once for each right it asks for.
    assert a["request_type"] == {"disclosure": 3, "suspension": 1, "gdpr_access": 1}
    assert a["per_month"] == {date(2025, 10, 1): {"inquiry": 1, "complaint": 2, "request": 4}}


def test_per_month_lists_every_month_of_a_fiscal_year_with_zeros(october):
    from privacydesk.reports.periods import fiscal_year

    report = report_compute(organizations=[october["org"]], period=fiscal_year(2025), now=NOW)
    months = report.arrivals["per_month"]
    assert list(months) == [date(2025, m, 1) for m in range(4, 13)] + [date(2026, m, 1) for m in range(1, 4)]
    assert months[date(2025, 9, 1)] == {"inquiry": 1, "complaint": 0, "request": 0}
    assert months[date(2025, 11, 1)] == {"inquiry": 1, "complaint": 0, "request": 0}
    assert report.arrivals["total"] == 9


def test_outcomes_per_right_include_withdrawn_and_rejected_cases(report):
    by_right = {row["request_type"]: row for row in report.outcomes["by_right"]}
    assert by_right["disclosure"] == {
        "request_type": "disclosure",
        "granted": 1,
        "partial": 1,
        "refused": 0,
        "no_data": 0,
        "undecided": 0,
        "withdrawn": 1,
        "rejected": 0,
        "total": 3,
    }
    assert (by_right["suspension"]["refused"], by_right["suspension"]["total"]) == (1, 1)
    assert (by_right["gdpr_access"]["rejected"], by_right["gdpr_access"]["total"]) == (1, 1)


def test_refusals_are_counted_by_ground(report):
    assert report.outcomes["grounds"] == [
        {"request_type": "disclosure", "decision": "partial", "legal_ground": "harm", "n": 1},
        {"request_type": "suspension", "decision": "refused", "legal_ground": "no_ground", "n": 1},
    ]


def test_lead_times_in_calendar_and_business_days(report):
    # Answered in October: C1 7 days (5 business), C2 18 (11: 13 October is a holiday), C4 4 (4), C8 7 (5).
    overall = report.lead_times["all"]
    assert overall["n"] == 4
    assert overall["median_days"] == pytest.approx(7.0)
    assert overall["p90_days"] == pytest.approx(14.7)  # 7 + 0.7 × (18 − 7)
    assert overall["median_business_days"] == pytest.approx(5.0)
    assert overall["p90_business_days"] == pytest.approx(9.2)  # 5 + 0.7 × (11 − 5)
    by_right = {row["request_type"]: row for row in report.lead_times["by_right"]}
    assert by_right["disclosure"]["n"] == 2  # C1 and C2; the withdrawn C3 has no lead time
    assert by_right["disclosure"]["median_days"] == pytest.approx(12.5)
    assert by_right["disclosure"]["p90_days"] == pytest.approx(16.9)
    assert by_right["disclosure"]["median_business_days"] == pytest.approx(8.0)
    assert by_right["suspension"]["median_business_days"] == pytest.approx(11.0)
    assert report.lead_times["histogram"] == [3, 0, 1, 0, 0]


def test_on_time_rate_and_late_cases_with_how_late_and_why(report):
    assert {r["kind"]: (r["n"], r["on_time"]) for r in report.punctuality["by_kind"]} == {
        "complaint": (1, 1),
        "inquiry": (1, 1),
        "request": (2, 1),
    }
    (late,) = list(report.punctuality["late"])
    assert late["reference"] == "C2"
    assert (late["days_late"], late["business_days_late"]) == (4, 2)
    assert late["was_paused"] is True
    assert late["extended_at"] is not None
    assert late["extension_reason"] == "Many records to search"


def test_open_workload_now_by_status_and_assignee_oldest_first(report):
    w = report.workload
    assert [(r["status"], r["n"], r["overdue"]) for r in w["by_status"]] == [
        ("in_progress", 1, 1),
        ("awaiting_requester", 1, 0),
        ("received", 1, 0),
    ]
    assert [(r["assignee__username"], r["n"], r["overdue"]) for r in w["by_assignee"]] == [
        ("clerk", 1, 1),
        (None, 2, 0),
    ]
    assert [r["reference"] for r in w["waiting"]] == ["C6"]


def test_fees_charged_received_waived_and_outstanding(report):
    f = report.fees
    assert (f["charged_cases"], f["charged"]) == (3, 3000)
    assert f["received"] == 1000
    assert (f["waived_cases"], f["waived"]) == (1, 1000)
    assert (f["outstanding_cases"], f["outstanding"]) == (1, 1000)
    assert f["by_method"] == [{"method": "bank_transfer", "n": 1, "amount": 1000}]


def test_identity_checks_destruction_and_letters(report):
    assert report.identity["checks"] == [
        {"method": "document", "verified": 1, "failed": 0},
        {"method": "records", "verified": 0, "failed": 1},
    ]
    assert report.identity["destroyed"] == [{"data_kind": "id_documents", "action": "delete", "n": 1}]
    assert {r["kind"]: r["n"] for r in report.letters["by_kind"]} == {
        "complaint_reply": 1,
        "disclosure": 1,
        "refusal": 1,
    }
    assert {r["postal_service"]: r["n"] for r in report.letters["posted"]} == {"ordinary": 1, "simple_registered": 1}


def test_complaints_themes_and_time_to_first_answer(report):
    c = report.complaints
    assert (c["n"], c["answered"]) == (2, 1)
    assert c["median_days"] == pytest.approx(2.0)  # C4: first message out two days after arrival
    assert c["themes"] == [{"name": "billing", "n": 2}, {"name": "marketing", "n": 1}]
    assert c["untagged"] == 0


def test_several_desks_together_add_up(october):
    report = report_compute(organizations=[october["org"], october["other"]], period=OCTOBER, now=NOW)
    assert report.arrivals["total"] == 8
    assert report.complaints["themes"] == [
        {"name": "billing", "n": 2},
        {"name": "elsewhere", "n": 1},
        {"name": "marketing", "n": 1},
    ]


def test_the_number_of_queries_does_not_grow_with_the_cases(october, django_assert_max_num_queries):
    from tests.factories import CaseFactory
    from tests.reports.conftest import at

    with django_assert_max_num_queries(30) as first:
        report_compute(organizations=[october["org"]], period=OCTOBER, now=NOW)
    for day in range(1, 29):
        CaseFactory(
            organization=october["org"],
            kind="inquiry",
            received_at=at(10, day),
            status="replied",
            closed_at=at(10, day, 15),
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        report_compute(organizations=[october["org"]], period=OCTOBER, now=NOW)
