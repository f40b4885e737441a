"""The data the atlas page carries: compact features per layer and one table of citations.

The GeoJSON exports (mmatlas/render/atlas/features.py) are for GIS users and keep every property; a page with
10,000 events must stay small and quick to build, so here labels that the page can look up
(category, holder, kind, certainty) are dropped and each citation is written once and referred
to by number.
"""

from __future__ import annotations

from typing import Any

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.control import FRONT
from mmatlas.core.lang import Lang, other_lang
from mmatlas.core.vocabulary import CATEGORIES, category_name
from mmatlas.render import layers
from mmatlas.render.atlas.features import (
    Feature,
    cached_place_label,
    event_geometry,
    front_features,
    territory_features,
)
from mmatlas.render.citations import Citations
from mmatlas.render.i18n import when_text
from mmatlas.state.day import is_faint

# Properties the page's styles, popups, time control and search read, by layer kind.
_KEEP = {
    "event": ("id", "layer", "category", "title", "summary", "when", "when_label", "start", "end",
              "faint", "places", "actors", "note", "other"),
    "territory": ("id", "layer", "title", "holder", "kind", "when", "when_label", "start",
                  "end", "faint", "certainty", "precision_km", "note"),
    "front": ("id", "layer", "title", "theatre", "sides", "when", "when_label", "start", "end", "faint",
              "certainty", "precision_km", "note"),
}  # fmt: skip


def page_layers(catalogue: Catalogue, lang: Lang) -> tuple[list[dict[str, Any]], list[str]]:
    """The overlay layers in drawing order (key, group, label, default, features) and citations.

    The areas of control and the derived fronts are drawn into their layers from the control
    data (mmatlas/render/atlas/control_data.py), carried beside these."""
    citations = Citations(catalogue, lang)
    territories = territory_features(catalogue, lang)
    fronts = front_features(catalogue, lang)
    events = _events(catalogue, lang, citations)
    specs: list[tuple[str, str, str, bool, list[Feature]]] = []
    for layer in layers.LAYERS:
        if layer.key == "events":
            for category in CATEGORIES:
                in_category = [f for f in events if f["properties"]["category"] == category]
                name = category_name(category, lang)
                specs.append((f"events-{category}", layer.group, name, layer.shown, in_category))
            continue
        if layer.key == "labels":
            continue  # the page's own name labels, switched in the panel's base group
        selected = [f for f in territories if f["properties"]["kind"] in layer.territory_kinds]
        selected += [f for f in fronts if layer.theatre and f["properties"]["theatre"] == layer.theatre]
        specs.append((layer.key, layer.group, layer.name(lang), layer.shown, selected))
    # Cells and derived fronts are drawn into these layers from the control data.
    derived = {"control"} if catalogue.control.towns else set()
    derived |= {f"fronts-{t}" for t, code in FRONT.items() if (catalogue.control.edge_status == code).any()}
    found = []
    for key, group, name, show, features in specs:
        if features or key in derived:
            compact = [f if f["properties"]["layer"] == "event" else _compact(f, citations) for f in features]
            found.append({"key": key, "group": group, "label": name, "show": show, "features": compact})
    return found, citations.texts


def _compact(feature: Feature, citations: Citations) -> Feature:
    props = feature["properties"]
    kept = {}
    for key in _KEEP[props["layer"]]:
        value = props.get(key)
        if value is not None and value is not False and value != []:
            kept[key] = value
    kept["sources"] = citations.refer(props["sources"])
    return {"type": "Feature", "geometry": feature["geometry"], "properties": kept}


def _events(catalogue: Catalogue, lang: Lang, citations: Citations) -> list[Feature]:
    """Events straight to the page's compact form: the hot path for catalogues of 10,000."""
    other = other_lang(lang)
    labels: dict[tuple[str, int], str] = {}
    found = []
    for event in catalogue.events:
        places = catalogue.event_places[event.id]
        when = event.when
        props: dict[str, Any] = {
            "id": event.id,
            "layer": "event",
            "category": event.category,
            "title": event.title.get(lang),
            "summary": event.summary.get(lang),
            "when": when.text,
            "when_label": when_text(when, lang),
            "start": when.start.isoformat(),
            "end": when.end.isoformat(),
            "places": [cached_place_label(p, when.start.year, lang, labels) for p in places],
            "sources": citations.refer_sources(event.sources),
        }
        if event.title.has(other):  # the title in the other language, found by search too
            props["other"] = event.title.get(other)
        if is_faint(event):
            props["faint"] = True
        if event.actors:
            props["actors"] = [catalogue.actor_name(a, lang) for a in event.actors]
        if event.note:
            props["note"] = event.note.get(lang)
        if event.date_variants:
            props["date_variants"] = [
                {
                    "when": v.when.text,
                    "when_label": when_text(v.when, lang),
                    "sources": citations.refer_sources(v.sources),
                    **({"note": v.note.get(lang)} if v.note else {}),
                }
                for v in event.date_variants
            ]
        geometry = event_geometry(catalogue, event, places)
        found.append({"type": "Feature", "geometry": geometry, "properties": props})
    return found
