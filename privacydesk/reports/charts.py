"""Charts drawn on the server as SVG: the geometry here, the markup in templates/reports/charts/.

No library: the ones we looked at write inline ``style`` attributes or scripts into their SVG, which our CSP
(no 'unsafe-inline') blocks. Colours are SVG presentation attributes (allowed by the CSP, and read by
WeasyPrint for the PDF) from the Okabe–Ito palette, which colour-blind readers can tell apart; every bar
also carries its number, and every chart has a title, a description and a data table beside it.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from privacydesk.cases.choices import Kind

from .tables import Section, Table

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 40


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    value: int
    label: str  # what the bar shows, for its <title>


@dataclass
class Chart:
    key: str
    title: str
    description: str
    table: Table
    width: int = WIDTH
    height: int = HEIGHT
    rects: list[Rect] = field(default_factory=list)
    ticks: list[tuple[float, float, str]] = field(default_factory=list)  # (y, text y, label) on the value axis
    labels: list[tuple[float, float, str]] = field(default_factory=list)  # (x, y, text) under the bars
    values: list[tuple[float, float, str]] = field(default_factory=list)  # (x, y, text) numbers on the bars
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, label)
    baseline: float = HEIGHT - BOTTOM
    label_anchor: str = "middle"


def _r(value: float) -> float:
    return round(value, 1)


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000):
        if value <= step * 4:
            return step * 4
    return value


def bar_chart(
    *,
    key: str,
    title: str,
    description: str,
    table: Table,
    series: list[str],
    groups: list[str],
    values: list[list[int]],
) -> Chart:
    """Vertical bars, one per group, stacked by series. ``values[g][s]``."""
    chart = Chart(key, title, description, table)
    top = _nice_max(max([sum(v) for v in values] or [0]))
    plot_h, plot_w = HEIGHT - TOP - BOTTOM, WIDTH - LEFT - RIGHT
    chart.ticks = [
        (_r(TOP + plot_h * (1 - i / 4)), _r(TOP + plot_h * (1 - i / 4) + 4), f"{top * i // 4:,}") for i in range(5)
    ]
    slot = plot_w / max(len(groups), 1)
    bar_w = min(48.0, slot * 0.7)
    for g, group in enumerate(groups):
        x = LEFT + slot * g + (slot - bar_w) / 2
        y = float(TOP + plot_h)
        for s, name in enumerate(series):
            v = values[g][s]
            if not v:
                continue
            h = plot_h * v / top
            y -= h
            chart.rects.append(
                Rect(_r(x), _r(y), _r(bar_w), _r(h), PALETTE[s % len(PALETTE)], v, f"{group} {name}: {v:,}")
            )
        total = sum(values[g])
        chart.values.append((_r(x + bar_w / 2), _r(y - 3), f"{total:,}"))
        chart.labels.append((_r(x + bar_w / 2), HEIGHT - BOTTOM + 16, group))
    if len(series) > 1:
        chart.legend = [(PALETTE[s % len(PALETTE)], name) for s, name in enumerate(series)]
    return chart


def share_chart(
    *,
    key: str,
    title: str,
    description: str,
    table: Table,
    series: list[str],
    groups: list[str],
    values: list[list[int]],
) -> Chart:
    """One horizontal bar per group, split by series into shares of 100 %."""
    row_h, gap, label_w = 22, 10, 250
    height = TOP + len(groups) * (row_h + gap) + 8
    chart = Chart(key, title, description, table, height=max(height, 60))
    plot_w = WIDTH - label_w - RIGHT
    for g, group in enumerate(groups):
        total = sum(values[g])
        y = TOP + g * (row_h + gap)
        x = float(label_w)
        short = group if len(group) <= 36 else group[:35] + "…"
        chart.labels.append((label_w - 6, _r(y + row_h * 0.7), short))
        for s, name in enumerate(series):
            v = values[g][s]
            if not total or not v:
                continue
            w = plot_w * v / total
            share = round(100 * v / total)
            chart.rects.append(
                Rect(_r(x), y, _r(w), row_h, PALETTE[s % len(PALETTE)], v, f"{group} {name}: {v:,} ({share}%)")
            )
            if w >= 28:
                chart.values.append((_r(x + w / 2), _r(y + row_h * 0.7), f"{share}%"))
            x += w
    chart.legend = [(PALETTE[s % len(PALETTE)], name) for s, name in enumerate(series)]
    chart.baseline = 0
    chart.label_anchor = "end"
    return chart


def _table(sections: list[Section], key: str) -> Table:
    return next(t for s in sections for t in s.tables if t.key == key)


def report_charts(sections: list[Section]) -> dict[str, Chart]:
    """The three charts, keyed by the section they belong to, each drawn from its section's table."""
    per_month = _table(sections, "arrivals_month")
    kinds = [str(k.label) for k in Kind]
    arrivals = bar_chart(
        key="chart_arrivals",
        title=_("Arrivals per month"),
        description=_("Bars by month, stacked by kind of case: inquiries, complaints and requests."),
        table=per_month,
        series=kinds,
        groups=[row[0] for row in per_month.rows],
        values=[row[1 : 1 + len(kinds)] for row in per_month.rows],
    )
    outcomes = _table(sections, "outcomes_right")
    shares = share_chart(
        key="chart_outcomes",
        title=_("Outcome shares per right"),
        description=_("For each right, the share of each outcome among the requests that ended in the period."),
        table=outcomes,
        series=outcomes.columns[1:-1],
        groups=[row[0] for row in outcomes.rows],
        values=[row[1:-1] for row in outcomes.rows],
    )
    distribution = _table(sections, "lead_time_distribution")
    lead = bar_chart(
        key="chart_lead_times",
        title=_("Lead-time distribution"),
        description=_("Cases answered in the period, by calendar days from arrival to reply."),
        table=distribution,
        series=[_("Answered")],
        groups=[row[0] for row in distribution.rows],
        values=[[row[1]] for row in distribution.rows],
    )
    return {"arrivals": arrivals, "outcomes": shares, "lead_times": lead}
