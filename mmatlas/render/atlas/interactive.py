"""The interactive atlas: one self-contained folium page with layers, time control and legend."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from typing import Any

import folium
from branca.element import Element, Figure
from folium.template import Template
from jinja2.utils import htmlsafe_json_dumps

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.holders import HOLDERS
from mmatlas.core.lang import Lang
from mmatlas.core.messages import CATALOGUES
from mmatlas.core.text import CASE_SUFFIXES
from mmatlas.core.vocabulary import CATEGORIES, CATEGORY_COLOUR, category_name
from mmatlas.render import layers
from mmatlas.render.atlas import search
from mmatlas.render.atlas.assets import assets
from mmatlas.render.atlas.control_data import shared_page_json
from mmatlas.render.atlas.page_data import page_layers
from mmatlas.render.atlas.stable_ids import renumber
from mmatlas.render.i18n import MONTHS, label, when_text
from mmatlas.render.stops import PlacedStop

NAMED_ELSEWHERE = ("holder_", "category_", "work_kind_", "season_", "fallback_mark")
# The span of the time control: from the Armistice of Mudros to the eve of the Republic.
PERIOD_START = dt.date(1918, 10, 30)
PERIOD_END = dt.date(1923, 10, 29)
# lat, lon: Thrace to the Caucasus in view at zoom 6, clear of the legend in the south-east.
CENTRE = (39.4, 37.6)
# The comparison page's default pair: the treaty imposed against the treaty won.
COMPARE_DATES = (dt.date(1920, 8, 10), dt.date(1923, 7, 24))
# An optional base layer for when the page is online: shaded relief with no modern labels or
# borders. Off by default; nothing is requested unless the reader switches it on.
RELIEF_TILES = {
    "url": "https://server.arcgisonline.com/ArcGIS/rest/services/World_Shaded_Relief/MapServer/tile/{z}/{y}/{x}",
    "attribution": "Relief: Esri, USGS",
    "maxZoom": 13,
}


class RawHtml(Element):
    """HTML put into the page as it is. A plain branca Element would compile its text as a Jinja
    template: for the inlined Leaflet (~150 kB) that cost 0.3 s per page."""

    _template = Template("{{ this.html }}")

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html = html


class AtlasPage(Figure):
    """folium's page with its scripts inside the body: branca's template puts one `<script>`
    after `</body>`, which strict HTML parsers refuse. The language is the reader's."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang }}">\n'
        "<head>\n"
        "    {{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "    {{ this.html.render(**kwargs) }}\n"
        "<script>\n"
        "    {{ this.script.render(**kwargs) }}\n"
        "</script>\n"
        "</body>\n"
        "</html>\n"
    )

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang


class AtlasControl(Element):
    """Starts the atlas script (static/js/atlas.js and the modules before it) with its settings and its data.

    The land and the overlays are built in the page from one compact data object rather than
    as folium GeoJson layers, and the call is written as plain text: branca would compile any
    script it renders as a Jinja template, which for a page of 10,000 events cost seconds.
    """

    def __init__(self, config: dict[str, Any], data: dict[str, Any] | None, shared: str) -> None:
        super().__init__()
        self._name = "AtlasControl"
        self.config = config
        self.data = data
        self.shared = shared  # the land and the control data, already JSON: alike on every page

    def render(self, **kwargs: Any) -> str:
        figure = self.get_root()
        assert isinstance(figure, Figure) and self._parent is not None
        map_name, config, data = self._parent.get_name(), _json(self.config), _json(self.data)
        call = f"MMAtlas.start({map_name}, {config}, {data}, {self.shared});"
        figure.script.add_child(RawHtml(call), name=self.get_name())
        return ""


def _json(value: Any) -> str:
    """JSON safe inside a <script>: <, >, & and ' escaped, keys sorted for stable output."""
    return str(htmlsafe_json_dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")))


def atlas_html(
    catalogue: Catalogue,
    *,
    lang: Lang,
    offline: bool,
    initial: dt.date | None = None,
    stops: Sequence[PlacedStop] = (),
    span: tuple[dt.date, dt.date] | None = None,
    title: str | None = None,
) -> str:
    """The whole page as text; deterministic for the same catalogue and options.

    `span` narrows the time control (the per-year pages); `stops` adds the lecture-stop list.
    """
    figure = _figure(lang, offline, title or label("title", lang))
    atlas = _map(catalogue, lang, initial=initial, stops=stops, span=span)
    figure.add_child(atlas)
    return _render(figure)


def compare_html(
    catalogue: Catalogue, *, lang: Lang, offline: bool, dates: tuple[dt.date, dt.date] = COMPARE_DATES
) -> str:
    """Two dates side by side with one pan and zoom; `compare.html#1920-08-10/1923-07-24`."""
    figure = _figure(lang, offline, label("compare_title", lang))
    compare = [d.isoformat() for d in dates]
    # The left side is the treaty imposed: its zones (Sèvres) shown. The right side reuses the
    # left's data, so the page carries it once.
    sides = (("0%", dates[0], ("zones",), False), ("50%", dates[1], (), True))
    for side, initial, also_shown, reuse in sides:
        atlas = _map(
            catalogue, lang, initial=initial, left=side, width="50%", hash_=False, compare=compare, zoom=5,
            also_shown=also_shown, reuse_data=reuse,
        )  # fmt: skip
        figure.add_child(atlas)
    return _render(figure)


def _figure(lang: Lang, offline: bool, title: str) -> Figure:
    figure = AtlasPage(lang)
    figure.header.add_child(RawHtml(f"<title>{html.escape(title)}</title>"), name="title")
    figure.header.add_child(RawHtml(assets(offline=offline).head_html), name="atlas_assets")
    return figure


# folium's page forbids zooming the page itself, which readers with low vision need (WCAG 1.4.4).
_NO_ZOOM = re.compile(
    r'<meta name="viewport" content="width=device-width,\s*initial-scale=1\.0, '
    r'maximum-scale=1\.0, user-scalable=no" />'
)
_ZOOMABLE = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'


def _render(figure: Figure) -> str:
    renumber(figure)
    page: str = _NO_ZOOM.sub(_ZOOMABLE, figure.render())
    return page


def _map(
    catalogue: Catalogue,
    lang: Lang,
    *,
    initial: dt.date | None,
    stops: Sequence[PlacedStop] = (),
    span: tuple[dt.date, dt.date] | None = None,
    left: str = "0%",
    width: str = "100%",
    hash_: bool = True,
    compare: list[str] | None = None,
    zoom: int = 6,
    also_shown: Sequence[str] = (),
    reuse_data: bool = False,
) -> folium.Map:
    atlas = folium.Map(
        location=CENTRE,
        zoom_start=zoom,
        tiles=None,
        min_zoom=3,
        max_zoom=12,
        control_scale=True,
        zoom_control=True,
        width=width,
        height="100%",
        left=left,
        top="0%",
        position="absolute",
    )
    # Leaflet is supplied by maps.assets (inline or CDN); folium's other defaults
    # (jQuery, Bootstrap, Font Awesome from CDNs) are not used by these pages.
    atlas.default_js = []
    atlas.default_css = []
    overlays, citations = page_layers(catalogue, lang)
    meta = [
        {
            k: (True if k == "show" and layer["key"] in also_shown else v)
            for k, v in layer.items()
            if k != "features"
        }
        for layer in overlays
    ]
    config = _config(catalogue, lang, layers_meta=meta, initial=initial, stops=stops)
    if span is not None:
        config["start"], config["end"] = span[0].isoformat(), span[1].isoformat()
    config["hash"] = hash_
    if compare is not None:
        # Half a screen each: the legend starts folded and the search box is left out.
        config["compare"] = compare
        config["compact"] = True
    data = {"layers": [layer["features"] for layer in overlays], "citations": citations}
    if reuse_data:
        # Another atlas on the page carries the same data: the script uses that one's.
        AtlasControl(config, None, "null").add_to(atlas)
    else:
        AtlasControl(config, data, shared_page_json(catalogue, lang)).add_to(atlas)
    return atlas


def _config(
    catalogue: Catalogue,
    lang: Lang,
    *,
    layers_meta: list[dict[str, Any]],
    initial: dt.date | None,
    stops: Sequence[PlacedStop],
) -> dict[str, Any]:
    starts = [e.when.start for e in catalogue.events]
    # The period of the struggle; facts dated outside it (the seeds cite a few) stay in the
    # catalogue and are listed beside the timeline, not stretched into it.
    first, last = PERIOD_START, PERIOD_END
    outside = [e for e in catalogue.events if e.when.end < first or e.when.start > last]
    opening = initial or (stops[0].stop.date if stops else None) or first
    return {
        "start": first.isoformat(),
        "end": last.isoformat(),
        "initial": opening.isoformat(),
        "openOnStop": initial is None and bool(stops),
        "eventDates": sorted({d.isoformat() for d in starts if first <= d <= last}),
        "outside": [
            {"title": e.title.get(lang), "when": when_text(e.when, lang), "start": e.when.start.isoformat()}
            for e in outside
        ],
        # Playback: how long a month lasts on screen (seconds), and how long an event stays
        # (fading) after its last day, so a class can read it.
        "playSpeeds": [1, 3, 10],
        "playSpeed": 3,
        "lingerDays": 30,
        "months": MONTHS[lang],
        # What the search box strips after an apostrophe (Kars'ta), as the gazetteer does.
        "caseSuffixes": sorted(CASE_SUFFIXES),
        "lang": lang,
        # The page's own texts; names of holders and categories come with their entries below.
        "labels": {k: v for k, v in CATALOGUES[lang].items() if not k.startswith(NAMED_ELSEWHERE)},
        "layers": layers_meta,
        "groups": [{"key": g, "label": label(f"group_{g}", lang)} for g in layers.GROUPS],
        "outlines": {
            kind: {"dash": o.dash, "weight": o.weight, "fill": o.fill} for kind, o in layers.OUTLINES.items()
        },
        "places": search.place_entries(catalogue, lang),
        "categories": {
            c: {"label": category_name(c, lang), "colour": CATEGORY_COLOUR[c]} for c in CATEGORIES
        },
        "holders": {
            code: {"label": h.name(lang), "colour": h.colour, "fill": h.fill, "faint": h.faint}
            for code, h in HOLDERS.items()
        },
        "theatres": {t: label(f"theatre_{t}", lang) for t in ("western", "eastern", "southern")},
        "kinds": {k: label(f"kind_{k}", lang) for k in ("control", "claim", "treaty_zone", "line")},
        "certainties": {c: label(f"certainty_{c}", lang) for c in ("high", "medium", "low")},
        "km": label("km", lang),
        "stops": [_stop_entry(s, lang) for s in stops],
        "relief": RELIEF_TILES,
    }


def _stop_entry(placed: PlacedStop, lang: Lang) -> dict[str, Any]:
    stop = placed.stop
    return {
        "id": stop.id,
        "date": stop.date.isoformat(),
        "title": stop.title.get(lang),
        "caption": stop.caption.get(lang),
        "lat": round(placed.lat, 4),
        "lon": round(placed.lon, 4),
        "zoom": stop.zoom,
        "layers": list(stop.layers),
    }
