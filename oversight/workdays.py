"""Working days in England and Wales: Monday to Friday less bank holidays.

Bank holidays (substitute days included) come from the ``holidays`` package, which is
maintained and covers any year. The calendar is stored in the database as a table so that
every working-day rule is a join in SQL, never a loop in Python.
"""

from __future__ import annotations

import datetime as dt

import holidays
import polars as pl


def bank_holidays(years: range) -> set[dt.date]:
    return set(holidays.UK(subdiv="ENG", years=list(years)).keys())


def calendar_frame(first: dt.date, last: dt.date) -> pl.DataFrame:
    """One row per day from ``first`` to ``last``.

    ``working_day_index`` counts the working days on or before the day, so the working days
    between x and y (x < d <= y) are ``index(y) - index(x)``, and the K-th working day after x
    is the working day whose index is ``index(x) + K``.
    """
    hols = bank_holidays(range(first.year, last.year + 1))
    days = pl.date_range(first, last, interval="1d", eager=True).alias("day")
    frame = pl.DataFrame({"day": days}).with_columns(
        is_working_day=(pl.col("day").dt.weekday() <= 5) & ~pl.col("day").is_in(sorted(hols)),
    )
    frame = frame.with_columns(
        is_bank_holiday=pl.col("day").is_in(sorted(hols)),
        working_day_index=pl.col("is_working_day").cast(pl.Int32).cum_sum(),
    )
    return frame.select("day", "is_working_day", "is_bank_holiday", "working_day_index")
