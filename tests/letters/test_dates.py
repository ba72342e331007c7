from datetime import date

from privacydesk.letters.dates import english_date, era_date


def test_reiwa_dates_with_gannen():
    assert era_date(date(2026, 11, 22)) == "令和8年11月22日"
    assert era_date(date(2019, 5, 1)) == "令和元年5月1日"
    assert era_date(date(2019, 4, 30)) == "平成31年4月30日"
    assert era_date(date(1989, 1, 8)) == "平成元年1月8日"


def test_english_date():
    assert english_date(date(2026, 11, 5)) == "5 November 2026"
