"""Regenerate geo/data/land.geojson from Natural Earth land (public domain), via npm.

Natural Earth's 1:50m land polygons are published on the npm registry as TopoJSON in the
`world-atlas` package. This script fetches that exact version with `npm pack`, clips it to a
box wider than any view of the atlas (so its edges never show), rounds coordinates to 3
decimals (about 100 m, finer than the 1:50m source) and writes sorted, stable GeoJSON.

Run: .venv/bin/python scripts/make_land.py   (needs npm; only the maintainers run it)
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
from shapely import box, make_valid, set_precision
from shapely.geometry import mapping

WORLD_ATLAS = "world-atlas@2.0.2"
# West of Paris and London to east of Baku, south of Aleppo to north of Moscow.
CLIP = box(-12.0, 26.0, 62.0, 60.0)
OUT = Path(__file__).resolve().parent.parent / "geo" / "data" / "land.geojson"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", WORLD_ATLAS, "--silent"], cwd=tmp, check=True, capture_output=True)
        tarball = next(Path(tmp).glob("world-atlas-*.tgz"))
        with tarfile.open(tarball) as archive:
            archive.extract("package/land-50m.json", tmp, filter="data")
        land = gpd.read_file(Path(tmp) / "package" / "land-50m.json", layer="land")
    # The TopoJSON's Antarctic ring is invalid; repair each polygon before clipping.
    land_in_box = land.geometry.clip(CLIP).map(make_valid).union_all()
    clipped = set_precision(land_in_box, 0.001)
    collection = {
        "type": "FeatureCollection",
        "properties": {
            "source": f"Natural Earth 1:50m land, from the npm package {WORLD_ATLAS} (public domain)",
            "generated_by": "scripts/make_land.py",
            "clip_box": list(CLIP.bounds),
        },
        "features": [{"type": "Feature", "properties": {}, "geometry": mapping(clipped)}],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
