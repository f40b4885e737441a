"""The interactive atlas: one self-contained folium page with layers, time control and legend."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from events.catalogue import Catalogue
from events.model import Lang
from events.vocabulary import CATEGORIES, CATEGORY_STYLE
from geo.holders import HOLDERS
from geo.land import land_geojson
from maps.assets import assets
from maps.features import Feature, collection, event_features, front_features, territory_features
from maps.i18n import LABELS, MONTHS, label
from maps.stable_ids import renumber

# The span of the time control: from the Armistice of Mudros to the eve of the Republic.
PERIOD_START = dt.date(1918, 10, 30)
PERIOD_END = dt.date(1923, 10, 29)
CENTRE = (39.8, 36.5)  # lat, lon: Anatolia with Thrace and the Caucasus in view at zoom 6


class AtlasControl(MacroElement):
    """Starts the atlas script (maps/static/atlas.js) once every layer exists."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        MMAtlas.start({{ this._parent.get_name() }}, {{ this.config|tojson }}, [
            {%- for layer in this.layers %}{{ layer.get_name() }},{% endfor -%}
        ]);
        {% endmacro %}
        """
    )

    def __init__(self, config: dict[str, Any], layers: list[folium.GeoJson]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "AtlasControl"
        self.config = config
        self.layers = layers


def atlas_html(catalogue: Catalogue, *, lang: Lang, offline: bool, initial: dt.date | None = None) -> str:
    """The whole page as text; deterministic for the same catalogue and options."""
    atlas = folium.Map(
        location=CENTRE,
        zoom_start=6,
        tiles=None,
        min_zoom=3,
        max_zoom=12,
        control_scale=True,
        zoom_control=True,
    )
    # Leaflet is supplied by maps.assets (inline or CDN); folium's other defaults
    # (jQuery, Bootstrap, Font Awesome from CDNs) are not used by this page.
    atlas.default_js = []
    atlas.default_css = []
    figure = atlas.get_root()
    assert isinstance(figure, Figure)
    figure.header.add_child(Element(f"<title>{html.escape(label('title', lang))}</title>"), name="title")
    figure.header.add_child(Element(assets(offline=offline).head_html), name="atlas_assets")

    folium.GeoJson(
        land_geojson(),
        name="land",
        control=False,
        interactive=False,
        style_function=lambda _: {
            "fillColor": "#efe9dc",
            "color": "#a8a090",
            "weight": 0.6,
            "fillOpacity": 1.0,
        },
    ).add_to(atlas)

    territories = territory_features(catalogue, lang)
    layers: list[folium.GeoJson] = []
    for features, key, show in (
        ([f for f in territories if f["properties"]["kind"] == "control"], "layer_control", True),
        ([f for f in territories if f["properties"]["kind"] != "control"], "layer_zones", False),
        (front_features(catalogue, lang), "layer_fronts", True),
    ):
        if features:
            layers.append(_layer(features, label(key, lang), show))
    events = event_features(catalogue, lang)
    for category in CATEGORIES:
        in_category = [f for f in events if f["properties"]["category"] == category]
        if in_category:
            name = f"{label('layer_events', lang)}: {in_category[0]['properties']['category_label']}"
            layers.append(_layer(in_category, name, True))

    for layer in layers:
        layer.add_to(atlas)
    # Collapsed: open, the list of layers would hide the Caucasus, where much of 1920–21 happens.
    folium.LayerControl(collapsed=True, position="topright").add_to(atlas)
    AtlasControl(_config(catalogue, lang, events, initial), layers).add_to(atlas)
    renumber(figure)
    page: str = figure.render()
    return page.replace("<html>", f'<html lang="{lang}">', 1)


def _layer(features: list[Feature], name: str, show: bool) -> folium.GeoJson:
    return folium.GeoJson(
        collection(features),
        name=name,
        show=show,
        style_function=_style,
        marker=folium.CircleMarker(radius=7),
    )


def _style(feature: Feature) -> dict[str, Any]:
    """How a feature is drawn; faded and dashed where its date or position is not exact."""
    p = feature["properties"]
    fuzzy = bool(p["fuzzy"]) or p.get("certainty") == "low"
    colour = p["colour"]
    if p["layer"] == "event":
        if feature["geometry"]["type"] == "LineString":
            return {"color": colour, "weight": 3, "opacity": 0.9, "dashArray": "8 6"}
        return {
            "color": colour if fuzzy else "#ffffff",
            "weight": 2 if fuzzy else 1.5,
            "fill": True,
            "fillColor": colour,
            "fillOpacity": 0.4 if fuzzy else 0.95,
            "dashArray": "3 3" if fuzzy else None,
            "radius": 7,
        }
    if p["layer"] == "front":
        return {"color": colour, "weight": 4, "opacity": 0.9, "dashArray": "10 6" if fuzzy else None}
    if p["kind"] == "control":
        return {
            "color": colour,
            "weight": 1.5,
            "fillColor": colour,
            "fillOpacity": 0.3 if fuzzy else 0.5,
            "dashArray": "6 4" if fuzzy else None,
        }
    return {
        "color": colour,
        "weight": 3 if p["kind"] == "line" else 2,
        "fill": p["kind"] != "line",
        "fillColor": colour,
        "fillOpacity": 0.08,
        "dashArray": "2 6" if p["kind"] == "claim" else "8 4",
    }


def _config(
    catalogue: Catalogue, lang: Lang, events: list[Feature], initial: dt.date | None
) -> dict[str, Any]:
    starts = [dt.date.fromisoformat(f["properties"]["start"]) for f in events]
    first = min([PERIOD_START, *starts])
    last = max([PERIOD_END, *starts])
    holders = sorted(
        {t.holder for t in catalogue.territories} | {s for f in catalogue.fronts for s in f.sides}
    )
    categories = [c for c in CATEGORIES if any(f["properties"]["category"] == c for f in events)]
    return {
        "start": first.isoformat(),
        "end": last.isoformat(),
        "initial": (initial or (min(starts) if starts else first)).isoformat(),
        "eventDates": sorted({f["properties"]["start"] for f in events}),
        "months": MONTHS[lang],
        "labels": {key: text[lang] for key, text in LABELS.items()},
        "playDaysPerTick": 3,
        "playTickMs": 100,
        "legend": [
            {"shape": "area", "colour": HOLDERS[h].colour, "label": HOLDERS[h].name(lang)} for h in holders
        ]
        + [
            {
                "shape": "circle",
                "colour": CATEGORY_STYLE[c][2],
                "label": CATEGORY_STYLE[c][0 if lang == "tr" else 1],
            }
            for c in categories
        ],
    }
