"""Lines that follow today's international borders, from the same 1:10m outlines the cells use."""

from __future__ import annotations

import shapely
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry

from mmatlas.catalogue.cells import country_shapes


class BorderError(ValueError):
    """A pair of countries with no border between them in the theatre."""


def border_line(pairs: list[list[str]]) -> BaseGeometry:
    """The borders each pair of countries shares, joined into as few lines as possible."""
    countries = country_shapes()
    parts: list[LineString] = []
    for a, b in pairs:
        for code in (a, b):
            if code not in countries:
                raise BorderError(
                    f"no country '{code}' in the theatre; expected ISO codes such as TR, GE, AM"
                )
        shared = shapely.intersection(countries[a].boundary, countries[b].boundary)
        lines = [g for g in shapely.get_parts(shapely.line_merge(shared)) if isinstance(g, LineString)]
        if not lines:
            raise BorderError(f"{a} and {b} share no border in the theatre")
        parts += lines
    merged = shapely.line_merge(MultiLineString(parts))
    return merged
