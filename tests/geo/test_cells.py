"""Cells: each town's share of the land, cut to today's countries, sharing edges exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point

from mmatlas.catalogue.cells import CellError, Cells, Town, build_cells, country_shapes

# GeoNames points. Batum and Çanakkale are ports the 1:50m coast used to leave at sea.
ARTVIN = Town("artvin", 41.81838, 41.18161)
BATUM = Town("batum", 41.63588, 41.64228)
KARS = Town("kars", 43.09495, 40.60199)
GUMRU = Town("gumru", 43.84528, 40.7942)
CANAKKALE = Town("canakkale", 26.40858, 40.14556)
ERZURUM = Town("erzurum", 41.27694, 39.90861)
TOWNS = [ARTVIN, BATUM, KARS, GUMRU, CANAKKALE, ERZURUM]


@pytest.fixture(scope="module")
def cells() -> Cells:
    return build_cells(TOWNS, use_cache=False)


def test_every_town_lies_inside_its_own_cell_ports_included(cells: Cells) -> None:
    for town, shape in zip(TOWNS, cells.shapes, strict=True):
        assert shape.contains(Point(town.lon, town.lat)), town.key


def test_cells_stop_at_todays_borders(cells: Cells) -> None:
    shapes = dict(zip(cells.keys, cells.shapes, strict=True))
    countries = country_shapes()
    # Kars's cell reaches no further than Turkey; Gümrü's is Armenia's alone (up to the 100 m grid
    # the cells are snapped to: 1e-4 square degrees is about 1 km²).
    assert shapes["kars"].difference(countries["TR"]).area < 1e-4
    assert shapes["gumru"].difference(countries["AM"]).area < 1e-4
    # Batum's point lies just off the 1:10m coast: its cell keeps a small harbour at sea.
    assert shapes["batum"].difference(countries["GE"].buffer(0.02)).area < 1e-6
    assert shapes["kars"].area > 0.5
    assert dict(zip(cells.keys, cells.countries, strict=True))["batum"] == "GE"


def test_cells_form_a_coverage_and_neighbours_share_their_edge_exactly(cells: Cells) -> None:
    shapes = list(cells.shapes)
    assert shapely.coverage_is_valid(shapes)
    assert cells.edges
    for edge, (a, b) in zip(cells.edges, cells.edge_cells, strict=True):
        assert shapes[a].boundary.buffer(1e-9).contains(edge)
        assert shapes[b].boundary.buffer(1e-9).contains(edge)
    index = {k: i for i, k in enumerate(cells.keys)}
    # Kars and Gümrü meet on the Arpaçay, today's Turkish–Armenian border.
    assert tuple(sorted((index["kars"], index["gumru"]))) in cells.edge_cells


def test_cells_come_back_from_the_cache_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path))
    first = build_cells(TOWNS)
    assert list((tmp_path / "cells").glob("cells-*.json"))
    again = build_cells(TOWNS)
    assert again.keys == first.keys and again.edge_cells == first.edge_cells
    assert all(a.equals_exact(b, 0) for a, b in zip(again.shapes, first.shapes, strict=True))


def test_a_damaged_cache_file_is_cut_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path))
    build_cells(TOWNS)
    (cached,) = (tmp_path / "cells").glob("cells-*.json")
    cached.write_text("{not json", encoding="utf-8")
    assert len(build_cells(TOWNS).shapes) == len(TOWNS)


def test_towns_at_sea_or_too_close_are_refused() -> None:
    with pytest.raises(CellError) as caught:
        build_cells([KARS, Town("sea", 32.0, 33.5), Town("kars-again", 43.0951, 40.602)], use_cache=False)
    assert set(caught.value.problems) == {"sea", "kars-again"}
    assert "within 500 m of 'kars'" in caught.value.problems["kars-again"]
