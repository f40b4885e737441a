"""Where every place name of the catalogue was put, and why: a table a historian can audit.

Names put far from Ankara are flagged, so that a town that slipped to another continent (an
'Odessa' in Texas) shows at a glance; conference venues and pinned places are far on purpose.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.model import Front, Territory
from mmatlas.core.records import SourceRef
from mmatlas.core.theatre import FAR_KM, km_from_ankara
from mmatlas.gazetteer.gazetteer import Match
from mmatlas.gazetteer.places import PlaceMention

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
    "km_from_ankara",
    "far",
    "confidence",
    "reason",
    "also",
)


@dataclass(frozen=True)
class Mention:
    """A place name as written in one record (an event, an outline, a ledger town)."""

    record: str
    origin: str
    field: str
    written: PlaceMention
    cited: tuple[SourceRef, ...] = ()  # the record's sources, for a point given inline


@dataclass(frozen=True)
class GeocodingReport:
    csv: str
    rows: int
    far: tuple[str, ...]  # "Londra → London, United Kingdom (2,570 km)", once per name


def geocoding_report(catalogue: Catalogue) -> GeocodingReport:
    """One row per place name as written in a record, and the names put far from Ankara."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    far: dict[str, str] = {}
    mentions = _mentions(catalogue)
    for mention in mentions:
        match = catalogue.gazetteer.match(mention.written, mention.cited)
        km = km_from_ankara(*match.point)
        if km > FAR_KM:
            modern = match.place.modern.get("en") if match.place.modern else match.place.name("en")
            far.setdefault(match.written, f"{match.written} → {modern} ({km:,.0f} km; {match.reason})")
        writer.writerow([_cell(value) for value in _row(mention, match, km)])
    return GeocodingReport(out.getvalue(), len(mentions), tuple(far[k] for k in sorted(far)))


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that begins with =, +, - or @ (a name written as
    `=HYPERLINK(…)`) would be run as a formula, so it gets a leading apostrophe, as spreadsheets
    themselves mark text. Numbers (a negative longitude) are left as they are."""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def geocoding_csv(catalogue: Catalogue) -> str:
    return geocoding_report(catalogue).csv


def _mentions(catalogue: Catalogue) -> list[Mention]:
    found: list[Mention] = []
    for event in catalogue.events:
        cited = tuple(event.sources)
        origin = catalogue.origins.get(event.id, "")
        found += [Mention(event.id, origin, f"places[{i}]", m, cited) for i, m in enumerate(event.places)]
    outlined: list[Territory | Front] = [*catalogue.territories, *catalogue.fronts]
    for item in outlined:
        for path, anchor in item.geometry.anchors():
            if isinstance(anchor, str):
                field = "geometry." + ".".join(str(p) for p in path)
                found.append(Mention(item.id, catalogue.origins.get(item.id, ""), field, anchor))
    for town in catalogue.control.towns:
        if town.written is not None:
            found.append(Mention(town.place.id, town.origin, "town", town.written, town.cited))
    return found


def _row(mention: Mention, match: Match, km: float) -> list[str]:
    place = match.place
    return [
        mention.record,
        mention.origin,
        mention.field,
        match.written,
        place.id,
        place.name("tr"),
        place.modern.get("en") if place.modern else "",
        match.source,
        str(place.geonames_id or ""),
        f"{match.point[1]:.4f}",
        f"{match.point[0]:.4f}",
        match.country or "",
        f"{km:.0f}",
        "yes" if km > FAR_KM else "",
        match.confidence,
        match.reason,
        " | ".join(match.runners_up),
    ]
