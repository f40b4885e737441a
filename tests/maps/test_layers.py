"""The layer list is the one place a layer kind is added: the page's panel, the stops and the
slides all follow it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.errors import InputError
from mmatlas.render import layers
from mmatlas.render.atlas.page_data import page_layers
from mmatlas.render.layers import Layer
from mmatlas.render.slides.static_map import render
from mmatlas.render.stops import load_stops

SEVRES = dt.date(1920, 8, 10)
# Claims apart from treaty zones: a kind a teacher might want to switch on alone.
CLAIMS = Layer("claims", "areas", "kind_claim", shown=False, territory_kinds=("claim",))
STOP = """
- id: claims-only
  date: 1920-08-10
  title: {tr: "İddialar", en: "Claims"}
  caption: {tr: "İddialar", en: "Claims"}
  centre: Uşak
  zoom: 5
  layers: [control, claims]
"""


@pytest.fixture
def with_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layers, "LAYERS", (*layers.LAYERS, CLAIMS))


def legend_texts(catalogue: Catalogue, keys: list[str]) -> list[str]:
    drawn = render(catalogue, SEVRES, lang="en", centre=(35.0, 39.0), zoom=5, layers=keys, title="Sèvres")
    return [text.get_text() for legend in drawn.figure.legends for text in legend.get_texts()]


@pytest.mark.usefixtures("with_claims")
def test_a_layer_added_to_the_list_is_in_the_page_a_stop_and_a_slide(
    small_catalogue: Catalogue, write_yaml: Callable[[str, str], Path]
) -> None:
    catalogue = small_catalogue
    overlays, _ = page_layers(catalogue, "en")
    (claims,) = [layer for layer in overlays if layer["key"] == "claims"]
    assert claims["group"] == "areas" and claims["label"] == "claim" and claims["show"] is False
    kinds = {f["properties"]["kind"] for f in claims["features"]}
    assert kinds == {"claim"}
    (stop,) = load_stops(catalogue, write_yaml("stops.yaml", STOP))
    assert stop.stop.layers == ["control", "claims"]
    assert "claim" in legend_texts(catalogue, ["control", "claims"])
    assert "claim" not in legend_texts(catalogue, ["control"])


def test_a_layer_not_in_the_list_is_refused_in_a_stop(
    small_catalogue: Catalogue, write_yaml: Callable[[str, str], Path]
) -> None:
    with pytest.raises(InputError) as caught:
        load_stops(small_catalogue, write_yaml("stops.yaml", STOP))
    (problem,) = caught.value.problems
    assert problem.field == "layers[1]"
    assert problem.message.startswith("expected one of control, zones, lines, fronts-western")
    assert problem.message.endswith("found 'claims'")


def test_every_layer_has_a_name_in_both_languages_and_a_known_group() -> None:
    for layer in layers.LAYERS:
        assert layer.group in layers.GROUPS
        assert layer.name("tr") != layer.name("en")
    outlined = {kind for layer in layers.territory_layers() for kind in layer.territory_kinds}
    assert outlined == set(layers.OUTLINES)
