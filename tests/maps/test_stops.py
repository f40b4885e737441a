"""Lecture stops: the bundled tour loads; a user's stops file gets located, complete errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.errors import InputError
from mmatlas.render.stops import PlacedStop, load_stops, load_tour


def test_the_default_tour_covers_the_period_in_order(stops: list[PlacedStop]) -> None:
    dates = [s.stop.date.isoformat() for s in stops]
    assert 12 <= len(stops) <= 20
    assert dates == sorted(dates)
    assert dates[0] == "1918-10-30" and dates[-1] == "1923-10-29"
    assert all(s.stop.caption.tr and s.stop.caption.en for s in stops)


def test_a_bad_stops_file_reports_every_mistake(
    catalogue: Catalogue, write_yaml: Callable[[str, str], Path]
) -> None:
    path = write_yaml(
        "stops.yaml",
        """
        - id: one
          date: 1920-13-01
          title: {tr: "a", en: "a"}
          caption: {tr: "a", en: "a"}
          centre: Kars
        - id: two
          date: 1920-12-03
          title: {tr: "b", en: "b"}
          caption: {tr: "b", en: "b"}
          centre: Rulp
          layers: [control, eventz]
        """,
    )
    with pytest.raises(InputError) as caught:
        load_stops(catalogue, path)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 3, messages
    assert messages[0].startswith(f"{path}:2:9: date: ")
    assert messages[1] == (
        f"{path}:10:11: centre: unknown place 'Rulp' (did you mean 'Kulp' (Tuzluca, Iğdır, Turkey)?)"
    )
    assert messages[2].startswith(f"{path}:11:21: layers[1]: expected one of control, zones, lines")
    assert "did you mean 'events'" in messages[2]


def test_a_tour_file_gives_its_deck_a_title_and_its_mistakes_are_located_under_stops(
    catalogue: Catalogue, write_yaml: Callable[[str, str], Path]
) -> None:
    good = write_yaml(
        "tour.yaml",
        """
        title: {tr: "Kurtuluş Savaşı", en: "The War of Independence"}
        subtitle: {tr: "10-B, 3. hafta", en: "Year 10, week 3"}
        stops:
          - id: one
            date: 1920-09-01
            title: {tr: "a", en: "a"}
            caption: {tr: "a", en: "a"}
            centre: Kars
        """,
    )
    tour = load_tour(catalogue, good)
    assert tour.title is not None and tour.title.get("tr") == "Kurtuluş Savaşı"
    assert tour.subtitle is not None and tour.subtitle.get("en") == "Year 10, week 3"
    assert [s.stop.id for s in tour.stops] == ["one"]
    bad = write_yaml(
        "bad-tour.yaml",
        """
        titel: {tr: "Kurtuluş Savaşı", en: "x"}
        stops:
          - id: one
            date: 1920-09-01
            title: {tr: "a", en: "a"}
            caption: {tr: "a", en: "a"}
            centre: Rulp
        """,
    )
    with pytest.raises(InputError) as caught:
        load_tour(catalogue, bad)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 2, messages
    assert messages[0].startswith(f"{bad}:1:1: titel:") and "did you mean 'title'" in messages[0]
    assert messages[1].startswith(f"{bad}:7:13: stops[0].centre: unknown place 'Rulp'")
