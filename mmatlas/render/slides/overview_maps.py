"""Two maps of the whole theatre for a deck's first and last slides: the tour's stops, and every
event of the catalogue."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from matplotlib.lines import Line2D

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang
from mmatlas.core.vocabulary import CATEGORY_COLOUR, category_name
from mmatlas.render.slides.static_map import (
    TEXT_PT,
    StaticMap,
    base_map,
    place_label,
    scale_bar,
    source_line,
    title_box,
    to_map,
)
from mmatlas.render.stops import PlacedStop
from mmatlas.state.day import map_on

# Thrace to the Caucasus, Lemnos to Baku: every stop of the bundled tour in one view.
THEATRE_CENTRE = (36.5, 39.6)
THEATRE_ZOOM = 5


def tour_overview(catalogue: Catalogue, stops: Sequence[PlacedStop], lang: Lang) -> StaticMap:
    """Each stop numbered where its event happened (stops at one place share a marker,
    `1 · 5 · 17`); a place beyond the frame (Sèvres, Lausanne) is pinned to the frame's edge in
    its direction, as a triangle pointing out, its name beside the number."""
    figure, axes, view = base_map(THEATRE_CENTRE, THEATRE_ZOOM)
    x0, y0, x1, y1 = view
    inset = (x1 - x0) * 0.04
    by_point: dict[tuple[float, float, str], list[int]] = {}
    for number, placed in enumerate(stops, start=1):
        lon, lat, name = _where_it_happened(catalogue, placed, lang)
        x, y = to_map(lon, lat)
        outside = ""
        if not (x0 + inset <= x <= x1 - inset and y0 + inset <= y <= y1 - inset):
            x, y = _towards(x, y, (x0 + inset, y0 + inset, x1 - inset, y1 - inset))
            outside = name
        by_point.setdefault((round(x), round(y), outside), []).append(number)
    placed_boxes: list[Any] = []
    for (x, y, outside), numbers in sorted(by_point.items(), key=lambda item: item[1][0]):
        marker = "^" if outside else "o"
        axes.scatter(
            [x], [y], s=110, marker=marker, color="#b2182b", edgecolors="white", linewidths=1.4, zorder=5
        )
        text = " · ".join(str(n) for n in numbers) + (f" → {outside}" if outside else "")
        place_label(axes, figure, x, y, text, placed_boxes)
    heading = {"tr": "Ders turu: {} durak", "en": "The lecture tour: {} stops"}[lang]
    span = f"{stops[0].stop.date.year}–{stops[-1].stop.date.year}" if stops else ""
    title_box(figure, heading.format(len(stops)), span, headline=False, panel=False)
    scale_bar(axes, view)
    source_line(figure, catalogue, set(), lang)
    return StaticMap(figure, axes)


def _where_it_happened(catalogue: Catalogue, placed: PlacedStop, lang: Lang) -> tuple[float, float, str]:
    """The place of the stop's event: one that begins on the stop's day, else one in force then;
    the stop's centre where the day has none. (lon, lat, the name the place then bore)."""
    state = map_on(catalogue, placed.stop.date)
    events = [e for e in state.events if e.when.start == placed.stop.date] or list(state.events)
    for event in events:
        for place in catalogue.event_places[event.id]:
            point = catalogue.gazetteer.point(place)
            return point.x, point.y, state.place_name(place, lang)
    return placed.lon, placed.lat, ""


def _towards(x: float, y: float, frame: tuple[float, float, float, float]) -> tuple[float, float]:
    """Where the line from the frame's centre to (x, y) leaves the frame."""
    left, bottom, right, top = frame
    cx, cy = (left + right) / 2, (bottom + top) / 2
    dx, dy = x - cx, y - cy
    scale = min(
        (right - cx) / dx if dx > 0 else (left - cx) / dx if dx < 0 else float("inf"),
        (top - cy) / dy if dy > 0 else (bottom - cy) / dy if dy < 0 else float("inf"),
    )
    return cx + dx * scale, cy + dy * scale


def catalogue_overview(catalogue: Catalogue, lang: Lang) -> StaticMap:
    """Every event at its places, coloured by category, with the count of each in the legend."""
    figure, axes, view = base_map(THEATRE_CENTRE, THEATRE_ZOOM)
    counts: Counter[str] = Counter(event.category for event in catalogue.events)
    refs: set[str] = set()
    for event in sorted(catalogue.events, key=lambda e: (e.when.start, e.id)):
        refs |= {source.ref for source in event.sources}
        for place in catalogue.event_places[event.id]:
            point = catalogue.gazetteer.point(place)
            x, y = to_map(point.x, point.y)
            colour = CATEGORY_COLOUR[event.category]
            axes.scatter([x], [y], s=40, color=colour, alpha=0.8, edgecolors="white", zorder=5)
    handles = [
        Line2D([0], [0], marker="o", linestyle="none", markersize=7, markerfacecolor=colour,
               markeredgecolor="white", label=f"{category_name(category, lang)} ({counts[category]})")
        for category, colour in CATEGORY_COLOUR.items()
        if counts[category]
    ]  # fmt: skip
    axes.legend(handles=handles, loc="lower right", fontsize=TEXT_PT, framealpha=0.92, borderaxespad=2.2)
    heading = {"tr": "Katalogdaki {} olay", "en": "The catalogue's {} events"}[lang]
    years = sorted({event.when.start.year for event in catalogue.events})
    title_box(
        figure, heading.format(len(catalogue.events)), f"{years[0]}–{years[-1]}", headline=False, panel=False
    )
    scale_bar(axes, view)
    source_line(figure, catalogue, refs, lang)
    return StaticMap(figure, axes)
