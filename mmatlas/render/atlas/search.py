"""The atlas's own index of places, with every name they bore, for labels and search.

(Events are searched in the page from the event layers themselves.)

Kept compact because it is inlined into every page: rounded coordinates, short keys.
"""

from __future__ import annotations

from typing import Any

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang
from mmatlas.render.reference_towns import reference_places


def reference_ids(catalogue: Catalogue) -> set[str]:
    return {place.id for place in reference_places(catalogue)}


def place_entries(catalogue: Catalogue, lang: Lang) -> list[dict[str, Any]]:
    """Every place of the catalogue: its names in time, today's name, a point, its events, and
    whether it is a reference town (`r`) or a region (`k`), which is not labelled as a town."""
    reference = reference_ids(catalogue)
    events_at: dict[str, list[str]] = {}
    for event in catalogue.events:
        for place in catalogue.event_places[event.id]:
            events_at.setdefault(place.id, []).append(event.id)
    entries = []
    for place_id, place in sorted(catalogue.places.items()):
        point = catalogue.gazetteer.point(place)
        entries.append(
            {
                "id": place_id,
                "n": [[n.text, n.lang, n.valid_from, n.valid_until] for n in place.names],
                "m": place.modern.get(lang) if place.modern else None,
                "lat": round(point.y, 4),
                "lon": round(point.x, 4),
                "e": events_at.get(place_id, []),
                **({"r": 1} if place_id in reference else {}),
                **({"g": place.geonames_id} if place.geonames_id else {}),
                **({"k": "region"} if catalogue.gazetteer.geometry(place).geom_type != "Point" else {}),
            }
        )
    return entries
