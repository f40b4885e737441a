"""The images of each lecture stop: PNG at each resolution asked for, SVG and PDF."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang
from mmatlas.render.slides.static_map import render
from mmatlas.render.stops import PlacedStop

DEFAULT_DPIS = (150, 300)
SLIDE_DPI = 150  # what a 16:9 slide shows sharp on a 1920-pixel projector


@dataclass(frozen=True)
class StopImages:
    """One stop drawn: its files by name, and what its slide's notes list."""

    number: int
    placed: PlacedStop
    files: dict[str, bytes]
    slide_png: bytes  # the map without its title box, at SLIDE_DPI: the slide has its own title
    events: tuple[tuple[str, str], ...]
    citations: tuple[str, ...]
    works: tuple[str, ...]
    shown: tuple[str, ...]  # the legend's entries: what the map shows
    description: str  # title, date and what the map shows, in one sentence (alt text, <desc>)

    @property
    def stem(self) -> str:
        return stem(self.number, self.placed)


def stem(number: int, placed: PlacedStop) -> str:
    """`03-sivas-congress`: the tour's order survives sorting by file name."""
    return f"{number:02d}-{placed.stop.id}"


def stop_images(
    catalogue: Catalogue, stops: Sequence[PlacedStop], *, lang: Lang, dpis: Sequence[int] = DEFAULT_DPIS
) -> list[StopImages]:
    """Every stop's map on its date, framed and layered as in the atlas's stop list."""
    drawn: list[StopImages] = []
    slide_dpi = min(dpis, key=lambda dpi: (abs(dpi - SLIDE_DPI), dpi))
    for number, placed in enumerate(stops, start=1):
        stop = placed.stop
        static = render(
            catalogue,
            stop.date,
            lang=lang,
            centre=(placed.lon, placed.lat),
            zoom=stop.zoom,
            layers=stop.layers,
            title=stop.title.get(lang),
        )
        try:
            name = stem(number, placed)
            pngs = {dpi: static.png(dpi) for dpi in sorted(set(dpis))}
            files = {f"{name}-{dpi}dpi.png": png for dpi, png in pngs.items()}
            files[f"{name}.svg"] = static.svg()
            files[f"{name}.pdf"] = static.pdf()
            slide_png = static.png(slide_dpi, titled=False)
        finally:
            static.close()
        drawn.append(
            StopImages(
                number,
                placed,
                files,
                slide_png,
                static.events,
                static.citations,
                static.works,
                static.shown,
                static.description(),
            )
        )
    return drawn
