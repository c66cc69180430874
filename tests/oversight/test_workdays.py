import datetime as dt

from oversight.workdays import calendar_frame


def _day(frame, iso):
    return frame.filter(frame["day"] == dt.date.fromisoformat(iso)).row(0, named=True)


def test_christmas_2026_substitute_boxing_day_is_not_a_working_day():
    cal = calendar_frame(dt.date(2026, 12, 20), dt.date(2027, 1, 8))
    # 25 Dec is a Friday; Boxing Day falls on Saturday so Monday 28 Dec is the substitute day.
    assert not _day(cal, "2026-12-25")["is_working_day"]
    assert not _day(cal, "2026-12-28")["is_working_day"]
    assert _day(cal, "2026-12-28")["is_bank_holiday"]
    assert _day(cal, "2026-12-29")["is_working_day"]
    assert not _day(cal, "2027-01-01")["is_working_day"]


def test_working_day_index_counts_days_between():
    cal = calendar_frame(dt.date(2026, 12, 20), dt.date(2027, 1, 8))
    # Working days d with 24 Dec < d <= 4 Jan: 29, 30, 31 Dec and 4 Jan.
    assert _day(cal, "2027-01-04")["working_day_index"] - _day(cal, "2026-12-24")["working_day_index"] == 4


def test_wales_shares_englands_bank_holidays_not_scotlands():
    cal = calendar_frame(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    # 2 January is a bank holiday in Scotland only; Easter Monday and the August bank holiday
    # (31 August, England and Wales) are not working days.
    assert _day(cal, "2026-01-02")["is_working_day"]
    assert not _day(cal, "2026-04-06")["is_working_day"]
    assert not _day(cal, "2026-08-31")["is_working_day"]
