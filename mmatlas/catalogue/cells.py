"""Each ledger town's share of the land, and the edges between neighbouring shares.

A town's cell is the land nearer to it than to any other ledger town of the same modern
country (a Voronoi cell, computed in an equal-area projection of the theatre), cut to that
country's 1:10m outline: period borders that follow today's borders (the Kars-treaty line, the
Aras, the Persian and Syrian borders) fall exactly on them. All cells are then noded together
on a 0.001° grid, so that two neighbours share their edge to the last vertex: the atlas page,
the slides, `where` and the data files draw and query these same shapes, and a border or a
front is an edge whose two cells have different holders that day.

Building the cells costs about a second for several hundred towns; they are kept in the user's
cache folder under a hash of the towns and the country outlines, so only a new town or moved
point rebuilds them.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPoint, MultiPolygon, Point, Polygon, box, shape
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from mmatlas.core.cache import cache_dir
from mmatlas.core.geometry import theatre_projection
from mmatlas.core.paths import GEO

COUNTRIES = GEO / "data" / "countries.geojson"
GRID_DEG = 0.001  # about 100 m: the coast's own precision; cells are tens of kilometres across
# A port the 1:10m coast leaves a little offshore still belongs to the country within this.
OFFSHORE_DEG = 0.25
# …and its cell is widened round it by this much beyond the coast, so the town is inside it.
HARBOUR_DEG = 0.01
CLOSEST_DEG = 0.005  # two ledger towns nearer than about 500 m cannot have cells of their own
# No town speaks for land farther than this: beyond it (the Syrian desert, mainland Greece far
# from any ledger town) the map shows no holder rather than stretch a town's cell across it.
REACH_KM = 400
# The cache key holds a hash of this module's own source: change how cells are cut and older
# cached cells are ignored, with no version number to forget to bump.
_CODE = Path(__file__).read_bytes()
KEEP_CACHED = 12


@dataclass(frozen=True)
class Town:
    """A point that gets a cell: its key (a gazetteer place id) and position."""

    key: str
    lon: float
    lat: float


class CellError(ValueError):
    """Towns that cannot have a cell: the keys concerned and why."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


@dataclass(frozen=True)
class Cells:
    """The cells of a set of towns, in the towns' order, and the edges between them."""

    keys: tuple[str, ...]
    shapes: tuple[BaseGeometry, ...]
    countries: tuple[str, ...]  # ISO code of each town's country
    radius_km: tuple[float, ...]  # the radius of a disc of the cell's area: its precision
    edges: tuple[LineString, ...]  # every edge two cells share
    edge_cells: tuple[tuple[int, int], ...]  # the two cells of each edge (lower index first)
    key: str = ""  # hash of the towns, the outlines and this module: names derived caches


def build_cells(towns: Sequence[Town], *, use_cache: bool = True) -> Cells:
    """The cells of `towns`, from the cache when these towns were cut before."""
    if not towns:
        return Cells((), (), (), (), (), ())
    key = _cache_key(towns)
    path = cache_dir() / "cells" / f"cells-{key}.json"
    if use_cache:
        cached = _read(path)
        if cached is not None and cached.keys == tuple(t.key for t in towns):
            return dataclasses.replace(cached, key=key)
    cells = dataclasses.replace(_cut(towns), key=key)
    if use_cache:
        _write(path, cells)
    return cells


@cache
def country_shapes() -> dict[str, BaseGeometry]:
    """Today's countries in the theatre (1:10m, simplified together: shared borders stay shared)."""
    data = json.loads(COUNTRIES.read_text(encoding="utf-8"))
    return {f["properties"]["iso"]: shape(f["geometry"]) for f in data["features"]}


def _cut(towns: Sequence[Town]) -> Cells:
    countries = country_shapes()
    country_of, problems = _countries_of(towns, countries)
    _check_spacing(towns, problems)
    if problems:
        raise CellError(problems)
    raw: list[BaseGeometry] = [Polygon()] * len(towns)
    by_country: dict[str, list[int]] = defaultdict(list)
    for i, code in enumerate(country_of):
        by_country[code].append(i)
    for code, members in sorted(by_country.items()):
        outline = countries[code]
        for i, region in zip(members, _voronoi([towns[i] for i in members], outline), strict=True):
            raw[i] = _with_harbour(region.intersection(outline), region, towns[i])
    shapes, edges, edge_cells = _noded(raw)
    lost = {
        towns[i].key: "its cell was lost when cut to the coast" for i, s in enumerate(shapes) if s.is_empty
    }
    if lost:
        raise CellError(lost)
    return Cells(
        keys=tuple(t.key for t in towns),
        shapes=tuple(shapes),
        countries=tuple(country_of),
        radius_km=tuple(_radius_km(s) for s in shapes),
        edges=tuple(edges),
        edge_cells=tuple(edge_cells),
    )


def _countries_of(
    towns: Sequence[Town], countries: dict[str, BaseGeometry]
) -> tuple[list[str], dict[str, str]]:
    codes = sorted(countries)
    tree = STRtree([countries[c] for c in codes])
    found: list[str] = []
    problems: dict[str, str] = {}
    for town in towns:
        point = Point(town.lon, town.lat)
        hits = [codes[i] for i in tree.query(point, predicate="intersects")]
        if not hits:
            nearest = tree.query_nearest(point, max_distance=OFFSHORE_DEG)
            hits = [codes[i] for i in nearest]
        if not hits:
            problems[town.key] = (
                f"[{town.lon:.4f}, {town.lat:.4f}] is not on the land of the theatre's countries "
                "(19–50.5° E, 29–45° N); a town at sea or outside the theatre cannot hold an area"
            )
            found.append("")
        else:
            found.append(sorted(hits)[0])
    return found, problems


def _check_spacing(towns: Sequence[Town], problems: dict[str, str]) -> None:
    points = shapely.points([(t.lon, t.lat) for t in towns])
    tree = STRtree(points)
    pairs = tree.query(points, predicate="dwithin", distance=CLOSEST_DEG)
    for a, b in zip(*pairs, strict=True):
        if a < b:
            problems[towns[b].key] = (
                f"is within 500 m of '{towns[a].key}'; two towns that close cannot have cells of their "
                "own: keep one of them"
            )


def _voronoi(towns: Sequence[Town], outline: BaseGeometry) -> list[BaseGeometry]:
    """Each town's Voronoi region within its reach, in the towns' order, computed in an
    equal-area projection."""
    forward, back = theatre_projection()
    xs, ys = forward.transform([t.lon for t in towns], [t.lat for t in towns])
    reach = shapely.buffer(shapely.points(np.column_stack([xs, ys])), REACH_KM * 1000, quad_segs=16)
    if len(towns) == 1:
        regions = list(reach)
    else:
        projected = shapely.transform(
            outline, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1]))
        )
        frame = box(*projected.bounds).buffer(REACH_KM * 1000)
        cells = shapely.voronoi_polygons(MultiPoint(np.column_stack([xs, ys])), extend_to=frame, ordered=True)
        regions = list(shapely.intersection(np.array(list(cells.geoms)), reach))
    return [
        shapely.transform(r, lambda xy: np.column_stack(back.transform(xy[:, 0], xy[:, 1]))) for r in regions
    ]


def _with_harbour(cell: BaseGeometry, region: BaseGeometry, town: Town) -> BaseGeometry:
    """A cell that contains its town: a port the coast leaves just offshore gets its harbour."""
    point = Point(town.lon, town.lat)
    if cell.buffer(-GRID_DEG).contains(point):
        return cell
    reach = point.distance(cell) + HARBOUR_DEG if not cell.is_empty else HARBOUR_DEG
    return shapely.union(cell, point.buffer(reach, quad_segs=4).intersection(region))


def _noded(raw: Sequence[BaseGeometry]) -> tuple[list[BaseGeometry], list[LineString], list[tuple[int, int]]]:
    """Cells rebuilt from one noded set of edges on the grid, and the edges two cells share."""
    lines = shapely.union_all([shapely.boundary(_polygonal(c)) for c in raw], grid_size=GRID_DEG)
    faces = list(shapely.polygonize(list(shapely.get_parts(lines))).geoms)
    tree = STRtree(list(raw))
    owner: list[int] = []
    for face in faces:
        candidates = tree.query(face, predicate="intersects")
        if len(candidates) == 0:
            owner.append(-1)
            continue
        overlaps = [shapely.area(shapely.intersection(face, raw[c])) for c in candidates]
        best = int(candidates[int(np.argmax(overlaps))])
        owner.append(best if max(overlaps) > face.area * 0.5 else -1)
    members: dict[int, list[Polygon]] = defaultdict(list)
    for face, cell in zip(faces, owner, strict=True):
        if cell >= 0:
            members[cell].append(face)
    shapes = [
        _polygonal(shapely.coverage_union_all(members[i])) if members.get(i) else Polygon()
        for i in range(len(raw))
    ]
    # Which cells lie either side of every segment of the noded edges.
    sides: dict[tuple[tuple[int, int], tuple[int, int]], set[int]] = defaultdict(set)
    for face, cell in zip(faces, owner, strict=True):
        if cell < 0:
            continue
        for ring in (face.exterior, *face.interiors):
            grid = np.rint(np.asarray(ring.coords) / GRID_DEG).astype(np.int64)
            for p, q in zip(map(tuple, grid[:-1]), map(tuple, grid[1:]), strict=True):
                sides[(p, q) if p < q else (q, p)].add(cell)
    edges: list[LineString] = []
    edge_cells: list[tuple[int, int]] = []
    for chain in shapely.get_parts(shapely.line_merge(lines)):
        grid = np.rint(np.asarray(chain.coords) / GRID_DEG).astype(np.int64)
        p, q = tuple(grid[0]), tuple(grid[1])
        pair = sides.get((p, q) if p < q else (q, p), set())
        if len(pair) == 2:
            a, b = sorted(pair)
            edges.append(chain)
            edge_cells.append((a, b))
    order = sorted(range(len(edges)), key=lambda i: (edge_cells[i], edges[i].coords[0]))
    return shapes, [edges[i] for i in order], [edge_cells[i] for i in order]


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    parts = [
        p for p in shapely.get_parts(geometry) if isinstance(p, Polygon | MultiPolygon) and not p.is_empty
    ]
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon([q for p in parts for q in shapely.get_parts(p)])


def _radius_km(cell: BaseGeometry) -> float:
    forward, _ = theatre_projection()
    projected = shapely.transform(cell, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))
    return round(float(np.sqrt(projected.area / np.pi)) / 1000, 1)


class TextCache:
    """Text derived from the cells (the merged areas as GeoJSON, say), kept between builds in
    the cache folder beside them: a rebuild that changes no town reuses every merged area."""

    def __init__(self, name: str, key: str) -> None:
        self._path = cache_dir() / "cells" / f"{name}-{key}.json"
        self._dirty = False
        try:
            self._texts: dict[str, str] = json.loads(self._path.read_text(encoding="utf-8")) if key else {}
        except (OSError, ValueError):
            self._texts = {}

    def get(self, key: str, make: Callable[[], str]) -> str:
        if key not in self._texts:
            self._texts[key] = make()
            self._dirty = True
        return self._texts[key]

    def save(self) -> None:
        """Write beside the target and rename; a read-only or full cache only costs time."""
        if not self._dirty:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self._path.parent, prefix=".text-")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(self._texts, stream, sort_keys=True)
            Path(temporary).replace(self._path)
        except OSError:
            return


def _cache_key(towns: Sequence[Town]) -> str:
    digest = hashlib.sha256()
    digest.update(hashlib.sha256(_CODE).digest())
    digest.update(hashlib.sha256(COUNTRIES.read_bytes()).digest())
    for town in towns:
        digest.update(f"{town.key} {town.lon:.6f} {town.lat:.6f}\n".encode())
    return digest.hexdigest()[:24]


def _read(path: Path) -> Cells | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        shapes = shapely.from_wkb([base64.b64decode(s) for s in data["shapes"]])
        edges = shapely.from_wkb([base64.b64decode(s) for s in data["edges"]])
        return Cells(
            keys=tuple(data["keys"]),
            shapes=tuple(shapes),
            countries=tuple(data["countries"]),
            radius_km=tuple(data["radius_km"]),
            edges=tuple(edges),
            edge_cells=tuple((int(a), int(b)) for a, b in data["edge_cells"]),
        )
    except (OSError, ValueError, KeyError, TypeError, shapely.errors.GEOSException):
        return None  # missing or damaged: cut again


def _write(path: Path, cells: Cells) -> None:
    """Write beside the target and rename; a full disk or a read-only cache only costs time."""
    data = {
        "keys": list(cells.keys),
        "shapes": [base64.b64encode(shapely.to_wkb(s)).decode() for s in cells.shapes],
        "countries": list(cells.countries),
        "radius_km": list(cells.radius_km),
        "edges": [base64.b64encode(shapely.to_wkb(e)).decode() for e in cells.edges],
        "edge_cells": [list(pair) for pair in cells.edge_cells],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cells-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream)
        Path(temporary).replace(path)
        older = sorted(path.parent.glob("cells-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[KEEP_CACHED:]:
            stale.unlink(missing_ok=True)
            for derived in path.parent.glob(f"*-{stale.stem.removeprefix('cells-')}.json"):
                derived.unlink(missing_ok=True)
    except OSError:
        return
