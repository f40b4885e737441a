"""The tile-free base layer: Natural Earth land, clipped to the theatre (see geo/data/README.md)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

LAND = Path(__file__).resolve().parent / "data" / "land.geojson"


@cache
def land_geojson() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LAND.read_text(encoding="utf-8"))
    return data
