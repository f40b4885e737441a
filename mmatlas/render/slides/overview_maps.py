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
    StaticMap,
    base_map,
    place_label,
    scale_bar,
    source_line,
    title_box,
    to_map,
)
from mmatlas.render.stops import PlacedStop

# Thrace to the Caucasus, Lemnos to Baku: every stop of the bundled tour in one view.
THEATRE_CENTRE = (36.5, 39.6)
THEATRE_ZOOM = 5


def tour_overview(catalogue: Catalogue, stops: Sequence[PlacedStop], lang: Lang) -> StaticMap:
    """The stops as numbered markers; stops sharing a centre share a marker (`1 · 5 · 17`)."""
    figure, axes, view = base_map(THEATRE_CENTRE, THEATRE_ZOOM)
    by_centre: dict[tuple[float, float], list[int]] = {}
    for number, placed in enumerate(stops, start=1):
        by_centre.setdefault((round(placed.lon, 3), round(placed.lat, 3)), []).append(number)
    placed_boxes: list[Any] = []
    for (lon, lat), numbers in sorted(by_centre.items(), key=lambda item: item[1][0]):
        x, y = to_map(lon, lat)
        axes.scatter([x], [y], s=90, color="#b2182b", edgecolors="white", linewidths=1.4, zorder=5)
        place_label(axes, figure, x, y, " · ".join(str(n) for n in numbers), placed_boxes)
    heading = {"tr": "Ders turu: {} durak", "en": "The lecture tour: {} stops"}[lang]
    span = f"{stops[0].stop.date.year}–{stops[-1].stop.date.year}" if stops else ""
    title_box(figure, heading.format(len(stops)), span, headline=False)
    scale_bar(axes, view)
    source_line(figure, catalogue, set(), lang)
    return StaticMap(figure, axes)


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
    axes.legend(handles=handles, loc="lower right", fontsize=8, framealpha=0.92, borderaxespad=2.2)
    heading = {"tr": "Katalogdaki {} olay", "en": "The catalogue's {} events"}[lang]
    years = sorted({event.when.start.year for event in catalogue.events})
    title_box(figure, heading.format(len(catalogue.events)), f"{years[0]}–{years[-1]}", headline=False)
    scale_bar(axes, view)
    source_line(figure, catalogue, refs, lang)
    return StaticMap(figure, axes)
