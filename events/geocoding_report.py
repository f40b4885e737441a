"""Where every place name of the catalogue was put, and why: a table a historian can audit."""

from __future__ import annotations

import csv
import io

from events.catalogue import Catalogue
from events.model import Front, Territory
from geo.gazetteer import Match
from geo.places import PlaceMention
from geo.records import SourceRef

# record id, field, the name as written, the record's sources (for a point given inline)
Mention = tuple[str, str, PlaceMention, tuple[SourceRef, ...]]

COLUMNS = (
    "record",
    "origin",
    "field",
    "written",
    "place_id",
    "place",
    "modern",
    "source",
    "geonames_id",
    "latitude",
    "longitude",
    "country",
    "confidence",
    "reason",
    "also",
)


def geocoding_csv(catalogue: Catalogue) -> str:
    """One row per place name as written in a record (events' places, outlines' anchors)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record, field, mention, cited in _mentions(catalogue):
        match = catalogue.gazetteer.match(mention, cited)
        writer.writerow(_row(catalogue, record, field, match))
    return out.getvalue()


def _mentions(catalogue: Catalogue) -> list[Mention]:
    found: list[Mention] = []
    for event in catalogue.events:
        cited = tuple(event.sources)
        found += [(event.id, f"places[{i}]", m, cited) for i, m in enumerate(event.places)]
    outlined: list[Territory | Front] = [*catalogue.territories, *catalogue.fronts]
    for item in outlined:
        for path, anchor in item.geometry.anchors():
            if isinstance(anchor, str):
                field = "geometry." + ".".join(str(p) for p in path)
                found.append((item.id, field, anchor, ()))
    return found


def _row(catalogue: Catalogue, record: str, field: str, match: Match) -> list[str]:
    place = match.place
    return [
        record,
        catalogue.origins.get(record, ""),
        field,
        match.written,
        place.id,
        place.name("tr"),
        place.modern.en if place.modern else "",
        match.source,
        str(place.geonames_id or ""),
        f"{match.point[1]:.4f}",
        f"{match.point[0]:.4f}",
        match.country or "",
        match.confidence,
        match.reason,
        " | ".join(match.runners_up),
    ]
