"""Areas held by 'everyone else': an outline minus whatever other holders control each day.

The Ankara government's area is best sourced as what remained of Anatolia once the occupied
zones are taken out. A territory marked `remainder: true` is cut at every day another control
territory over its outline begins or ends, and each piece is its outline minus those areas:
it can never overlap them, and it changes on exactly their days.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping

from shapely import set_precision
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from events.dates import When
from events.model import Territory
from geo.geometry import PRECISION_DEG

ONE_DAY = dt.timedelta(days=1)


def split_remainders(
    territories: list[Territory], shapes: Mapping[str, BaseGeometry]
) -> tuple[list[Territory], dict[str, BaseGeometry], dict[str, str]]:
    """Every territory, remainders replaced by dated pieces; their shapes; piece id → record id."""
    held = [t for t in territories if t.kind == "control" and not t.remainder and t.id in shapes]
    result: list[Territory] = []
    pieces: dict[str, BaseGeometry] = {}
    parent: dict[str, str] = {}
    for territory in territories:
        if not territory.remainder or territory.id not in shapes:
            result.append(territory)
            continue
        outline = shapes[territory.id]
        others = [t for t in held if shapes[t.id].intersects(outline) and _overlaps_in_time(t, territory)]
        for start, end in _intervals(territory.when, others):
            active = [shapes[t.id] for t in others if t.when.start <= start <= t.when.end]
            shape = outline.difference(unary_union(active)) if active else outline
            shape = set_precision(shape, PRECISION_DEG)
            if shape.is_empty:
                continue
            piece_id = f"{territory.id}-{start:%Y%m%d}"
            text = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
            when = When(start, end, text, "day" if start == end else "interval")
            result.append(territory.model_copy(update={"id": piece_id, "when": when}))
            pieces[piece_id] = shape
            parent[piece_id] = territory.id
    return result, pieces, parent


def _overlaps_in_time(a: Territory, b: Territory) -> bool:
    return a.when.start <= b.when.end and b.when.start <= a.when.end


def _intervals(span: When, others: list[Territory]) -> list[tuple[dt.date, dt.date]]:
    """`span` cut at each day one of `others` begins, and the day after one ends."""
    cuts = {span.start, span.end + ONE_DAY}
    for other in others:
        cuts |= {other.when.start, other.when.end + ONE_DAY}
    days = sorted(day for day in cuts if span.start <= day <= span.end + ONE_DAY)
    return [(a, b - ONE_DAY) for a, b in itertools.pairwise(days)]
