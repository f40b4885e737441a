"""Static maps for slides and handouts: the atlas's state on one day, drawn with matplotlib.

Same catalogue, same colours as the atlas; a conformal projection (Lambert conformal conic with
standard parallels across Anatolia), the tile-free land, a title with the date, a legend, a
scale bar and a source line. No browser and no network.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path
from matplotlib.transforms import Bbox
from PIL import Image
from pyproj import Transformer
from shapely.geometry import LineString, Point, Polygon, box, shape
from shapely.geometry.base import BaseGeometry

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.land import land_geojson
from mmatlas.catalogue.model import Event, Front, Territory
from mmatlas.core.derived import Derived
from mmatlas.core.holders import HOLDERS, LAND, blend
from mmatlas.core.lang import Lang
from mmatlas.core.records import SourceRef
from mmatlas.core.text import printable, shortened
from mmatlas.core.vocabulary import CATEGORY_COLOUR, category_name
from mmatlas.render.i18n import day_text, label, when_text
from mmatlas.render.layers import OUTLINES, Layer, front_layers, territory_layers
from mmatlas.render.waters import water_labels, waters_geojson
from mmatlas.state.day import MapState, is_faint, map_on

# Lambert conformal conic: angles (and so shapes of small areas) true; scale true on 37° and 41°.
PROJECTION = "+proj=lcc +lat_1=37 +lat_2=41 +lat_0=39 +lon_0=35 +datum=WGS84 +units=m +no_defs"
FIGSIZE = (10.0, 5.625)  # inches, 16:9 like a slide
# Width of the view in km for the atlas's zoom levels, so a stop looks alike in both.
SPAN_KM = {3: 7000, 4: 4200, 5: 2600, 6: 1500, 7: 760, 8: 380, 9: 190, 10: 95, 11: 48, 12: 24}
SEA, COAST = "#cfe3ef", "#a8a090"
# Rivers and lakes as the atlas draws them: above the holders' colours, below their borders.
RIVER, LAKE_EDGE, WATER_TEXT = "#5d95c2", "#7aa7c7", "#22618f"
# At most this many events on a stop's map: those in force, then the most recent before it.
MAX_EVENTS = 14

matplotlib.rcParams.update(
    {
        "svg.hashsalt": "milli-mucadele",  # stable ids inside SVG files
        "font.family": "DejaVu Sans",  # shipped with matplotlib: same glyphs on every machine
        "path.simplify": True,
        # TrueType (Type 42) fonts embedded in PDFs: Turkish letters survive copy, search and
        # screen readers (Type 3 loses ı, ş, ğ). SVG text stays text, in a font every system has.
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "none",
        # A title or a name from the catalogue is drawn as written: `$x$` is not mathematics.
        "text.parse_math": False,
    }
)
# The layer key (as in the atlas and the stops files) that shows each kind of territory.
View = tuple[float, float, float, float]  # x0, y0, x1, y1 in the projection's metres
_TO_MAP = Transformer.from_crs("EPSG:4326", PROJECTION, always_xy=True)


@dataclass
class StaticMap:
    """A drawn map and how to find a place on its images."""

    figure: Figure
    axes: Axes
    # What a slide's speaker notes list: the events drawn (date, title) and every citation.
    events: tuple[tuple[str, str], ...] = ()
    citations: tuple[str, ...] = ()
    works: tuple[str, ...] = ()  # keys of events/sources.yaml
    event_works: tuple[str, ...] = ()  # those of the events drawn (the rest: areas, lines, fronts)
    shown: tuple[str, ...] = ()  # the legend's entries: what the map shows, for descriptions
    title: str = ""  # the map's title and date, as its title box writes them (uncut)
    title_artists: tuple[Any, ...] = ()  # the title box, hidden where a slide has its own title

    def png(self, dpi: int, *, titled: bool = True) -> bytes:
        for artist in self.title_artists:
            artist.set_visible(titled)
        try:
            return self._save("png", dpi=dpi, metadata={"Software": None})
        finally:
            for artist in self.title_artists:
                artist.set_visible(True)

    def svg(self) -> bytes:
        """With a <title> and a <desc> first, as screen readers and search look for them."""
        drawn = self._save("svg", metadata={"Date": None, "Creator": None, "Title": self.title})
        return _with_title(drawn, self.title, self.description())

    def pdf(self) -> bytes:
        metadata = {"Creator": None, "Producer": None, "CreationDate": None, "Title": self.title,
                    "Subject": self.description()}  # fmt: skip
        return self._save("pdf", metadata=metadata)

    def description(self) -> str:
        """What the map shows, in words: its title and date, then its legend's entries."""
        return "; ".join((self.title, *self.shown)) if self.shown else self.title

    def image(self) -> Image.Image:
        """The map as an RGB image at the figure's own size (100 pixels an inch)."""
        self.figure.canvas.draw()
        rgba = self.figure.canvas.buffer_rgba()  # type: ignore[attr-defined]
        return Image.frombuffer("RGBA", rgba.shape[1::-1], rgba).convert("RGB")

    def close(self) -> None:
        """Free the drawing at once rather than when the garbage collector finds it."""
        self.figure.clear()

    def _save(self, kind: str, **options: Any) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format=kind, facecolor=self.figure.get_facecolor(), **options)
        return buffer.getvalue()


def _with_title(svg: bytes, title: str, description: str) -> bytes:
    """The SVG with <title> and <desc> as the first children of its root element."""
    start = svg.index(b"<svg ")
    end = svg.index(b">", start) + 1
    named = f"\n <title>{xml_escape(title)}</title>\n <desc>{xml_escape(description)}</desc>".encode()
    return svg[:end] + named + svg[end:]


def render(
    catalogue: Catalogue,
    day: dt.date,
    *,
    lang: Lang,
    centre: tuple[float, float],
    zoom: int,
    layers: Sequence[str],
    title: str,
    figsize: tuple[float, float] = FIGSIZE,
    headline: bool = False,
    name_waters: bool = True,
) -> StaticMap:
    """The map of `day` around `centre` (lon, lat) at the atlas's `zoom`, with the given layers.

    `headline` writes the date large, for animation frames read at a glance; `name_waters`
    names the rivers and lakes last (a caller naming more towns does it after them)."""
    figure, axes, view = base_map(centre, zoom, figsize, panel=True)
    clip = box(*view)
    state = map_on(catalogue, day)
    drawn_holders: list[str] = []
    sources: list[SourceRef] = []
    shown_events: list[Event] = []
    faint_drawn = False
    if "control" in layers:
        for area in state.areas():
            projected = _projected_area(catalogue, area.cells)
            if not projected.intersects(clip):
                continue  # only what shows in the frame counts for the legend and the sources
            holder = HOLDERS[area.holder]
            colour = holder.faint if area.faint else holder.fill
            # Opaque, the colour already blended over the land, exactly as the atlas draws it.
            axes.add_artist(
                PathPatch(
                    _path_in(projected, view), facecolor=colour, edgecolor=colour, linewidth=0.4, zorder=1
                )
            )
            faint_drawn |= area.faint
            if area.holder not in drawn_holders:
                drawn_holders.append(area.holder)
            # The sources of the towns whose cells show in the frame, not of the whole area.
            cells, _ = _projected_cells(catalogue)
            members = sorted(area.cells)
            shown = [
                c
                for c, inside in zip(
                    members, shapely.intersects(clip, [cells[c] for c in members]), strict=True
                )
                if inside
            ]
            sources += [s for cell in shown for s in _spell_sources(state, cell)]
        _draw_edges(axes, catalogue, state.border_edges(), view, colour="#4a4a4a", width=0.7, zorder=2)
    outlined: list[Layer] = []  # the outline layers that drew something, for the legend
    for layer in territory_layers():
        if layer.key not in layers:
            continue
        for territory in state.territories:
            if territory.kind not in layer.territory_kinds:
                continue
            projected = _projected(catalogue, territory)
            if not projected.intersects(clip):
                continue
            path = _path_in(projected, view)
            colour = HOLDERS[territory.holder].colour
            faint_drawn |= is_faint(territory)
            # Outlined, never filled: drawn, never held.
            outline = OUTLINES[territory.kind]
            axes.add_artist(
                PathPatch(
                    path,
                    fill=False,
                    edgecolor=colour,
                    linewidth=outline.slide_width,
                    linestyle=outline.slide_style,
                )
            )
            sources += territory.sources
            if layer not in outlined:
                outlined.append(layer)
    fronts_drawn = False
    for front_layer in front_layers():
        theatre = front_layer.theatre
        if front_layer.key not in layers or theatre is None:
            continue
        edges = state.front_edges(theatre)
        if _draw_edges(axes, catalogue, edges, view, colour="#111111", width=3, zorder=4):
            fronts_drawn = True
            wars = [w for w in catalogue.control.wars if w.theatre == theatre and w.when.contains(day)]
            sources += [s for war in wars for s in war.sources]
    shown_theatres = {layer.theatre for layer in front_layers() if layer.key in layers}
    for front in state.fronts:
        projected = _projected(catalogue, front) if front.theatre in shown_theatres else None
        if projected is None or not projected.intersects(clip):
            continue
        path = _path_in(projected, view)
        axes.add_artist(
            PathPatch(path, fill=False, edgecolor="#222222", linewidth=2, linestyle="-.", zorder=4)
        )
        fronts_drawn = True
        sources += front.sources
    # In force that day, then the most recent of the weeks before: the period of the slide.
    events = list(state.events + state.recent)[:MAX_EVENTS] if "events" in layers else []
    categories: list[str] = []
    # A place of several events is named once; a region (Anadolu, a front) in italics.
    wanted_labels: dict[str, tuple[float, float, bool]] = {}
    markers: list[tuple[float, float, tuple[float, float, float, float]]] = []  # drawn at once below
    for event in events:
        colour = CATEGORY_COLOUR[event.category]
        for place in catalogue.event_places[event.id]:
            point = catalogue.gazetteer.point(place)
            x, y = to_map(point.x, point.y)
            if not clip.contains(Point(x, y)):
                continue
            fuzzy = is_faint(event)
            faint_drawn |= fuzzy
            markers.append((x, y, to_rgba(colour, 0.55 if fuzzy else 0.95)))
            if "labels" in layers:
                region = catalogue.gazetteer.geometry(place).geom_type != "Point"
                wanted_labels.setdefault(printable(state.place_name(place, lang)), (x, y, region))
            if event.category not in categories:
                categories.append(event.category)
            if event not in shown_events:
                shown_events.append(event)
                sources += event.sources

    if markers:
        xs, ys, colours = zip(*markers, strict=True)
        axes.scatter(xs, ys, s=70, c=list(colours), edgecolors="white", linewidths=1.2, zorder=5)
    # The title, the scale and the sources first, the legend in its panel, then the place names
    # wherever they fit between all of these, inside the map.
    title, date = printable(title), day_text(day, lang)
    event_works = {s.ref for e in shown_events for s in e.sources}
    titles = title_box(figure, title, date, headline)
    furniture = [
        *titles,
        scale_bar(axes, view),
        source_line(
            figure,
            catalogue,
            {s.ref for s in sources},
            lang,
            first=event_works,
        ),
    ]
    entries = legend_entries(lang, drawn_holders, outlined, categories, fronts_drawn, faint_drawn)
    legend_box = panel_legend(figure, entries, lang)
    taken = [artist.get_window_extent(_renderer(figure)) for artist in furniture]
    if legend_box is not None:
        taken.append(legend_box)
    for name, (x, y, region) in wanted_labels.items():
        place_label(axes, figure, x, y, name, taken, region=region)
    if name_waters:  # never over a label, the furniture or an event's marker
        water_names(axes, figure, catalogue, lang, [*taken, *marker_boxes(axes)])
    shown_events.sort(key=lambda e: (e.when.start, e.id))
    return StaticMap(
        figure,
        axes,
        events=tuple((when_text(e.when, lang), printable(e.title.get(lang))) for e in shown_events),
        citations=tuple(sorted({printable(catalogue.cite(s, lang)) for s in sources})),
        works=tuple(sorted({s.ref for s in sources})),
        event_works=tuple(sorted(event_works)),
        shown=tuple(str(entry.get_label()) for entry in entries),
        title=f"{title} — {date}",
        title_artists=tuple(titles),
    )


def _renderer(figure: Figure) -> Any:
    return figure.canvas.get_renderer()  # type: ignore[attr-defined]


# A stop's map and its legend side by side: the legend in a panel at the right never hides
# what is drawn; the source line in a strip along the bottom. Fractions of the figure.
PANEL_WIDTH = 0.29
STRIP_HEIGHT = 0.055
PANEL_COLOUR = "#fbfaf7"


def map_rect(panel: bool) -> tuple[float, float, float, float]:
    """Where the map sits in the figure (left, bottom, width, height as fractions)."""
    return (0.0, STRIP_HEIGHT, 1.0 - PANEL_WIDTH, 1.0 - STRIP_HEIGHT) if panel else (0.0, 0.0, 1.0, 1.0)


def base_map(
    centre: tuple[float, float], zoom: int, figsize: tuple[float, float] = FIGSIZE, *, panel: bool = False
) -> tuple[Figure, Axes, View]:
    """A figure filled by sea and the tile-free land, framed on `centre` (lon, lat) at `zoom`;
    with `panel`, the map leaves room for the legend at the right and the sources at the bottom."""
    # A bare Figure on the Agg canvas, not pyplot: nothing global, nothing redrawn per shape.
    figure = Figure(figsize=figsize, dpi=100, facecolor=PANEL_COLOUR if panel else SEA)
    FigureCanvasAgg(figure)
    rect = map_rect(panel)
    axes = figure.add_axes(rect)
    axes.set_facecolor(SEA)
    axes.set_axis_off()
    view = _view(centre, zoom, (figsize[0] * rect[2], figsize[1] * rect[3]))
    axes.set_xlim(view[0], view[2])
    axes.set_ylim(view[1], view[3])
    land = _path_in(_land(), view)
    axes.add_artist(PathPatch(land, facecolor=LAND, edgecolor="none", zorder=0.5))
    rivers, lakes = _waters()
    axes.add_artist(
        PathPatch(_path_in(lakes, view), facecolor=SEA, edgecolor=LAKE_EDGE, linewidth=0.5, zorder=1.5)
    )
    axes.add_artist(PathPatch(_path_in(rivers, view), fill=False, edgecolor=RIVER, linewidth=0.9, zorder=1.6))
    # The coast again above the holders' colours, so that a coloured coast stays readable.
    axes.add_artist(PathPatch(land, fill=False, edgecolor=COAST, linewidth=0.5, zorder=3))
    # The sea under everything (an axes without axis lines draws no background of its own).
    axes.add_artist(
        Rectangle((0, 0), 1, 1, transform=axes.transAxes, facecolor=SEA, edgecolor="none", zorder=0)
    )
    if panel:
        axes.add_artist(
            Rectangle((0, 0), 1, 1, transform=axes.transAxes, fill=False, edgecolor="#777777", linewidth=0.8,
                      zorder=9, clip_on=False)
        )  # fmt: skip
    return figure, axes, view


def pixel_of(
    lon: float, lat: float, *, centre: tuple[float, float], zoom: int, dpi: int,
    figsize: tuple[float, float] = FIGSIZE, panel: bool = True,
) -> tuple[int, int]:  # fmt: skip
    """The pixel (column, row from the top) of a place on the image of a map framed on `centre` at
    `zoom`, saved at `dpi`: where to look for a place on an exported image (`panel`: as `render`
    draws it, beside its legend)."""
    left, bottom, share_w, share_h = map_rect(panel)
    x0, y0, x1, y1 = _view(centre, zoom, (figsize[0] * share_w, figsize[1] * share_h))
    x, y = to_map(lon, lat)
    width, height = figsize[0] * dpi, figsize[1] * dpi
    column = (left + (x - x0) / (x1 - x0) * share_w) * width
    row = (1 - bottom - (y - y0) / (y1 - y0) * share_h) * height
    return int(column), int(row)


def to_map(lon: float, lat: float) -> tuple[float, float]:
    """A place's position in the map's projection (metres)."""
    x, y = _TO_MAP.transform(lon, lat)
    return float(x), float(y)


def _view(centre: tuple[float, float], zoom: int, figsize: tuple[float, float]) -> View:
    x, y = _TO_MAP.transform(*centre)
    half_w = SPAN_KM[zoom] * 500
    half_h = half_w * figsize[1] / figsize[0]
    return (x - half_w, y - half_h, x + half_w, y + half_h)


@cache
def _land() -> BaseGeometry:
    land = gpd.GeoSeries([shape(f["geometry"]) for f in land_geojson()["features"]], crs="EPSG:4326")
    projected: BaseGeometry = land.to_crs(PROJECTION).union_all()
    return projected


@cache
def _waters() -> tuple[BaseGeometry, BaseGeometry]:
    """The atlas's rivers and lakes (GSHHG/WDBII) in the map's projection: (rivers, lakes)."""
    found: dict[str, list[BaseGeometry]] = {"river": [], "lake": []}
    for feature in waters_geojson()["features"]:
        found[feature["properties"]["kind"]].append(shape(feature["geometry"]))
    rivers, lakes = (
        gpd.GeoSeries(found[kind], crs="EPSG:4326").to_crs(PROJECTION).union_all()
        for kind in ("river", "lake")
    )
    return rivers, lakes


@lru_cache(maxsize=32)
def _water_paths(view: View) -> tuple[Path, Path]:
    """The rivers and lakes cut to a view, once per view (every animation frame has the same)."""
    rivers, lakes = _waters()
    return _path_in(rivers, view), _path_in(lakes, view)


def prepare(catalogue: Catalogue) -> None:
    """Project the land, the waters and the control map's cells now: processes forked afterwards
    to draw share them instead of each projecting them again."""
    _land()
    _waters()
    _projected_cells(catalogue)


# In the map's projection, computed once per catalogue for every slide and animation frame.
_PROJECTED_CELLS: Derived[tuple[list[BaseGeometry], list[LineString]]] = Derived()
_PROJECTED: Derived[BaseGeometry] = Derived()


def _projected_cells(catalogue: Catalogue) -> tuple[list[BaseGeometry], list[LineString]]:
    """Every cell and edge of the control map in the map's projection, computed once."""
    cells = catalogue.control.cells
    return _PROJECTED_CELLS.get(
        catalogue.load,
        "cells",
        lambda: (
            list(gpd.GeoSeries(list(cells.shapes), crs="EPSG:4326").to_crs(PROJECTION)),
            list(gpd.GeoSeries(list(cells.edges), crs="EPSG:4326").to_crs(PROJECTION)),
        ),
    )


def _projected_area(catalogue: Catalogue, cells: frozenset[int]) -> BaseGeometry:
    """A holder's cells merged, in the map's projection (the projected cells still share edges)."""
    projected, _ = _projected_cells(catalogue)
    return _PROJECTED.get(
        catalogue.load,
        ("area", cells),
        lambda: shapely.coverage_union_all([projected[i] for i in sorted(cells)]),
    )


def _draw_edges(
    axes: Axes,
    catalogue: Catalogue,
    edges: Sequence[int],
    view: View,
    *,
    colour: str,
    width: float,
    zorder: float,
) -> bool:
    """Borders or a front: the edges between cells, as one collection of lines; True if any shows."""
    _, projected = _projected_cells(catalogue)
    x0, y0, x1, y1 = view
    frame = box(x0, y0, x1, y1)
    runs = [np.asarray(projected[i].coords)[:, :2] for i in edges if projected[i].intersects(frame)]
    if runs:
        axes.add_collection(
            LineCollection(runs, colors=colour, linewidths=width, zorder=zorder, capstyle="round")
        )
    return bool(runs)


def _spell_sources(state: MapState, cell: int) -> list[SourceRef]:
    spell = state.spell(cell)
    return list(spell.sources) if spell is not None else []


def _projected(catalogue: Catalogue, record: Territory | Front) -> BaseGeometry:
    """The drawn shape in the map's projection (metres), computed once per catalogue."""
    return _PROJECTED.get(
        catalogue.load,
        ("record", record.id),
        lambda: gpd.GeoSeries([catalogue.drawn_shape(record)], crs="EPSG:4326").to_crs(PROJECTION).iloc[0],
    )


def _path_in(geometry: BaseGeometry, view: View) -> Path:
    """The part of a shape in (and just around) the view as a path.

    Cut here, not by the renderer: SVG and PDF would otherwise carry every coast of the theatre."""
    x0, y0, x1, y1 = view
    margin = (x1 - x0) * 0.05
    return _path(shapely.clip_by_rect(geometry, x0 - margin, y0 - margin, x1 + margin, y1 + margin))


def _path(geometry: BaseGeometry) -> Path:
    """Polygons as closed rings (holes cut by their opposite winding), lines as open runs."""
    vertices: list[Any] = []
    codes: list[int] = []
    for part in _parts(geometry):
        rings = [part.exterior, *part.interiors] if isinstance(part, Polygon) else [part]
        for ring in rings:
            points = np.asarray(ring.coords)[:, :2]
            if len(points) < 2:
                continue
            vertices.append(points)
            last = Path.CLOSEPOLY if isinstance(part, Polygon) else Path.LINETO
            codes += [int(Path.MOVETO)] + [int(Path.LINETO)] * (len(points) - 2) + [int(last)]
    if not vertices:
        return Path(np.empty((0, 2)))
    return Path(np.concatenate(vertices), codes)


def _parts(geometry: BaseGeometry) -> list[Polygon | LineString]:
    """The polygons and lines of any geometry, collections inside collections included."""
    if isinstance(geometry, Polygon | LineString):
        return [geometry]
    return [part for member in getattr(geometry, "geoms", []) for part in _parts(member)]


# Type sizes in points on the 10-inch figure: a map shown 9.4 inches wide on a 13.3-inch slide
# projected at 1280 × 720 pixels has 1.25 pixels a point, so 11.5 pt is 14 pixels high.
TEXT_PT = 11.5
TITLE_PT = 16
TOWN_TYPE: dict[str, Any] = {"fontweight": "bold", "color": "#222222"}
REGION_TYPE: dict[str, Any] = {"fontstyle": "italic", "color": "#444444"}  # as the atlas names regions
REFERENCE_TYPE: dict[str, Any] = {"color": "#333333"}  # the towns one finds one's way by
# Blue italics on the water, with a pale halo so that a name stays readable over any colour.
WATER_TYPE: dict[str, Any] = {
    "fontstyle": "italic",
    "color": WATER_TEXT,
    "path_effects": [patheffects.withStroke(linewidth=2.5, foreground="white", alpha=0.8)],
}
TITLE_CHARACTERS = 90  # a longer title is cut (the file's description keeps it whole)


def place_label(
    axes: Axes, figure: Figure, x: float, y: float, text: str, placed: list[Any], *, region: bool = False,
    size: float = TEXT_PT, reference: bool = False,
) -> None:  # fmt: skip
    """A place name beside its marker, in the first of four positions that overlaps nothing
    placed before it and stays inside the frame; left out where none does."""
    renderer = _renderer(figure)
    frame = axes.bbox
    for dx, dy, ha, va in ((7, 5, "left", "bottom"), (7, -5, "left", "top"), (-7, 5, "right", "bottom"),
                           (-7, -5, "right", "top")):  # fmt: skip
        artist = axes.annotate(
            shortened(text, 40), (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
            fontsize=size, zorder=6, annotation_clip=False,
            **(REGION_TYPE if region else REFERENCE_TYPE if reference else TOWN_TYPE),
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        )  # fmt: skip
        extent = artist.get_window_extent(renderer)
        inside = (
            extent.x0 >= frame.x0
            and extent.y0 >= frame.y0
            and extent.x1 <= frame.x1
            and extent.y1 <= frame.y1
        )
        if inside and not any(extent.overlaps(other) for other in placed):
            placed.append(extent)
            return
        artist.remove()


def marker_boxes(axes: Any) -> list[Bbox]:
    """The pixel boxes of the round markers drawn so far (the events', drawn in one call)."""
    boxes: list[Bbox] = []
    for collection in axes.collections:
        if isinstance(collection, PathCollection):
            offsets = np.asarray(collection.get_offsets())
            boxes += dot_boxes(axes, offsets, collection.get_sizes(), collection.get_linewidth())
    return boxes


def dot_boxes(axes: Any, points: Any, sizes: Any, widths: Any) -> list[Bbox]:
    """The pixel boxes of round markers at `points` (map coordinates) of `sizes` (points²)."""
    if len(points) == 0:
        return []
    pixels_per_point = axes.figure.dpi / 72
    radius = (float(np.sqrt(np.max(sizes))) / 2 + float(np.max(widths, initial=0)) / 2) * pixels_per_point
    centres = axes.transData.transform(np.asarray(points, dtype=float))
    return [Bbox.from_extents(x - radius, y - radius, x + radius, y + radius) for x, y in centres]


def water_names(axes: Axes, figure: Figure, catalogue: Catalogue, lang: Lang, placed: list[Any]) -> list[str]:
    """The named rivers and lakes in the frame, each written on its water where it overlaps
    nothing placed before it (a town's name matters more, as in the atlas). The names written."""
    renderer = _renderer(figure)
    frame = axes.bbox
    written = []
    for water in _water_labels(catalogue, lang):
        x, y = to_map(water["lon"], water["lat"])
        artist = axes.text(
            x, y, shortened(printable(water["name"]), 30), ha="center", va="center", fontsize=TEXT_PT - 1.5,
            zorder=6, **WATER_TYPE, clip_on=False,
        )  # fmt: skip
        extent = artist.get_window_extent(renderer)
        inside = (
            frame.x0 <= extent.x0
            and frame.y0 <= extent.y0
            and extent.x1 <= frame.x1
            and extent.y1 <= frame.y1
        )
        if inside and not any(extent.overlaps(other) for other in placed):
            placed.append(extent)
            written.append(str(artist.get_text()))
        else:
            artist.remove()
    return written


_WATER_LABELS: Derived[list[dict[str, Any]]] = Derived()


def _water_labels(catalogue: Catalogue, lang: Lang) -> list[dict[str, Any]]:
    return _WATER_LABELS.get(
        catalogue.load, ("waters", lang), lambda: water_labels(catalogue.gazetteer, lang)
    )


def title_box(figure: Figure, title: str, date: str, headline: bool, *, panel: bool = True) -> list[Any]:
    """The title and the date at the top; the artists, so a slide with its own title can hide them."""
    box = {"boxstyle": "round,pad=0.35", "facecolor": "white", "edgecolor": "#999999", "alpha": 0.92}
    title = shortened(title, TITLE_CHARACTERS)
    if headline:
        return [
            figure.text(0.03, 0.95, date, ha="left", va="top", fontsize=30, fontweight="bold", bbox=box),
            figure.text(0.03, 0.80, title, ha="left", va="top", fontsize=TEXT_PT, color="#333333"),
        ]
    # On at most two lines over the map (DejaVu Sans Bold averages 0.62 em a character); a long
    # title is cut, never the date.
    share = map_rect(panel)[2]
    width = int(share * figure.get_figwidth() * 72 * 0.9 / (TITLE_PT * 0.62))
    room = 2 * width
    while True:
        lines = textwrap.wrap(f"{shortened(title, max(room - len(date) - 3, 8))} — {date}", width)
        if len(lines) <= 2 or room <= len(date) + 11:
            break
        room -= 4
    text = "\n".join(lines)
    centre = share / 2
    heading = figure.text(
        centre, 0.975, text, ha="center", va="top", fontsize=TITLE_PT, fontweight="bold", bbox=box,
        multialignment="center",
    )  # fmt: skip
    return [heading]


def legend_entries(
    lang: Lang,
    holders: list[str],
    outlined: list[Layer],
    categories: list[str],
    fronts: bool,
    faint: bool,
) -> list[Any]:
    """One handle per thing drawn: holders, outlined kinds, fronts, event categories, faintness."""
    handles: list[Any] = [
        Patch(facecolor=HOLDERS[h].fill, edgecolor=HOLDERS[h].fill, label=HOLDERS[h].name(lang))
        for h in holders
    ]
    for layer in outlined:
        outline = OUTLINES[layer.territory_kinds[0]]
        handles.append(
            Line2D(
                [0],
                [0],
                color="#555555",
                linewidth=outline.slide_width,
                linestyle=outline.slide_style,
                label=layer.name(lang),
            )
        )
    if fronts:
        handles.append(Line2D([0], [0], color="#222222", linewidth=3, label=label("layer_fronts", lang)))
    handles += [
        Line2D([0], [0], marker="o", linestyle="none", markersize=9, markerfacecolor=CATEGORY_COLOUR[c],
               markeredgecolor="white", label=category_name(c, lang))
        for c in categories
    ]  # fmt: skip
    if faint:
        faded = Patch(
            facecolor=blend("#999999", LAND, 0.3), edgecolor="none", label=label("legend_fuzzy", lang)
        )
        handles.append(faded)
    return handles


LEGEND_MIN_PT = 9.5  # a legend too tall for its panel shrinks to this, then loses its last entries


def panel_legend(figure: Figure, handles: list[Any], lang: Lang) -> Any:
    """The legend in the panel at the right of the map, labels wrapped to its width, the type as
    large as the panel's height allows; its box in pixels (None when nothing is drawn)."""
    if not handles:
        return None
    renderer = _renderer(figure)
    left = 1.0 - PANEL_WIDTH
    room = figure.bbox.height * (1.0 - STRIP_HEIGHT - 0.02)
    size = TEXT_PT
    shown = list(handles)
    while True:
        # The panel holds about this many characters a line at this size (DejaVu Sans averages
        # 0.55 em a character; the swatch and the padding take about 4 em).
        width = int((PANEL_WIDTH * figure.get_figwidth() * 72 / size - 4.5) / 0.55)
        labels = [textwrap.fill(str(handle.get_label()), width) for handle in shown]
        legend = figure.legend(
            handles=shown, labels=labels, loc="upper left", bbox_to_anchor=(left + 0.008, 0.99),
            fontsize=size, title=label("legend", lang), title_fontsize=size + 0.5, frameon=False,
            alignment="left", labelspacing=0.4, handlelength=1.5, borderpad=0.3, borderaxespad=0,
        )  # fmt: skip
        extent = legend.get_window_extent(renderer)
        if extent.height <= room or (size <= LEGEND_MIN_PT and len(shown) <= 1):
            return extent
        legend.remove()
        if size > LEGEND_MIN_PT:
            size = max(LEGEND_MIN_PT, size - 0.5)
        else:
            shown.pop()  # still too tall at the smallest type: the least telling entries go


def scale_bar(axes: Axes, view: View) -> Any:
    """A bar of a round length at the lower left, above the source line; its text artist."""
    width_km = (view[2] - view[0]) / 1000
    length = max(n for n in (10, 20, 25, 50, 100, 200, 250, 500, 1000) if n <= width_km / 5)
    x0 = view[0] + (view[2] - view[0]) * 0.03
    y0 = view[1] + (view[3] - view[1]) * 0.09
    # Conformal projection: the scale is true on 37° and 41° N and within about 1 % across Anatolia.
    axes.plot(
        [x0, x0 + length * 1000], [y0, y0], color="#222222", linewidth=3, solid_capstyle="butt", zorder=7
    )
    box = {"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 1.5}
    return axes.text(
        x0, y0 + (view[3] - view[1]) * 0.015, f"{length} km", fontsize=TEXT_PT, zorder=7, bbox=box
    )


def source_line(
    figure: Figure, catalogue: Catalogue, cited: set[str], lang: Lang, *, first: Set[str] = frozenset()
) -> Any:
    """The works behind what is drawn, as many as fit on one line (those of `first`, the events
    shown, before those behind the areas), then how many more."""
    known = [ref for ref in cited | first if ref in catalogue.works]
    works = [
        printable(catalogue.works[ref].short())
        for ref in sorted(known, key=lambda r: (r not in first, catalogue.works[r].short()))
    ]
    works = list(dict.fromkeys(works))
    more = "+{} (see the atlas)" if lang == "en" else "+{} (atlasta)"
    base = "Natural Earth; GeoNames."

    def text(shown: int) -> str:
        rest = f"; {more.format(len(works) - shown)}" if shown < len(works) else ""
        listed = "; ".join(works[:shown]) + rest
        return f"{label('sources', lang)}: {listed + '. ' if listed else ''}{base}"

    box = {"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 2}
    line = figure.text(
        0.01, 0.008, text(len(works)), fontsize=TEXT_PT, color="#333333", va="bottom", bbox=box
    )
    renderer = _renderer(figure)
    fits, too_many = -1, len(works) + 1  # measuring a line is slow: halve the range each time
    while too_many - fits > 1:
        shown = (fits + too_many) // 2
        line.set_text(text(shown))
        # A margin: glyphs hinted at another resolution are a little wider or narrower.
        if line.get_window_extent(renderer).x1 <= figure.bbox.width * 0.96:
            fits = shown
        else:
            too_many = shown
    line.set_text(text(max(fits, 0)))
    return line
