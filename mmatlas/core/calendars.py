"""Dates as Ottoman and early Republican documents write them: the Rumi (Mali) and the Hijri
calendar, turned into the Gregorian EDTF the atlas reads.

Rumi (references: Law no. 125 of 8 Şubat 1332; tr.wikipedia "Rûmî takvim"): Julian-based, the year
beginning on 1 Mart, 584 years behind the Christian era from March to December and 585 in
January and February, its days 12 behind the Gregorian before 1 March 1900 (Julian) and 13
after; 15 Şubat 1332 was followed by 1 Mart 1333 = 1 March 1917, from when days and months are
the Gregorian ones and, from 1334 (1918), the year begins in January: year + 584.

Hijri: the tabular (arithmetical) Islamic calendar, epoch 16 July 622 (Julian). A document may
have followed the sighted moon, a day or so off: a converted Hijri date is marked approximate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

CALENDARS = ("gregorian", "rumi", "hijri")
_DATE = re.compile(r"(\d{3,4})(?:-(\d{2})(?:-(\d{2}))?)?")
_JULIAN_TO_ORDINAL = 1721425  # date.toordinal() = Julian day number − this


class CalendarError(ValueError):
    """A date that cannot be in the calendar named."""


def to_gregorian(text: str, calendar: str) -> str:
    """The EDTF text `text`, written in `calendar`, as Gregorian EDTF. Each end of an interval is
    converted; a Rumi month or year since 1 Mart 1333 is the same Gregorian month or year; any
    other month or year becomes the span of its days. Hijri dates come out approximate (~)."""
    if calendar == "gregorian":
        return text
    qualifier = "~" if calendar == "hijri" else ""
    parts = text.strip().split("/")
    spans = [_span(part, calendar, text) for part in parts]
    if len(parts) == 1:
        first, last, hedge, same = spans[0]
        if same is not None:
            return f"{same}{hedge or qualifier}"
        return f"{first.isoformat()}/{last.isoformat()}{hedge or qualifier}"
    (start, _, start_hedge, _), (_, end, end_hedge, _) = spans[0], spans[-1]
    return f"{start.isoformat()}{start_hedge or qualifier}/{end.isoformat()}{end_hedge or qualifier}"


def _span(part: str, calendar: str, text: str) -> tuple[dt.date, dt.date, str, str | None]:
    """First and last Gregorian day of one date, its EDTF qualifier, and its Gregorian EDTF text
    where it keeps its precision (a day; a Rumi month or year of the Gregorian-based years)."""
    hedge = part[len(part.rstrip("?~%")) :]
    found = _DATE.fullmatch(part.rstrip("?~%"))
    if found is None:
        raise CalendarError(
            f"expected a {calendar} date as year-month-day, e.g. {_EXAMPLE[calendar]}; found '{text}'"
        )
    year, month, day = int(found.group(1)), found.group(2), found.group(3)
    convert = _rumi if calendar == "rumi" else _hijri
    aligned = calendar == "rumi" and (
        year >= 1334 or (year == 1333 and month is not None and int(month) >= 3)
    )
    if day is not None:
        one = convert(year, int(month or 1), int(day))
        return one, one, hedge, one.isoformat()
    if month is not None:
        first = convert(year, int(month), 1)
        last = _last_day(convert, year, int(month))
        return first, last, hedge, first.isoformat()[:7] if aligned else None
    if calendar == "rumi" and year < 1334:  # the year ran from 1 Mart to the end of Şubat
        return (
            convert(year, 3, 1),
            _last_day(convert, year, 2) if year < 1333 else dt.date(1917, 12, 31),
            hedge,
            None,
        )
    first = convert(year, 1, 1)
    return first, _last_day(convert, year, 12), hedge, str(first.year) if aligned else None


_EXAMPLE = {"rumi": "1336-04-23 (23 Nisan 1336 = 23 April 1920)", "hijri": "1339-01-01 (1 Muharrem 1339)"}


def _last_day(convert: Callable[[int, int, int], dt.date], year: int, month: int) -> dt.date:
    """The last day of a month: the day before the next month's first. Until 1333 a Rumi year
    ran from Mart to Şubat: Kânunusani follows Kânunuevvel in the same year, Mart follows Şubat
    in the next."""
    if convert is _rumi and year < 1333:
        following = (year, 1) if month == 12 else (year + 1, 3) if month == 2 else (year, month + 1)
    else:
        following = (year + 1, 1) if month == 12 else (year, month + 1)
    return convert(*following, 1) - dt.timedelta(days=1)


def _rumi(year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise CalendarError(f"expected a Rumi month 1–12 and day 1–31; found {year}-{month:02d}-{day:02d}")
    try:
        if year >= 1334 or (year == 1333 and month >= 3):
            return dt.date(year + 584, month, day)  # Gregorian days since 1 Mart 1333
        if year == 1332 and month == 2 and day > 15:
            raise CalendarError(
                "16–28 Şubat 1332 were never counted: 15 Şubat 1332 was followed by 1 Mart 1333"
            )
        julian_year = year + 584 if month >= 3 else year + 585
        return _julian(julian_year, month, day)
    except ValueError as error:
        if isinstance(error, CalendarError):
            raise
        raise CalendarError(f"there is no day {day} in month {month} of Rumi {year}") from None


def _julian(year: int, month: int, day: int) -> dt.date:
    """A Julian calendar date as a Gregorian date (Julian day number arithmetic)."""
    if day > (
        29 if month == 2 and year % 4 == 0 else 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    ):
        raise CalendarError(f"there is no {day}.{month} in the Julian year {year}")
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return dt.date.fromordinal(jdn - _JULIAN_TO_ORDINAL)


def _hijri(year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12 or not 1 <= day <= 30:
        raise CalendarError(f"expected a Hijri month 1–12 and day 1–30; found {year}-{month:02d}-{day:02d}")
    jdn = day + -(-59 * (month - 1) // 2) + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948440 - 1
    return dt.date.fromordinal(jdn - _JULIAN_TO_ORDINAL)


_MONTH_NAMES = {
    "rumi": ("Kânunusani", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
             "Teşrinievvel", "Teşrinisani", "Kânunuevvel"),
    "hijri": ("Muharrem", "Safer", "Rebiülevvel", "Rebiülahir", "Cemaziyelevvel", "Cemaziyelahir", "Recep",
              "Şaban", "Ramazan", "Şevval", "Zilkade", "Zilhicce"),
}  # fmt: skip
_CALENDAR_NAMES = {"rumi": {"tr": "Rumi", "en": "Rumi"}, "hijri": {"tr": "Hicri", "en": "Hijri"}}


def as_written_in(calendar: str, text: str, lang: str) -> str:
    """`rumi`, `1336-04-23` → `Rumi 23 Nisan 1336`: the date as the document wrote it."""
    words = []
    for part in text.split("/"):
        found = _DATE.fullmatch(part.rstrip("?~%"))
        if found is None:
            words.append(part)
            continue
        year, month, day = found.groups()
        name = _MONTH_NAMES[calendar][int(month) - 1] if month and 1 <= int(month) <= 12 else None
        words.append(" ".join(str(int(x)) if x is day else x for x in (day, name, year) if x is not None))
    return f"{_CALENDAR_NAMES[calendar].get(lang, calendar)} {' – '.join(words)}"
