"""The atlas's own index of places, with every name they bore, for labels and search.

(Events are searched in the page from the event layers themselves.)

Kept compact because it is inlined into every page: rounded coordinates, short keys.
"""

from __future__ import annotations

from typing import Any

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang


def place_entries(catalogue: Catalogue, lang: Lang) -> list[dict[str, Any]]:
    """Every place of the catalogue: its names in time, today's name, a point, its events."""
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
            }
        )
    return entries
