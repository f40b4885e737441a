"""A catalogue narrowed to a span of days: what happened or was in force within it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.dates import When


def year_slice(catalogue: Catalogue, first: dt.date, last: dt.date) -> Catalogue:
    """Events, territories and fronts overlapping `[first, last]`, and only their places."""

    def overlaps(when: When) -> bool:
        return when.start <= last and first <= when.end

    events = tuple(e for e in catalogue.events if overlaps(e.when))
    used = {p.id for e in events for p in catalogue.event_places[e.id]}
    return dataclasses.replace(
        catalogue,
        events=events,
        territories=tuple(t for t in catalogue.territories if overlaps(t.when)),
        fronts=tuple(f for f in catalogue.fronts if overlaps(f.when)),
        places={k: v for k, v in catalogue.places.items() if k in used},
    )
