"""Dates as Japanese letters write them: in the era (和暦), 令和1年 written 元年."""

from datetime import date

ERAS = [  # (first day, name)
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
]


def era_date(day: date) -> str:
    """2026-11-22 → '令和8年11月22日'; 2019-05-01 → '令和元年5月1日'."""
    for start, name in ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def western_date_ja(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def english_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"
