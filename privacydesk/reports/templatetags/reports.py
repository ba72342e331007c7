"""How a report's cell reads on the page: numbers with separators, one decimal, dates as YYYY-MM-DD."""

from datetime import date

from django import template

register = template.Library()


@register.filter
def cell(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@register.filter
def numeric(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@register.filter
def chart_for(charts: dict, key: str):
    """The chart drawn for a section, if it has one."""
    return charts.get(key) if charts else None
