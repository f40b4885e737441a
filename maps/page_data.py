"""The data the atlas page carries: compact features per layer and one table of citations.

The GeoJSON exports (maps/features.py) are for GIS users and keep every property; a page with
10,000 events must stay small and quick to build, so here labels that the page can look up
(category, holder, kind, certainty) are dropped and each citation is written once and referred
to by number.
"""

from __future__ import annotations

from typing import Any

from events.catalogue import Catalogue
from events.model import Lang
from events.vocabulary import CATEGORIES, CATEGORY_STYLE
from maps.features import Feature, event_features, front_features, territory_features
from maps.i18n import label

# Properties the page's styles, popups, time control and search read, by layer kind.
_KEEP = {
    "event": ("id", "layer", "category", "title", "summary", "when", "when_label", "start", "end",
              "fuzzy", "places", "actors", "note", "other"),
    "territory": ("id", "layer", "title", "holder", "kind", "contested", "when", "when_label", "start",
                  "end", "fuzzy", "certainty", "precision_km", "note"),
    "front": ("id", "layer", "title", "theatre", "sides", "when", "when_label", "start", "end", "fuzzy",
              "certainty", "precision_km", "note"),
}  # fmt: skip


class Citations:
    """Each distinct citation once; features refer to it by its position."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._index: dict[str, int] = {}

    def refer(self, texts: list[str]) -> list[int]:
        numbers = []
        for text in texts:
            if text not in self._index:
                self._index[text] = len(self.texts)
                self.texts.append(text)
            numbers.append(self._index[text])
        return numbers


def page_layers(catalogue: Catalogue, lang: Lang) -> tuple[list[dict[str, Any]], list[str]]:
    """The overlay layers in drawing order (key, group, label, default, features) and citations."""
    citations = Citations()
    territories = territory_features(catalogue, lang)
    fronts = front_features(catalogue, lang)
    events = event_features(catalogue, lang)
    other: Lang = "en" if lang == "tr" else "tr"
    titles = {e.id: e.title.get(other) for e in catalogue.events}
    specs: list[tuple[str, str, str, bool, list[Feature]]] = [
        ("control", "areas", label("layer_control", lang), True,
         [f for f in territories if f["properties"]["kind"] == "control"]),
        ("zones", "areas", label("layer_zones", lang), False,
         [f for f in territories if f["properties"]["kind"] in ("claim", "treaty_zone")]),
        ("lines", "areas", label("layer_lines", lang), True,
         [f for f in territories if f["properties"]["kind"] == "line"]),
    ]  # fmt: skip
    for theatre in ("western", "eastern", "southern"):
        in_theatre = [f for f in fronts if f["properties"]["theatre"] == theatre]
        specs.append((f"fronts-{theatre}", "fronts", label(f"theatre_{theatre}", lang), True, in_theatre))
    for category in CATEGORIES:
        in_category = [f for f in events if f["properties"]["category"] == category]
        name = CATEGORY_STYLE[category][0 if lang == "tr" else 1]
        specs.append((f"events-{category}", "events", name, True, in_category))
    layers = []
    for key, group, name, show, features in specs:
        if features:
            compact = [_compact(f, citations, titles) for f in features]
            layers.append({"key": key, "group": group, "label": name, "show": show, "features": compact})
    return layers, citations.texts


def _compact(feature: Feature, citations: Citations, titles: dict[str, str]) -> Feature:
    props = feature["properties"]
    kept = {k: props[k] for k in _KEEP[props["layer"]] if props.get(k) not in (None, [], False)}
    if props["layer"] == "event":
        kept["other"] = titles[props["id"]]
        variants = [
            {
                "when": v["when"],
                "when_label": v["when_label"],
                "sources": citations.refer(v["sources"]),
                **({"note": v["note"]} if v["note"] else {}),
            }
            for v in props["date_variants"]
        ]
        if variants:
            kept["date_variants"] = variants
    kept["sources"] = citations.refer(props["sources"])
    return {"type": "Feature", "geometry": feature["geometry"], "properties": kept}
