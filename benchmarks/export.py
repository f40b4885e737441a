"""Export figures, measured side by side in one run (never asserted: machines are noisy).

Prints the time and size of each part of `build_maps.py slides` for the bundled tour, and one
animation frame drawn two ways: each shape through GeoSeries.plot (which redraws the whole
figure after every call) against one matplotlib PathPatch per shape, as static_map.py does.

Run: .venv/bin/python benchmarks/export.py   (or: make bench)
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from mmatlas.catalogue.loader import load_catalogue  # noqa: E402
from mmatlas.render.slides.animation import FRAME_INCHES, LAYERS, frames, gif_bytes, month_ends, mp4_bytes  # noqa: E402
from mmatlas.render.slides.deck import tour_deck  # noqa: E402
from mmatlas.render.slides.overview_maps import (  # noqa: E402
    THEATRE_CENTRE,
    THEATRE_ZOOM,
    catalogue_overview,
    tour_overview,
)
from mmatlas.render.slides.slide_images import stop_images  # noqa: E402
from mmatlas.render.slides.static_map import PROJECTION, render  # noqa: E402
from mmatlas.render.stops import load_stops  # noqa: E402
from mmatlas.state.day import map_on  # noqa: E402

T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def main() -> None:
    catalogue, load_s = timed(lambda: load_catalogue())
    stops = load_stops(catalogue)
    print(f"{'what':<52}{'seconds':>9}{'MB':>8}")
    print(f"{'load the catalogue':<52}{load_s:>9.2f}")
    drawn, stops_s = timed(lambda: stop_images(catalogue, stops, lang="tr"))
    size = sum(len(data) for images in drawn for data in images.files.values()) / 1e6
    print(f"{f'{len(stops)} stops: PNG 150 + 300 dpi, SVG, PDF':<52}{stops_s:>9.2f}{size:>8.1f}")
    print(f"{'  per stop':<52}{stops_s / len(stops):>9.2f}")

    def deck() -> bytes:
        tour, overview = tour_overview(catalogue, stops, "tr"), catalogue_overview(catalogue, "tr")
        return tour_deck(catalogue, drawn, lang="tr", tour_png=tour.png(150), catalogue_png=overview.png(150))

    pptx, deck_s = timed(deck)
    print(f"{'tour.pptx with its two overview maps':<52}{deck_s:>9.2f}{len(pptx) / 1e6:>8.1f}")
    days = month_ends()
    images, frames_s = timed(lambda: frames(catalogue, days, lang="tr"))
    print(f"{f'{len(days)} animation frames':<52}{frames_s:>9.2f}")
    gif, gif_s = timed(lambda: gif_bytes(images))
    print(f"{'  GIF':<52}{gif_s:>9.2f}{len(gif) / 1e6:>8.1f}")
    video, mp4_s = timed(lambda: mp4_bytes(images))
    print(f"{'  MP4':<52}{mp4_s:>9.2f}{len(video or b'') / 1e6:>8.1f}")
    print(f"{'export in all (without loading)':<52}{stops_s + deck_s + frames_s + gif_s + mp4_s:>9.2f}")

    day = dt.date(1921, 8, 31)
    snapshot = map_on(catalogue, day)
    shapes = [catalogue.drawn_shape(t) for t in snapshot.territories] + [
        catalogue.drawn_shape(f) for f in snapshot.fronts
    ]

    def with_geopandas_plot() -> None:
        figure, axes = plt.subplots(figsize=FRAME_INCHES)
        for area in shapes:
            gpd.GeoSeries([area], crs="EPSG:4326").to_crs(PROJECTION).plot(ax=axes, alpha=0.6)
        figure.canvas.draw()
        plt.close(figure)

    def with_path_patches() -> None:
        static = render(catalogue, day, lang="tr", centre=THEATRE_CENTRE, zoom=THEATRE_ZOOM, layers=LAYERS,
                        title="", figsize=FRAME_INCHES, headline=True)  # fmt: skip
        static.image()
        static.close()

    with_path_patches()  # warm the projected shapes, as in a real export after the first frame
    naive_s = mean_of_five(with_geopandas_plot)
    ours_s = mean_of_five(with_path_patches)
    print(f"\none frame of 1921-08-31 ({len(shapes)} shapes), mean of 5:")
    print(f"{'  GeoSeries.plot per shape (shapes only)':<52}{naive_s:>9.3f}")
    print(f"{'  PathPatch per shape (the whole frame)':<52}{ours_s:>9.3f}")
    print(f"{'  ratio':<52}{naive_s / ours_s:>9.1f}")


def mean_of_five(work: Callable[[], None]) -> float:
    started = time.perf_counter()
    for _ in range(5):
        work()
    return (time.perf_counter() - started) / 5


if __name__ == "__main__":
    main()
