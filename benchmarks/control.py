"""What the control ledger costs, measured side by side in one run (never asserted: machines are noisy).

Prints the ledger's size (towns, cells, edges, change days, areas and fronts per span), the cost
of cutting the cells with and without the cache, of building the day-by-cell table, of merging
every holder's area for every span (coverage union against unary union), and the size of the
atlas page's control data against what a page carrying each change day's areas would weigh.

Run: .venv/bin/python benchmarks/control.py   (or: make bench)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import shapely
from shapely.geometry import mapping

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mmatlas.catalogue.cells import Town, build_cells  # noqa: E402
from mmatlas.catalogue.control import ControlMap  # noqa: E402
from mmatlas.catalogue.loader import load_catalogue  # noqa: E402
from mmatlas.render.atlas.control_data import control_page_data  # noqa: E402


def seconds(action: object, repeat: int = 3) -> float:
    """Median wall time of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def main() -> None:
    catalogue = load_catalogue()
    control = catalogue.control
    towns = [Town(t.place.id, *catalogue.gazetteer.point(t.place).coords[0]) for t in control.towns]
    spans = control.spans()
    fronts = control.front_spans()
    print(f"ledger towns (cells)                     {len(control.towns):>8}")
    print(f"edges between cells                      {len(control.cells.edges):>8}")
    print(f"change days                              {len(control.days) - 1:>8}")
    print(f"areas (holder × span of days)            {len(spans):>8}")
    print(f"fronts (theatre × span of days)          {len(fronts):>8}")
    radii = sorted(control.cells.radius_km)
    print(f"cell radius km (median, largest)         {radii[len(radii) // 2]:>8.1f} {radii[-1]:>8.1f}")
    print()
    print(f"{'what':<44}{'seconds':>9}{'ratio':>9}")
    with tempfile.TemporaryDirectory() as cache:
        os.environ["ATLAS_CACHE_DIR"] = cache
        cut = seconds(lambda: build_cells(towns, use_cache=False))
        build_cells(towns)
        cached = seconds(lambda: build_cells(towns))
    print(f"{'cut the cells (Voronoi, clip, node)':<44}{cut:>9.3f}{1:>9.1f}")
    print(f"{'read the cells from the cache':<44}{cached:>9.3f}{cached / cut:>9.2f}")
    table = seconds(lambda: ControlMap.build(control.towns, control.cells, control.wars))
    print(f"{'holders × change days table, edge statuses':<44}{table:>9.3f}")
    shapes = control.cells.shapes
    sets = [cells for *_, cells in spans]
    coverage = seconds(lambda: [shapely.coverage_union_all([shapes[i] for i in s]) for s in sets], repeat=1)
    unary = seconds(lambda: [shapely.union_all([shapes[i] for i in s]) for s in sets], repeat=1)
    print(f"{'merge every area: coverage_union_all':<44}{coverage:>9.3f}{1:>9.1f}")
    print(f"{'merge every area: union_all (unary)':<44}{unary:>9.3f}{unary / coverage:>9.1f}")
    print()
    page = json.dumps(control_page_data(catalogue, "tr"), separators=(",", ":"))
    per_day = 0
    for row in range(len(control.days) - 1):
        for number in range(len(control.holder_codes)):
            members = [int(i) for i in (control.holders[row] == number).nonzero()[0]]
            if members:
                area = control.area(frozenset(members))
                per_day += len(json.dumps(mapping(shapely.set_precision(area, 0.001)), separators=(",", ":")))
    print(f"{'page control data (cells once + timelines)':<44}{len(page):>12,} bytes")
    print(
        f"{'each change day areas as GeoJSON instead':<44}{per_day:>12,} bytes  ({per_day / len(page):.0f}×)"
    )


if __name__ == "__main__":
    main()
