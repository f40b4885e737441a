"""The images of each lecture stop: PNG at each resolution asked for, SVG and PDF."""

from __future__ import annotations

import json
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
    event_works: tuple[str, ...] = ()  # the works of the events drawn (`works` has all)

    @property
    def stem(self) -> str:
        return stem(self.number, self.placed)


def stem(number: int, placed: PlacedStop) -> str:
    """`03-sivas-congress`: the tour's order survives sorting by file name."""
    return f"{number:02d}-{placed.stop.id}"


def stop_images(
    catalogue: Catalogue, stops: Sequence[PlacedStop], *, lang: Lang, dpis: Sequence[int] = DEFAULT_DPIS
) -> list[StopImages]:
    """Every stop's map on its date, framed and layered as in the atlas's stop list: PNG at each
    of `dpis`, SVG, PDF and the untitled picture for the deck, drawn here and now."""
    drawn = []
    for number, placed in enumerate(stops, start=1):
        parts = stop_parts(dpis, ("png", "svg", "pdf", "slide"))
        drawn.append(assemble(number, placed, draw_parts(catalogue, placed, lang=lang, parts=parts)))
    return drawn


def stop_parts(dpis: Sequence[int], kinds: Sequence[str]) -> list[str]:
    """The parts of a stop to draw for the kinds of file asked for: `meta` (what the map shows,
    always), `png150`…, `svg`, `pdf`, `slide` (the untitled picture of the deck and handout)."""
    parts = ["meta"]
    if "png" in kinds:
        parts += [f"png{dpi}" for dpi in sorted(set(dpis))]
    parts += [kind for kind in ("svg", "pdf", "slide") if kind in kinds]
    return parts


def stop_key(catalogue: Catalogue, placed: PlacedStop, lang: Lang) -> list[object]:
    """Everything a stop's map depends on, for the cache: its caption is not drawn on it."""
    stop = placed.stop
    return [
        catalogue.load.fingerprint, lang, stop.id, stop.date.isoformat(), round(placed.lon, 6),
        round(placed.lat, 6), stop.zoom, list(stop.layers), stop.title.get(lang),
    ]  # fmt: skip


def draw_parts(
    catalogue: Catalogue, placed: PlacedStop, *, lang: Lang, parts: Sequence[str]
) -> dict[str, bytes]:
    """The stop's map drawn once, saved as each part asked for."""
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
        made: dict[str, bytes] = {}
        for part in parts:
            if part == "meta":
                shows = {
                    "events": static.events, "citations": static.citations, "works": static.works,
                    "event_works": static.event_works,
                    "shown": static.shown, "description": static.description(),
                }  # fmt: skip
                made[part] = json.dumps(shows, ensure_ascii=False, sort_keys=True).encode()
            elif part.startswith("png"):
                made[part] = static.png(int(part[3:]))
            elif part == "svg":
                made[part] = static.svg()
            elif part == "pdf":
                made[part] = static.pdf()
            elif part == "slide":
                made[part] = static.png(SLIDE_DPI, titled=False)
        return made
    finally:
        static.close()


def assemble(number: int, placed: PlacedStop, parts: dict[str, bytes]) -> StopImages:
    """A stop's images from its drawn parts, under the file names of its place in the tour."""
    name = stem(number, placed)
    files = {}
    for part, data in sorted(parts.items()):
        if part.startswith("png"):
            files[f"{name}-{part[3:]}dpi.png"] = data
        elif part in ("svg", "pdf"):
            files[f"{name}.{part}"] = data
    meta = json.loads(parts["meta"])
    return StopImages(
        number,
        placed,
        files,
        parts.get("slide", b""),
        tuple((when, title) for when, title in meta["events"]),
        tuple(meta["citations"]),
        tuple(meta["works"]),
        tuple(meta["shown"]),
        meta["description"],
        tuple(meta.get("event_works", ())),
    )
