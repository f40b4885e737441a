"""Export figures, measured side by side in one run (never asserted: machines are noisy).

First the lecturer's loop, as fresh processes beside the bare import floor: a cold
`build_maps.py slides` of the bundled tour (no map kept from an earlier run; goal: within 20×
the floor), the same again with nothing changed (within 4×), and again after one word of one
stop's caption changed (within 5×). Then, in one process, the time and size of each part of the
export, and one animation frame drawn two ways: each shape through GeoSeries.plot (which
redraws the whole figure after every call) against one matplotlib PathPatch per shape, as
static_map.py does.

Run: .venv/bin/python benchmarks/export.py   (or: make bench)
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
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


def command_seconds(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def lecturers_loop() -> None:
    """Cold export, unchanged re-run and caption-changed re-run, each against the import floor."""
    from mmatlas.core.cache import cache_dir
    from mmatlas.render.stops import DEFAULT_TOUR

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # The catalogue's caches as on any run after the first; no slide map kept yet.
        shutil.copytree(
            cache_dir(), work / "cache", ignore=shutil.ignore_patterns("slides"), dirs_exist_ok=True
        )
        env = {**os.environ, "ATLAS_CACHE_DIR": str(work / "cache")}
        tour = work / "tour.yaml"
        tour.write_text(DEFAULT_TOUR.read_text(encoding="utf-8"), encoding="utf-8")
        export = ["build_maps.py", "slides", "--stops", str(tour), "--out", str(work / "out")]
        floor = sorted(command_seconds(["-c", "import geopandas, folium"], env) for _ in range(3))[1]
        cold = command_seconds(export, env)
        unchanged = command_seconds(export, env)
        text = tour.read_text(encoding="utf-8")
        tour.write_text(text.replace("savaştan çekilir", "savaştan resmen çekilir", 1), encoding="utf-8")
        assert tour.read_text(encoding="utf-8") != text
        caption = command_seconds(export, env)
    print(f"{'the lecturer loop, fresh processes (' + str(os.cpu_count()) + ' cores)':<52}{'seconds':>9}"
          f"{'× floor':>9}{'goal':>7}")  # fmt: skip
    for name, seconds, goal in (
        ("import geopandas, folium (floor, median of 3)", floor, ""),
        ("slides, cold (no map kept)", cold, "20×"),
        ("slides again, nothing changed", unchanged, "4×"),
        ("slides again, one caption word changed", caption, "5×"),
    ):
        print(f"{name:<52}{seconds:>9.2f}{seconds / floor:>9.1f}{goal:>7}")
    print()


def main() -> None:
    lecturers_loop()
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
