"""`build_maps.py slides`: everything for slides and handouts, rendered in memory first.

Per stop: PNG at each resolution, SVG and PDF; the deck (tour.pptx) with two overview maps;
the monthly animation (GIF, and MP4 where imageio-ffmpeg provides ffmpeg).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang
from mmatlas.render.slides.animation import frames, gif_bytes, month_ends, mp4_bytes
from mmatlas.render.slides.deck import tour_deck
from mmatlas.render.slides.overview_maps import catalogue_overview, tour_overview
from mmatlas.render.slides.slide_images import DEFAULT_DPIS, SLIDE_DPI, stop_images
from mmatlas.render.slides.static_map import StaticMap
from mmatlas.render.stops import PlacedStop

FOLDER = "slides"
ANIMATION = "1919-1923"
# The names export gives stop images, so that images of stops no longer in the tour are removed.
STOP_IMAGE = re.compile(r"^\d{2,}-[a-z0-9-]+(-\d+dpi\.png|\.svg|\.pdf)$")


def export_files(
    catalogue: Catalogue,
    stops: Sequence[PlacedStop],
    *,
    lang: Lang,
    dpis: Sequence[int] = DEFAULT_DPIS,
    months: Sequence[tuple[int, int]] | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, bytes]:
    """Every export file's path (under slides/) and bytes; `months` = (first, last) to shorten
    the animation (default: 1918-11 to 1923-10)."""
    log(f"drawing {len(stops)} stops at {', '.join(str(d) for d in dpis)} dpi, SVG and PDF")
    drawn = stop_images(catalogue, stops, lang=lang, dpis=dpis)
    files = {f"{FOLDER}/{name}": data for images in drawn for name, data in images.files.items()}
    tour_png = _png(tour_overview(catalogue, stops, lang))
    catalogue_png = _png(catalogue_overview(catalogue, lang))
    files[f"{FOLDER}/tour-overview.png"] = tour_png
    files[f"{FOLDER}/catalogue-overview.png"] = catalogue_png
    files[f"{FOLDER}/tour.pptx"] = tour_deck(
        catalogue, drawn, lang=lang, tour_png=tour_png, catalogue_png=catalogue_png
    )
    days = month_ends(*months) if months else month_ends()
    log(f"drawing {len(days)} monthly frames")
    images = frames(catalogue, days, lang=lang)
    files[f"{FOLDER}/{ANIMATION}.gif"] = gif_bytes(images)
    video = mp4_bytes(images)
    if video is not None:
        files[f"{FOLDER}/{ANIMATION}.mp4"] = video
    return files


def stale_stop_images(out_dir: Path, written: Sequence[Path]) -> list[Path]:
    """Stop images an earlier export left in slides/ that this one did not write."""
    kept = {path.resolve() for path in written}
    folder = out_dir / FOLDER
    return sorted(
        path
        for path in (folder.iterdir() if folder.is_dir() else ())
        if STOP_IMAGE.match(path.name) and path.resolve() not in kept
    )


def _png(static: StaticMap) -> bytes:
    try:
        return static.png(SLIDE_DPI)
    finally:
        static.close()
