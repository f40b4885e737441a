"""The atlas's own index: places with every name they bore (for labels and search) and events.

Kept compact because it is inlined into every page: rounded coordinates, short keys.
"""

from __future__ import annotations

from typing import Any

from events.catalogue import Catalogue
from events.model import Lang


def place_entries(catalogue: Catalogue, lang: Lang) -> list[dict[str, Any]]:
    """Every place of the catalogue: its names in time, today's name, a point, its events."""
    events_at: dict[str, list[str]] = {}
    for event in catalogue.events:
        for place in catalogue.event_places[event.id]:
            events_at.setdefault(place.id, []).append(event.id)
    entries = []
    for place_id, place in sorted(catalogue.places.items()):
        point = catalogue.gazetteer.geometry(place).representative_point()
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


def event_entries(catalogue: Catalogue, lang: Lang) -> list[dict[str, Any]]:
    """Every event: title in both languages, first day, and where it is drawn."""
    other: Lang = "en" if lang == "tr" else "tr"
    entries = []
    for event in catalogue.events:
        places = catalogue.event_places[event.id]
        point = catalogue.gazetteer.geometry(places[0]).representative_point()
        entries.append(
            {
                "id": event.id,
                "t": event.title.get(lang),
                "o": event.title.get(other),
                "s": event.when.start.isoformat(),
                "lat": round(point.y, 4),
                "lon": round(point.x, 4),
            }
        )
    return entries
