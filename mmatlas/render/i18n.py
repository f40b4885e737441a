"""Interface text in Turkish and English, and dates written out for people."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, get_month_names

from mmatlas.core.calendars import as_written_in
from mmatlas.core.dates import When
from mmatlas.core.lang import LANGS, Lang
from mmatlas.core.messages import message

# Month names from the Unicode CLDR (via Babel), in each page's language: the page's time control
# and every date the Python side words use the same list.
MONTHS: dict[Lang, list[str]] = {
    lang: [get_month_names("wide", context="format", locale=lang)[m] for m in range(1, 13)] for lang in LANGS
}


def label(key: str, lang: Lang) -> str:
    return message(key, lang)


def day_text(day: dt.date, lang: Lang) -> str:
    """`1920-12-03` → `3 Aralık 1920` / `3 December 1920`."""
    return str(format_date(day, "d MMMM y", locale=lang))


def when_text(when: When, lang: Lang) -> str:
    """What an EDTF string means, in words: `1920-23` → `Sonbahar 1920 (1 Eylül – 30 Kasım 1920)`."""
    digits = when.text.rstrip("?~%")
    if when.precision == "day":
        words = day_text(when.start, lang)
    elif when.precision == "month":
        words = str(format_date(when.start, "MMMM y", locale=lang))
    elif when.precision == "year":
        words = str(when.start.year)
    elif when.precision == "season":
        span = f"{day_text(when.start, lang)} – {day_text(when.end, lang)}"
        words = f"{message(f'season_{digits[5:7]}', lang)} {when.start.year} ({span})"
    else:
        words = f"{day_text(when.start, lang)} – {day_text(when.end, lang)}"
    hedges = [
        label(k, lang) for k, on in (("approximate", when.approximate), ("uncertain", when.uncertain)) if on
    ]
    if when.written:  # as the document wrote it, in its own calendar
        calendar, original = when.written.split(" ", 1)
        hedges.append(as_written_in(calendar, original, lang))
    return f"{words} ({', '.join(hedges)})" if hedges else words
