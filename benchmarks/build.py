"""Build-time figures, measured side by side in one run (never asserted: machines are noisy).

Prints the import floor (geopandas + folium), the cold command-line check and build of the
bundled catalogue, and in-process load + render times for synthetic catalogues of 1,000 and
10,000 events, each with its ratio to the import floor.

Run: .venv/bin/python benchmarks/build.py   (or: make bench)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from events.loader import load_catalogue  # noqa: E402
from maps.build import render_all  # noqa: E402

PLACES = ["Kars", "Gümrü", "Batum", "Ardahan", "Artvin", "Ankara", "İzmir", "Bursa", "Adana", "Mudanya"]
CATEGORIES = ["battle", "treaty", "diplomacy", "military", "political"]


def cold(args: list[str]) -> float:
    """Median wall time of three fresh processes."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return sorted(times)[1]


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


def main() -> None:
    floor = cold(["-c", "import geopandas, folium"])
    print(f"{'what':<44}{'seconds':>9}{'× floor':>9}{'HTML bytes':>13}")
    print(f"{'import geopandas, folium (cold, floor)':<44}{floor:>9.2f}{1:>9.1f}")
    for label, args in (("build_maps.py check (cold)", ["build_maps.py", "check"]),):
        seconds = cold(args)
        print(f"{label:<44}{seconds:>9.2f}{seconds / floor:>9.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        seconds = cold(["build_maps.py", "--out", tmp])
        size = (Path(tmp) / "index.html").stat().st_size
        print(f"{'build_maps.py build, bundled (cold)':<44}{seconds:>9.2f}{seconds / floor:>9.1f}{size:>13,}")
        for count in (1_000, 10_000):
            path = synthetic(count, Path(tmp))
            started = time.perf_counter()
            catalogue = load_catalogue([path])
            loaded = time.perf_counter() - started
            page = render_all(catalogue, lang="tr", offline=True)["index.html"]
            rendered = time.perf_counter() - started - loaded
            print(f"{f'load {count:,} more events (in process)':<44}{loaded:>9.2f}{loaded / floor:>9.1f}")
            print(
                f"{f'render {count:,} more events (in process)':<44}{rendered:>9.2f}{rendered / floor:>9.1f}"
                f"{len(page.encode()):>13,}"
            )


if __name__ == "__main__":
    main()
