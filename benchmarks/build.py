"""Build-time figures, measured side by side in one run (never asserted: machines are noisy).

Prints the import floor (geopandas + folium), the cold command-line check and build of the
bundled catalogue (the three taking turns, five rounds, medians: caches warm, as on any build
after the first), each data file's writer on the bundled catalogue (in process), and in-process
load + render times for synthetic catalogues of 1,000 and 10,000 events, each with its ratio to
the import floor.

Run: .venv/bin/python benchmarks/build.py   (or: make bench)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mmatlas.catalogue.loader import load_catalogue  # noqa: E402
from mmatlas.render.build import render_all  # noqa: E402
from mmatlas.render.data_files.geojson import geojson_text  # noqa: E402
from mmatlas.render.data_files.geopackage import atlas_geopackage  # noqa: E402
from mmatlas.render.data_files.kml import atlas_kmz  # noqa: E402
from mmatlas.render.data_files.layers import data_layers  # noqa: E402
from mmatlas.render.data_files.lpf import places_lpf  # noqa: E402

PLACES = ["Kars", "Gümrü", "Batum", "Ardahan", "Artvin", "Ankara", "İzmir", "Bursa", "Adana", "Mudanya"]
CATEGORIES = ["battle", "treaty", "diplomacy", "military", "political"]


ROUNDS = 5


def run(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def cold_side_by_side(commands: dict[str, list[str]]) -> dict[str, float]:
    """Median wall time of fresh processes, the commands taking turns round by round so that a
    shared machine's changing load weighs on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(ROUNDS):
        for name, args in commands.items():
            times[name].append(run(args))
    return {name: sorted(found)[len(found) // 2] for name, found in times.items()}


def synthetic(count: int, folder: Path) -> Path:
    lines = []
    for i in range(count):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        lines.append(
            f"- id: synthetic-{i}\n"
            f'  when: "{1919 + i % 5}-{month:02d}-{day:02d}"\n'
            f"  category: {CATEGORIES[i % len(CATEGORIES)]}\n"
            f"  title: {{tr: 'Olay {i}', en: 'Event {i}'}}\n"
            f"  summary: {{tr: 'Özet {i}', en: 'Summary {i}'}}\n"
            f"  places: [{PLACES[i % len(PLACES)]}]\n"
            f"  sources: [{{ref: seed-celik}}]\n"
        )
    path = folder / f"synthetic-{count}.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def data_files(floor: float) -> None:
    """Each data file's writer on the bundled catalogue, its layers made once beforehand."""
    catalogue = load_catalogue()
    started = time.perf_counter()
    layers = data_layers(catalogue, "tr")
    rows: list[tuple[str, float, int]] = [
        ("data layers (features of 8 layers)", time.perf_counter() - started, 0)
    ]
    writers: dict[str, Callable[[], bytes]] = {
        "GeoJSON, 8 files": lambda: "".join(geojson_text(layer) for layer in layers).encode(),
        "atlas.gpkg": lambda: atlas_geopackage(layers, "tr"),
        "atlas.kmz": lambda: atlas_kmz(layers, "tr", "Atlas"),
        "places.lpf.json": lambda: places_lpf(catalogue, "tr").encode(),
    }
    for name, write in writers.items():
        started = time.perf_counter()
        size = len(write())
        rows.append((name, time.perf_counter() - started, size))
    for name, seconds, size in rows:
        shown = f"{size:>13,}" if size else ""
        print(f"{name:<44}{seconds:>9.2f}{seconds / floor:>9.1f}{shown}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        run(["build_maps.py", "--out", tmp])  # fills the caches (GeoNames index, cells, areas) once
        medians = cold_side_by_side(
            {
                "import geopandas, folium (cold, floor)": ["-c", "import geopandas, folium"],
                "build_maps.py check (cold)": ["build_maps.py", "check"],
                "build_maps.py build, bundled (cold)": ["build_maps.py", "--out", tmp],
            }
        )
        floor = medians["import geopandas, folium (cold, floor)"]
        size = (Path(tmp) / "index.html").stat().st_size
        print(
            f"{'what':<44}{'seconds':>9}{'× floor':>9}{'HTML bytes':>13}   (median of {ROUNDS}, taking turns)"
        )
        for label, seconds in medians.items():
            extra = f"{size:>13,}" if "build," in label else ""
            print(f"{label:<44}{seconds:>9.2f}{seconds / floor:>9.1f}{extra}")
        data_files(floor)
        for count in (1_000, 10_000):
            path = synthetic(count, Path(tmp))
            started = time.perf_counter()
            catalogue = load_catalogue([path])
            loaded = time.perf_counter() - started
            page = render_all(catalogue, lang="tr", offline=True)["index.html"]
            assert isinstance(page, str)
            rendered = time.perf_counter() - started - loaded
            print(f"{f'load {count:,} more events (in process)':<44}{loaded:>9.2f}{loaded / floor:>9.1f}")
            print(
                f"{f'render {count:,} more events (in process)':<44}{rendered:>9.2f}{rendered / floor:>9.1f}"
                f"{len(page.encode()):>13,}"
            )


if __name__ == "__main__":
    main()
