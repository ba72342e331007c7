"""The report as titled tables in the reader's language: one shape for the page, the CSV, the workbook and the PDF.

Values stay typed (int, float, date, str; None where there is nothing to say) so that the workbook keeps
numbers as numbers; the page and the CSV format them.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from privacydesk.cases.choices import Decision, Kind, LegalGround, Status
from privacydesk.core.vocabulary import Channel, Jurisdiction, PaymentMethod, RequestType, VerificationMethod
from privacydesk.letters.models import LetterKind, PostalService
from privacydesk.retention.rules import DataKind, RetentionAction

from .selectors import BUCKETS, Report

# The article each ground of refusal rests on (DOMAIN.md: APPI Art. 33(2), 34, 35, 37; GDPR Art. 12(5)).
GROUND_ARTICLES = {
    LegalGround.HARM: gettext_lazy("APPI Art. 33(2)(i)"),
    LegalGround.BUSINESS: gettext_lazy("APPI Art. 33(2)(ii)"),
    LegalGround.OTHER_LAW: gettext_lazy("APPI Art. 33(2)(iii)"),
    LegalGround.CONTENTS_TRUE: gettext_lazy("APPI Art. 34(2)"),
    LegalGround.NO_GROUND: gettext_lazy("APPI Art. 35(1) to (6)"),
    LegalGround.ALTERNATIVE: gettext_lazy("APPI Art. 35(2), proviso"),
    LegalGround.NOT_IDENTIFIED: gettext_lazy("APPI Art. 37(1)"),
    LegalGround.EXCESSIVE: gettext_lazy("GDPR Art. 12(5)"),
}


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    more: int = 0  # rows left out of this copy (the page and the PDF show the first ones)


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table]


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value) if value else _("(none)")


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _local(moment):
    return timezone.localtime(moment).date() if moment else None


def _person(row: dict) -> str:
    if row["assignee_id"] is None:
        return _("Not assigned")
    full = f"{row['assignee__last_name']} {row['assignee__first_name']}".strip()
    return full or row["assignee__username"]


def _limited(rows, limit: int | None) -> tuple[list, int]:
    if limit is None:
        return list(rows), 0
    head = list(rows[: limit + 1])
    if len(head) <= limit:
        return head, 0
    return head[:limit], rows.count() - limit


def arrivals_section(report: Report) -> Section:
    a = report.arrivals
    kinds = list(Kind)
    per_month = Table(
        "arrivals_month",
        _("Arrivals per month"),
        [_("Month"), *[str(k.label) for k in kinds], _("Total")],
        [
            [month.strftime("%Y-%m"), *[counts[k] for k in kinds], sum(counts.values())]
            for month, counts in a["per_month"].items()
        ],
    )

    def simple(key, title, choices, counts, heading):
        return Table(key, title, [heading, _("Count")], [[_label(choices, v), n] for v, n in counts.items()])

    return Section(
        "arrivals",
        _("Arrivals"),
        [
            simple("arrivals_kind", _("Arrivals by kind"), Kind, a["kind"], _("Kind")),
            simple("arrivals_right", _("Rights requested"), RequestType, a["request_type"], _("Right")),
            simple("arrivals_channel", _("Arrivals by channel"), Channel, a["channel"], _("Channel")),
            simple("arrivals_jurisdiction", _("Arrivals by jurisdiction"), Jurisdiction, a["jurisdiction"], _("Law")),
            per_month,
        ],
    )


def outcomes_section(report: Report) -> Section:
    o = report.outcomes
    by_right = Table(
        "outcomes_right",
        _("Outcomes per right"),
        [
            _("Right"),
            str(Decision.GRANTED.label),
            str(Decision.PARTIAL.label),
            str(Decision.REFUSED.label),
            str(Decision.NO_DATA.label),
            pgettext("case status", "Withdrawn"),
            pgettext("case status", "Rejected as incomplete"),
            str(Decision.PENDING.label),
            _("Total"),
        ],
        [
            [
                _label(RequestType, r["request_type"]),
                r["granted"],
                r["partial"],
                r["refused"],
                r["no_data"],
                r["withdrawn"],
                r["rejected"],
                r["undecided"],
                r["total"],
            ]
            for r in o["by_right"]
        ],
    )
    grounds = Table(
        "outcomes_grounds",
        _("Refusals and partial grants by ground"),
        [_("Right"), _("Decision"), _("Ground"), _("Article"), _("Count")],
        [
            [
                _label(RequestType, g["request_type"]),
                _label(Decision, g["decision"]),
                _label(LegalGround, g["legal_ground"]) if g["legal_ground"] else _("(none)"),
                str(GROUND_ARTICLES.get(g["legal_ground"], "")),
                g["n"],
            ]
            for g in o["grounds"]
        ],
    )
    return Section("outcomes", _("Outcomes"), [by_right, grounds])


def lead_time_section(report: Report, limit: int | None) -> Section:
    lt, p = report.lead_times, report.punctuality
    columns = [
        _("Right"),
        _("Answered"),
        _("Median (calendar days)"),
        _("90th percentile (calendar days)"),
        _("Median (business days)"),
        _("90th percentile (business days)"),
    ]

    def figures(label, f):
        return [
            label,
            f["n"],
            _round(f["median_days"]),
            _round(f["p90_days"]),
            _round(f["median_business_days"]),
            _round(f["p90_business_days"]),
        ]

    rows = [figures(_label(RequestType, r["request_type"]), r) for r in lt["by_right"]]
    rows.append(figures(_("All answered cases"), lt["all"]))
    distribution = Table(
        "lead_time_distribution",
        _("Lead-time distribution"),
        [_("Calendar days"), _("Answered")],
        [[_bucket_label(low, high), n] for (low, high), n in zip(BUCKETS, lt["histogram"], strict=True)],
    )
    on_time = Table(
        "on_time",
        _("On time against each case's deadline"),
        [_("Kind"), _("Answered with a deadline"), _("On time"), _("Late"), _("On-time rate (%)")],
        [
            [_label(Kind, r["kind"]), r["n"], r["on_time"], r["n"] - r["on_time"], _rate(r["on_time"], r["n"])]
            for r in p["by_kind"]
        ],
    )
    total, in_time = sum(r["n"] for r in p["by_kind"]), sum(r["on_time"] for r in p["by_kind"])
    on_time.rows.append([_("Total"), total, in_time, total - in_time, _rate(in_time, total)])
    late_rows, more = _limited(p["late"], limit)
    late = Table(
        "late_cases",
        _("Late cases"),
        [
            _("Reference number"),
            _("Kind"),
            _("Arrived"),
            _("Deadline"),
            _("Date answered"),
            _("Days late"),
            _("Business days late"),
            _("Clock paused"),
            _("Deadline extended"),
            _("Reason for the extension"),
        ],
        [
            [
                r["reference"],
                _label(Kind, r["kind"]),
                _local(r["received_at"]),
                _local(r["due_at"]),
                _local(r["closed_at"]),
                r["days_late"],
                r["business_days_late"],
                _("Yes") if r["was_paused"] else _("No"),
                _("Yes") if r["extended_at"] else _("No"),
                r["extension_reason"],
            ]
            for r in late_rows
        ],
        more,
    )
    lead = Table("lead_times", _("Lead time from arrival to reply"), columns, rows)
    return Section("lead_times", _("Lead times and deadlines"), [lead, distribution, on_time, late])


def _bucket_label(low: int, high: int) -> str:
    if high >= 100_000:
        return _("%(low)s or more") % {"low": low}
    return _("%(low)s to %(high)s") % {"low": low, "high": high}


def workload_section(report: Report, limit: int | None) -> Section:
    w = report.workload
    by_status = Table(
        "open_status",
        _("Open cases by status"),
        [_("Status"), _("Open cases"), _("Overdue"), _("Oldest arrival")],
        [[_label(Status, r["status"]), r["n"], r["overdue"], _local(r["oldest"])] for r in w["by_status"]],
    )
    by_assignee = Table(
        "open_assignee",
        _("Open cases by assignee"),
        [_("Assignee"), _("Open cases"), _("Overdue"), _("Oldest arrival")],
        [[_person(r), r["n"], r["overdue"], _local(r["oldest"])] for r in w["by_assignee"]],
    )
    waiting_rows, more = _limited(w["waiting"], limit)
    waiting = Table(
        "waiting",
        _("Cases waiting on the requester"),
        [_("Reference number"), _("Kind"), _("Arrived"), _("Waiting since"), _("Deadline")],
        [
            [
                r["reference"],
                _label(Kind, r["kind"]),
                _local(r["received_at"]),
                _local(r["clock_paused_at"]),
                _local(r["due_at"]),
            ]
            for r in waiting_rows
        ],
        more,
    )
    return Section("workload", _("Open workload now"), [by_status, by_assignee, waiting])


def fees_section(report: Report) -> Section:
    f = report.fees
    totals = Table(
        "fees",
        _("Fees of the cases that arrived in the period"),
        [_("Figure"), _("Cases"), _("Amount (JPY)")],
        [
            [_("Charged"), f["charged_cases"], f["charged"]],
            [_("Received"), None, f["received"]],
            [_("Waived"), f["waived_cases"], f["waived"]],
            [_("Outstanding"), f["outstanding_cases"], f["outstanding"]],
        ],
    )
    by_method = Table(
        "fees_method",
        _("Payments by method"),
        [_("Payment method"), _("Payments"), _("Amount (JPY)")],
        [[_label(PaymentMethod, r["method"]), r["n"], r["amount"]] for r in f["by_method"]],
    )
    return Section("fees", _("Fees"), [totals, by_method])


def identity_section(report: Report) -> Section:
    i, letters = report.identity, report.letters
    checks = Table(
        "identity",
        _("Identity checks by method"),
        [_("Method"), _("Verified"), _("Could not be verified")],
        [[_label(VerificationMethod, r["method"]), r["verified"], r["failed"]] for r in i["checks"]],
    )
    destroyed = Table(
        "destroyed",
        _("Destroyed on schedule"),
        [_("Kind of data"), _("Action"), _("Destruction records")],
        [[_label(DataKind, r["data_kind"]), _label(RetentionAction, r["action"]), r["n"]] for r in i["destroyed"]],
    )
    by_kind = Table(
        "letters",
        _("Letters sent by kind"),
        [_("Kind of letter"), _("Letters")],
        [[_label(LetterKind, r["kind"]), r["n"]] for r in letters["by_kind"]],
    )
    posted = Table(
        "posted",
        _("Letters posted by service"),
        [_("Postal service"), _("Letters")],
        [[_label(PostalService, r["postal_service"]), r["n"]] for r in letters["posted"]],
    )
    return Section("identity", _("Identity checks, destruction and letters"), [checks, destroyed, by_kind, posted])


def complaints_section(report: Report) -> Section:
    c = report.complaints
    summary = Table(
        "complaints",
        _("Complaints"),
        [_("Figure"), _("Value")],
        [
            [_("Complaints received"), c["n"]],
            [_("Answered at least once"), c["answered"]],
            [_("Median days to the first answer"), _round(c["median_days"])],
            [_("90th percentile of days to the first answer"), _round(c["p90_days"])],
        ],
    )
    themes = Table(
        "complaint_themes",
        _("Complaint themes"),
        [_("Theme"), _("Complaints")],
        [[t["name"], t["n"]] for t in c["themes"]] + [[_("No theme given"), c["untagged"]]],
    )
    return Section("complaints", _("Complaints"), [summary, themes])


def report_sections(report: Report, *, limit: int | None = None) -> list[Section]:
    """Every section in order; ``limit`` caps the case lists (None: all rows, for the CSV and the workbook)."""
    return [
        arrivals_section(report),
        outcomes_section(report),
        lead_time_section(report, limit),
        workload_section(report, limit),
        fees_section(report),
        identity_section(report),
        complaints_section(report),
    ]


def report_table(report: Report, key: str) -> Table | None:
    for section in report_sections(report):
        for table in section.tables:
            if table.key == key:
                return table
    return None


def report_headline(report: Report) -> list[tuple[str, object]]:
    """The few figures a reader wants first (the review's summary page)."""
    p, lt = report.punctuality["by_kind"], report.lead_times["all"]
    answered, on_time = sum(r["n"] for r in p), sum(r["on_time"] for r in p)
    return [
        (_("Cases received"), report.arrivals["total"]),
        (_("Cases answered"), lt["n"]),
        (_("On-time rate (%)"), _rate(on_time, answered)),
        (_("Median (business days)"), _round(lt["median_business_days"])),
        (_("Open cases now"), sum(r["n"] for r in report.workload["by_status"])),
        (_("Complaints received"), report.complaints["n"]),
        (_("Fees received (JPY)"), report.fees["received"]),
    ]
