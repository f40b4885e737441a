import datetime as dt

import pytest

from mmatlas.core.dates import DateError, parse_when


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("1920-12-03", "1920-12-03", "1920-12-03", "day"),
        ("1920-12", "1920-12-01", "1920-12-31", "month"),
        ("1920", "1920-01-01", "1920-12-31", "year"),
        ("1920-23", "1920-09-01", "1920-11-30", "season"),
        ("1920-24", "1920-12-01", "1921-02-28", "season"),  # winter runs into the next year
        ("1920-05-11/1920-07-19", "1920-05-11", "1920-07-19", "interval"),
        ("1920-10/1920-11", "1920-10-01", "1920-11-30", "interval"),
    ],
)
def test_edtf_resolves_to_inclusive_days(text: str, start: str, end: str, precision: str) -> None:
    when = parse_when(text)
    assert (when.start.isoformat(), when.end.isoformat(), when.precision) == (start, end, precision)
    assert when.text == text


def test_hedged_dates_keep_their_span_and_are_flagged() -> None:
    uncertain = parse_when("1921-03-11?")
    approximate = parse_when("1921-03~")
    assert (uncertain.start, uncertain.end, uncertain.uncertain) == (
        dt.date(1921, 3, 11),
        dt.date(1921, 3, 11),
        True,
    )
    assert (approximate.start, approximate.end) == (dt.date(1921, 3, 1), dt.date(1921, 3, 31))
    assert approximate.approximate and approximate.is_fuzzy
    assert not parse_when("1920-12-03").is_fuzzy


def test_an_instant_contains_only_its_day() -> None:
    when = parse_when("1920-12-03")
    assert when.contains(dt.date(1920, 12, 3))
    assert not when.contains(dt.date(1920, 12, 4))


@pytest.mark.parametrize("text", ["1920-13-01", "3 Aralık 1920", "1921-01-01/1920-01-01", ""])
def test_bad_dates_say_what_was_expected(text: str) -> None:
    with pytest.raises(DateError, match=r"1920-12-03|ends before it starts"):
        parse_when(text)


@pytest.mark.parametrize("text", ["1920", "1920-02", "1900-02", "1920-02-29", "1923-10-29"])
def test_plain_dates_read_directly_agree_with_the_edtf_grammar(text: str) -> None:
    from edtf import parse_edtf

    parsed = parse_edtf(text)
    when = parse_when(text)
    assert when.start == dt.date(*parsed.lower_strict()[:3])
    assert when.end == dt.date(*parsed.upper_strict()[:3])


def test_a_day_past_the_end_of_its_month_names_the_month() -> None:
    expected = r"between 1 and 28 \(February 1921 has 28 days\); found .1921-02-29."
    with pytest.raises(DateError, match=expected):
        parse_when("1921-02-29")


@pytest.mark.parametrize(
    "text",
    [
        "1921-03-11?",
        "1921-03~",
        "1920~",
        "1920%",
        "1920-01~/1920-03~",
        "1920-10/1920-11",
        "1918-12-17/1919-03-24",
    ],
)
def test_hedged_dates_and_intervals_read_directly_agree_with_the_edtf_grammar(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mmatlas.core import dates

    direct = parse_when(text)
    parse_when.cache_clear()
    monkeypatch.setattr(dates, "_direct", lambda _: None)
    assert dates.parse_when(text) == direct
    parse_when.cache_clear()


@pytest.mark.parametrize("text", ["1920-21", "1920-22", "1920-23", "1919-24", "1923-24"])
def test_seasons_read_directly_match_the_edtf_grammar(text: str) -> None:
    """Seasons skip the (slow) EDTF grammar; the days must be those the `edtf` package gives."""
    from edtf import parse_edtf

    from mmatlas.core.dates import _to_date

    parsed = parse_edtf(text)
    start, end = _to_date(parsed.lower_strict()), _to_date(parsed.upper_strict())
    if text.endswith("-24"):  # edtf ends winter on 31 December; ours runs into February
        end = dt.date(start.year + 1, 2, 28 if (start.year + 1) % 4 else 29)
    when = parse_when(text)
    assert (when.start, when.end, when.precision) == (start, end, "season")


@pytest.mark.parametrize(
    ("text", "fuzzy"),
    [
        ("1920-08-10/1923-07-24", False),  # Sèvres to Lausanne: both ends exact days
        ("1920-12-03", False),
        ("1920-12", True),
        ("1920-05/1920-07", True),  # months at both ends
        ("1920-05-11/1920-07", True),  # one end only a month
        ("1921-03-11?/1921-03-20", True),  # an end the author doubted
        ("1920-23", True),
        ("1920~", True),
    ],
)
def test_only_a_span_with_exact_days_at_both_ends_is_drawn_as_exact(text: str, fuzzy: bool) -> None:
    assert parse_when(text).is_fuzzy is fuzzy
