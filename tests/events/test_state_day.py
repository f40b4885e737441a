"""The map of one day, decided once: what is in force, what just ended, what is faint, names."""

from __future__ import annotations

import datetime as dt

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.holders import HOLDERS
from mmatlas.state.day import RECENT, is_faint, map_on


def test_a_day_holds_the_events_in_force_and_those_just_ended_latest_first(catalogue: Catalogue) -> None:
    day = dt.date(1921, 9, 20)  # a week after Sakarya ended, the day after the Gazi title
    state = map_on(catalogue, day)
    assert all(e.when.contains(day) for e in state.events)
    assert [e.id for e in state.recent][:2] == ["gazi-and-musir", "battle-of-sakarya"]
    ends = [e.when.end for e in state.recent]
    assert ends == sorted(ends, reverse=True)
    assert all(day - RECENT <= end < day for end in ends)
    assert "battle-of-sakarya" in {e.id for e in state.recent}


def test_faint_means_a_loose_date_or_a_low_certainty_position(catalogue: Catalogue) -> None:
    loose = [e for e in catalogue.events if e.when.is_fuzzy]
    exact = [e for e in catalogue.events if not e.when.is_fuzzy]
    assert loose and exact
    assert all(is_faint(e) for e in loose) and not any(is_faint(e) for e in exact)
    low = [f for f in catalogue.fronts if f.certainty == "low"]
    assert low and all(is_faint(f) for f in low)


def test_the_small_catalogue_has_the_day_as_a_reader_would_count_it(small_catalogue: Catalogue) -> None:
    landing = map_on(small_catalogue, dt.date(1919, 5, 15))
    assert [e.id for e in landing.events] == ["izmir-landing"]
    after = map_on(small_catalogue, dt.date(1919, 5, 16))
    assert after.events == () and [e.id for e in after.recent] == ["izmir-landing"]
    month_later = map_on(small_catalogue, dt.date(1919, 6, 15))
    assert month_later.recent == ()
    (claim,) = map_on(small_catalogue, dt.date(1920, 8, 10)).territories
    assert claim.id == "small-claim" and not is_faint(claim)


def test_a_place_is_named_as_it_was_that_year(catalogue: Catalogue) -> None:
    gumru = catalogue.gazetteer.resolve("Gümrü")
    assert map_on(catalogue, dt.date(1920, 11, 7)).place_name(gumru, "tr") == "Gümrü"
    assert map_on(catalogue, dt.date(1920, 11, 7)).place_name(gumru, "en") == gumru.name("en", 1920)


def test_the_istanbul_government_is_named_after_the_city_as_the_map_labels_it(catalogue: Catalogue) -> None:
    """A reader sees the same city name in the legend and on the map, in each language."""
    city = catalogue.gazetteer.resolve("İstanbul")
    day = map_on(catalogue, dt.date(1920, 3, 16))
    for lang in ("tr", "en"):
        assert day.place_name(city, lang) in HOLDERS["istanbul"].name(lang)
