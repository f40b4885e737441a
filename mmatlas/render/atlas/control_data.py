"""The control map as the atlas page carries it: every cell once, with its holder timeline.

A page must not carry each day's areas (several hundred change days × the Ankara area would be
megabytes): it carries the cells and the edges between them once, coordinates as whole
thousandths of a degree written as differences from the previous point, and for each cell the
ledger's spells (from which day, which holder, faded until when, as the source writes the date,
the sources), and for each edge the days on which it becomes a border, a front or nothing. The
script only looks up the entry in force on the day shown; what is drawn is decided here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from jinja2.utils import htmlsafe_json_dumps
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.cells import GRID_DEG
from mmatlas.catalogue.control import FRONT, LEDGER_END, ONE_DAY, THEATRES
from mmatlas.catalogue.land import land_geojson
from mmatlas.core.derived import Derived
from mmatlas.core.holders import HOLDERS
from mmatlas.core.lang import Lang
from mmatlas.render.citations import Citations
from mmatlas.render.i18n import when_text
from mmatlas.render.waters import water_labels, waters_geojson

_SHARED: Derived[str] = Derived()


def shared_page_json(catalogue: Catalogue, lang: Lang) -> str:
    """What every page of a build carries alike, the land and the control data, as JSON safe
    inside a <script>: made once per language, not once per page."""

    def make() -> str:
        shared = {
            "land": land_geojson(),
            "waters": waters_geojson(),
            "water_labels": water_labels(catalogue.gazetteer, lang),
            "control": control_page_data(catalogue, lang),
        }
        return str(htmlsafe_json_dumps(shared, sort_keys=True, ensure_ascii=False, separators=(",", ":")))

    return _SHARED.get(catalogue.load, lang, make)


def control_page_data(catalogue: Catalogue, lang: Lang) -> dict[str, Any]:
    """Cells, edges, wars and the citations they refer to (numbered apart from the page's own)."""
    control = catalogue.control
    citations = Citations(catalogue, lang)
    cells = []
    for index, town in enumerate(control.towns):
        spells = []
        for spell in town.spells:
            entry: dict[str, Any] = {"s": spell.start.isoformat(), "h": spell.holder}
            if spell.when is not None:
                entry["w"] = when_text(spell.when, lang)
            if spell.faint_until is not None:
                entry["f"] = spell.faint_until.isoformat()
            entry["r"] = citations.refer_sources(list(spell.sources))
            if spell.variants:
                entry["v"] = [
                    {
                        "w": when_text(v.on, lang),
                        "r": citations.refer_sources(list(v.sources)),
                        **({"n": v.note.get(lang)} if v.note else {}),
                    }
                    for v in spell.variants
                ]
            if spell.note:
                entry["n"] = spell.note.get(lang)
            spells.append(entry)
        cells.append(
            {
                "p": town.place.id,
                "g": encode_polygons(control.cells.shapes[index]),
                "km": control.cells.radius_km[index],
                "t": spells,
            }
        )
    statuses = {0: None, 1: "border", **{code: f"fronts-{theatre}" for theatre, code in FRONT.items()}}
    days = [day.isoformat() for day in control.days]
    table = control.edge_status[:-1]
    # Where each edge's status changes (the first row always counts), for all edges at once.
    changed = np.ones(table.shape, dtype=bool)
    changed[1:] = table[1:] != table[:-1]
    drawn = table.any(axis=0)  # an edge with the same holder both sides every day is never drawn
    edges = []
    for index in np.flatnonzero(drawn).tolist():
        rows = np.flatnonzero(changed[:, index])
        statuses_of = table[rows, index].tolist()
        timeline = [
            [days[row], statuses[status]] for row, status in zip(rows.tolist(), statuses_of, strict=True)
        ]
        a, b = control.cells.edge_cells[index]
        edges.append({"c": [a, b], "g": encode_line(control.cells.edges[index]), "t": timeline})
    wars = [
        {
            "theatre": war.theatre,
            "name": war.name.get(lang),
            "start": war.when.start.isoformat(),
            "end": war.when.end.isoformat(),
            "when_label": when_text(war.when, lang),
            "sides": [" / ".join(HOLDERS[h].name(lang) for h in side) for side in war.sides],
            "r": citations.refer_sources(list(war.sources)),
        }
        for war in control.wars
    ]
    return {
        "cells": cells,
        "edges": edges,
        "wars": wars,
        "citations": citations.texts,
        "end": (LEDGER_END + ONE_DAY).isoformat(),
        "theatres": list(THEATRES),
    }


def encode_polygons(shape: BaseGeometry) -> list[list[list[int]]]:
    """Polygons → rings → [x0, y0, dx1, dy1, …] in thousandths of a degree."""
    polygons = (
        list(shape.geoms)
        if isinstance(shape, MultiPolygon)
        else [shape]
        if isinstance(shape, Polygon)
        else []
    )
    return [[_delta(ring.coords) for ring in (p.exterior, *p.interiors)] for p in polygons if not p.is_empty]


def encode_line(line: LineString) -> list[int]:
    return _delta(line.coords)


def _delta(coords: Any) -> list[int]:
    grid = np.rint(np.asarray(coords)[:, :2] / GRID_DEG).astype(np.int64)
    steps = grid.copy()
    steps[1:] -= grid[:-1]
    encoded: list[int] = steps.ravel().tolist()
    return encoded
