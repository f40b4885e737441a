"""EDTF date strings, as authors write them, resolved to closed day intervals."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Precision = Literal["day", "month", "season", "year", "interval"]

EXAMPLES = "1920-12-03, 1920-12, 1920-23 (autumn), 1920-05-11/1920-07-19, 1921-03-11? or 1920~"


@dataclass(frozen=True, order=True)
class When:
    """A dated span `[start, end]` (an instant is one day) and the text it was written as."""

    start: dt.date
    end: dt.date
    text: str
    precision: Precision = "day"
    uncertain: bool = False
    approximate: bool = False
    # An interval whose two ends are both exact days (1920-08-10/1923-07-24) is as exact as a day.
    exact_ends: bool = False
    # Written in another calendar ("rumi 1336-04-23"): shown beside the Gregorian date.
    written: str = ""

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def is_fuzzy(self) -> bool:
        """True where the author hedged or gave less than a day: drawn differently."""
        if self.uncertain or self.approximate:
            return True
        return not (self.precision == "day" or (self.precision == "interval" and self.exact_ends))


class DateError(ValueError):
    """An EDTF string that cannot be read, with what was expected."""


# Plain calendar dates are most of any catalogue; the full EDTF grammar (pyparsing) costs
# ~20 ms per string, so these are read directly and only the rest goes to `edtf`.
_PLAIN = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(\d{2}))?)?")


# The same with EDTF's qualifiers (? uncertain, ~ approximate, % both), alone or as the two
# ends of an interval: read directly too; anything else (seasons, open ends, sets) goes to edtf.
_HEDGED = re.compile(r"(\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?)([?~%]?)")


# The years a date of this atlas may fall in: wide enough for the treaties it recalls (Berlin,
# 1878) and the works it cites, narrow enough that a slip (0001-01-01) is caught, not computed.
FIRST_YEAR, LAST_YEAR = 1800, 2100


@lru_cache(maxsize=4096)
def parse_when(text: str) -> When:
    """Parse an EDTF string such as `1920-12-03` or `1920-05-11/1920-07-19`; a date written as
    Turkish sources write it (5.1.1922, 5 Ocak 1922) is refused with its EDTF form."""
    when = _parse(text)
    for year in {when.start.year, when.end.year}:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise DateError(f"expected a year between {FIRST_YEAR} and {LAST_YEAR}; found '{text}'")
    return when


def _parse(text: str) -> When:
    cleaned = text.strip()
    if re.search(r"\d[Xux]|[Xux]\d|-[Xux]{2}", cleaned):
        raise DateError(
            f"unspecified digits (X) are not read here; write the span they stand for, e.g. 1920-12 for "
            f"a day in December 1920 or 1920-12-01/1920-12-20; found '{text}'"
        )
    if cleaned.startswith("/") or cleaned.endswith("/") or ".." in cleaned:
        raise DateError(
            f"an interval needs both its ends, e.g. 1920-12-02/1920-12-31 (the last day the source "
            f"allows); found '{text}'"
        )
    plain = _PLAIN.fullmatch(cleaned)
    if plain is not None:
        return _plain_when(cleaned, *plain.groups())
    season = _SEASON.fullmatch(cleaned)
    if season is not None:
        return _season_when(cleaned, int(season.group(1)), int(season.group(2)))
    direct = _direct(cleaned)
    if direct is not None:
        return direct
    # Imported here: building the EDTF grammar costs ~0.15 s, and plain dates, intervals,
    # hedged dates and seasons (nearly every date) never need it.
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException
    from edtf.parser.parser_classes import Season

    try:
        parsed = parse_edtf(cleaned)
    except (EDTFParseException, ValueError, AttributeError, TypeError) as error:
        iso = as_written(cleaned)
        hint = f" (did you mean {iso}? dates are written year-month-day)" if iso else ""
        raise DateError(f"expected an EDTF date such as {EXAMPLES}; found '{text}'{hint}") from error
    try:
        start = _to_date(parsed.lower_strict())
        end = _to_date(parsed.upper_strict())
    except (ValueError, OverflowError, AttributeError, TypeError) as error:
        raise DateError(f"'{text}' has no definite start and end; write both, e.g. {EXAMPLES}") from error
    if isinstance(parsed, Season) and cleaned.endswith("-24"):
        # edtf 5.0.2 ends winter on 31 December; a northern winter runs into February.
        end = dt.date(start.year + 1, 2, calendar.monthrange(start.year + 1, 2)[1])
    if end < start:
        raise DateError(f"'{text}' ends before it starts")
    precision = _precision(cleaned, parsed)
    return When(
        start=start,
        end=end,
        text=cleaned,
        precision=precision,
        uncertain="?" in cleaned or "%" in cleaned,
        approximate="~" in cleaned or "%" in cleaned,
        exact_ends=precision == "interval" and all(_EXACT_DAY.fullmatch(p) for p in cleaned.split("/")),
    )


def _direct(text: str) -> When | None:
    """A hedged date or an interval of plain or hedged dates, without the EDTF grammar."""
    parts = text.split("/")
    if len(parts) > 2:
        return None
    matches = [_HEDGED.fullmatch(part) for part in parts]
    if any(m is None for m in matches):
        return None
    spans = [parse_when(m.group(1)) for m in matches if m is not None]
    start, end = spans[0].start, spans[-1].end
    if end < start:
        raise DateError(f"'{text}' ends before it starts")
    return When(
        start=start,
        end=end,
        text=text,
        precision="interval" if len(parts) == 2 else spans[0].precision,
        uncertain="?" in text or "%" in text,
        approximate="~" in text or "%" in text,
        exact_ends=len(parts) == 2 and all(span.precision == "day" for span in spans),
    )


_EXACT_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Seasons (21 spring … 24 winter) as the `edtf` package resolves them, without its grammar
# (building it costs ~70 ms); winter runs into February of the next year.
_SEASON = re.compile(r"(\d{4})-(2[1-4])")
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}


def _season_when(text: str, year: int, season: int) -> When:
    first, last = _SEASON_MONTHS[season]
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    end = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return When(dt.date(year, first, 1), end, text, "season")


def _plain_when(text: str, year: str, month: str | None, day: str | None) -> When:
    y = int(year)
    if month is None:
        return When(dt.date(y, 1, 1), dt.date(y, 12, 31), text, "year")
    m = int(month)
    last = calendar.monthrange(y, m)[1]
    if day is None:
        return When(dt.date(y, m, 1), dt.date(y, m, last), text, "month")
    if not 1 <= int(day) <= last:
        month_name = dt.date(y, m, 1).strftime("%B %Y")
        raise DateError(f"expected a day between 1 and {last} ({month_name} has {last} days); found '{text}'")
    return When(dt.date(y, m, int(day)), dt.date(y, m, int(day)), text, "day")


def _to_date(value: time.struct_time) -> dt.date:
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday)


def _precision(text: str, parsed: object) -> Precision:
    from edtf.parser.parser_classes import Interval as EdtfInterval
    from edtf.parser.parser_classes import Season

    if isinstance(parsed, EdtfInterval):
        return "interval"
    if isinstance(parsed, Season):
        return "season"
    digits = text.rstrip("?~%")
    if len(digits) == 4:
        return "year"
    if len(digits) == 7:
        return "season" if int(digits[5:7]) > 12 else "month"
    return "day"


# Month names as Turkish and English sources write them, folded (no dots or diacritics).
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("ocak", "january", "jan"), ("subat", "february", "feb"), ("mart", "march", "mar"),
            ("nisan", "april", "apr"), ("mayis", "may"), ("haziran", "june", "jun"),
            ("temmuz", "july", "jul"), ("agustos", "august", "aug"), ("eylul", "september", "sep", "sept"),
            ("ekim", "october", "oct"), ("kasim", "november", "nov"), ("aralik", "december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_FOLD = str.maketrans("çğıöşüâîûÇĞİÖŞÜ", "cgiosuaiucgiosu")
_NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_WORDS = re.compile(r"(?:(\d{1,2})\s+)?([a-z]+)\s+(\d{4})")


def as_written(text: str) -> str | None:
    """The EDTF form of a date as Turkish sources write it, day first: 5.1.1922, 05/01/1922,
    5 Ocak 1922, Ocak 1922, 21 Ocak - 12 Şubat 1920, 21-25 Ocak 1920; None for anything else."""
    folded = text.lower().replace("\u0307", "").translate(_FOLD).strip()
    parts = [part.strip() for part in re.split(r"\s+[-–—]\s+|\s*[–—]\s*", folded) if part.strip()]
    if len(parts) == 1 and re.fullmatch(r"\d{1,2}\s*-\s*\d{1,2}\s+[a-z]+\s+\d{4}", parts[0]):
        first, rest = re.split(r"\s*-\s*", parts[0], maxsplit=1)  # 21-25 Ocak 1920
        parts = [f"{first} {rest.split(maxsplit=1)[1]}", rest]
    if len(parts) == 2:
        end = _one(parts[1], None)
        start = _one(parts[0], end)
        return f"{start}/{end}" if start and end else None
    return _one(parts[0], None) if len(parts) == 1 else None


def _one(text: str, after: str | None) -> str | None:
    """One day or month; a start without month or year takes them from the end (`21` of
    `21 Ocak - 12 Şubat 1920`, `21 Ocak` of it)."""
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        day, month, year = (int(g) for g in numeric.groups())
        return _iso(year, month, day)
    words = _WORDS.fullmatch(text)
    if words and words.group(2) in _MONTHS:
        day_text, month, year = words.group(1), _MONTHS[words.group(2)], int(words.group(3))
        return _iso(year, month, int(day_text) if day_text else None)
    if after is not None:
        year = int(after[:4])
        short = re.fullmatch(r"(\d{1,2})(?:\s+([a-z]+))?", text)
        if short and (short.group(2) is None or short.group(2) in _MONTHS):
            month = _MONTHS[short.group(2)] if short.group(2) else int(after[5:7])
            return _iso(year, month, int(short.group(1)))
    return None


def _iso(year: int, month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
