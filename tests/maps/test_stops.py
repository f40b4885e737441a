"""Lecture stops: the bundled tour loads; a user's stops file gets located, complete errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.errors import InputError
from mmatlas.render.stops import PlacedStop, load_stops


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
