"""The derived control areas and fronts as GeoJSON features, as GIS users expect them: one
feature per holder (faint apart) and span of days, and one per theatre's front and span."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import partial

import numpy as np

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.cells import TextCache
from mmatlas.catalogue.control import ControlMap
from mmatlas.core.holders import HOLDERS
from mmatlas.core.lang import Lang
from mmatlas.render.atlas.features import Feature, RawGeometry, day_after, raw_geometry
from mmatlas.render.i18n import day_text, label


def control_area_features(catalogue: Catalogue, lang: Lang) -> list[Feature]:
    control = catalogue.control
    features = []
    shapes = TextCache("areas-v2", control.cells.key)
    cited: dict[int, list[str]] = {}
    names = {
        year: [town.place.name(lang, year) for town in control.towns]
        for year in range(control.days[0].year, control.days[-1].year + 1)
    }
    for holder, faint, first, last, cells in control.spans():
        code = HOLDERS[holder]
        towns = sorted(names[first.year][i] for i in cells)
        sources = _sources_of(catalogue, cells, first, lang, cited)
        radii = sorted(control.cells.radius_km[i] for i in cells)
        geometry = shapes.get(_set_key(cells), partial(_area_json, control, cells))
        features.append(
            {
                "type": "Feature",
                "id": f"control-{holder}{'-faint' if faint else ''}-{first:%Y%m%d}",
                "geometry": RawGeometry(geometry),
                "properties": {
                    "id": f"control-{holder}{'-faint' if faint else ''}-{first:%Y%m%d}",
                    "layer": "territory",
                    "kind": "control",
                    "kind_label": label("kind_control", lang),
                    "title": label("control_title", lang).format(code.name(lang)),
                    "holder": holder,
                    "holder_label": code.name(lang),
                    "colour": code.colour,
                    "start": first.isoformat(),
                    "end": last.isoformat(),
                    "end_exclusive": day_after(last),
                    "when": f"{first.isoformat()}/{last.isoformat()}",
                    "when_label": f"{day_text(first, lang)} – {day_text(last, lang)}",
                    "uncertain": faint,
                    "certainty": "low" if faint else "high",
                    "precision_km": radii[len(radii) // 2],
                    "precision_label": label("cell_precision", lang).format(
                        radii[len(radii) // 2], radii[-1]
                    ),
                    "towns": towns,
                    "sources": sources,
                    "derived_from": "geo/control/ (the control ledger)",
                },
            }
        )
    shapes.save()
    return features


def derived_front_features(catalogue: Catalogue, lang: Lang) -> list[Feature]:
    control = catalogue.control
    features = []
    lines = TextCache("fronts-v2", control.cells.key)
    for theatre, first, last, edges in control.front_spans():
        wars = [
            w for w in control.wars if w.theatre == theatre and w.when.start <= last and first <= w.when.end
        ]
        sides = sorted({HOLDERS[h].name(lang) for w in wars for side in w.sides for h in side})
        identifier = f"front-{theatre}-{first:%Y%m%d}"
        features.append(
            {
                "type": "Feature",
                "id": identifier,
                "geometry": RawGeometry(lines.get(_set_key(edges), partial(_edges_json, control, edges))),
                "properties": {
                    "id": identifier,
                    "layer": "front",
                    "derived": True,
                    "title": label("derived_front", lang).format(label(f"theatre_{theatre}", lang)),
                    "theatre": theatre,
                    "wars": [w.name.get(lang) for w in wars],
                    "sides": sides,
                    "colour": "#222222",
                    "start": first.isoformat(),
                    "end": last.isoformat(),
                    "end_exclusive": day_after(last),
                    "when": f"{first.isoformat()}/{last.isoformat()}",
                    "when_label": f"{day_text(first, lang)} – {day_text(last, lang)}",
                    "sources": sorted({catalogue.cite(s, lang) for w in wars for s in w.sources}),
                    "derived_from": "the edges between cells of holders at war (geo/control/wars.yaml)",
                },
            }
        )
    lines.save()
    return features


def _sources_of(
    catalogue: Catalogue, cells: frozenset[int], day: dt.date, lang: Lang, cited: dict[int, list[str]]
) -> list[str]:
    """The citations of the ledger lines that put each of the cells in its holder's hands."""
    control = catalogue.control
    row = control.row(day)
    if row is None:
        return []
    texts: set[str] = set()
    for spell_id in np.unique(control.spell_ids[row, np.fromiter(cells, dtype=np.int64)]).tolist():
        if spell_id not in cited:
            cited[spell_id] = [catalogue.cite(s, lang) for s in control.spells[spell_id].sources]
        texts.update(cited[spell_id])
    return sorted(texts)


def _area_json(control: ControlMap, cells: frozenset[int]) -> str:
    return raw_geometry(control.area(cells))


def _edges_json(control: ControlMap, edges: frozenset[int]) -> str:
    return raw_geometry(control.edges_shape(sorted(edges)))


def _set_key(members: frozenset[int]) -> str:
    """A short, stable name for a set of cells or edges."""
    return hashlib.sha1(",".join(map(str, sorted(members))).encode()).hexdigest()[:20]
