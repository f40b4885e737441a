"""Who held a place on a given day, on whose authority, and which claims or treaty zones covered it.

The answer is read from the same cells and the same day's state the maps draw: the place lies
in one town's cell, and the cell's holder that day is the holder the map colours it with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.control import Spell, TownControl
from mmatlas.catalogue.model import Territory
from mmatlas.core.holders import HOLDERS
from mmatlas.core.lang import Lang
from mmatlas.gazetteer.places import Place
from mmatlas.state.day import MapState, map_on


@dataclass(frozen=True)
class Answer:
    place: Place
    day: dt.date
    cell: int | None  # the ledger town's cell the place lies in; None at sea or off the map
    town: TownControl | None
    holder: str | None
    spell: Spell | None
    faint: bool
    precision_km: float | None
    zones: tuple[Territory, ...]


def where(catalogue: Catalogue, place: Place, day: dt.date) -> Answer:
    point = catalogue.gazetteer.point(place)
    state: MapState = map_on(catalogue, day)
    cell = catalogue.control.cell_at(point)
    zones = tuple(
        t for t in state.territories if t.kind != "line" and catalogue.drawn_shape(t).intersects(point)
    )
    if cell is None:
        return Answer(place, day, None, None, None, None, False, None, zones)
    spell = state.spell(cell)
    return Answer(
        place,
        day,
        cell,
        state.town(cell),
        state.holder(cell),
        spell,
        spell is not None and spell.faint_on(day),
        catalogue.control.cells.radius_km[cell],
        zones,
    )


def describe_answer(catalogue: Catalogue, answer: Answer, lang: Lang = "en") -> str:
    """Plain lines for the command line: holder, the ledger line and its sources; then the zones."""
    place = answer.place.name(lang, answer.day.year)
    lines = [f"{place} on {answer.day.isoformat()}:"]
    if answer.cell is None or answer.town is None:
        lines.append(
            "  controlled by: not on the map's land (at sea, or outside the towns of the control ledger)"
        )
    elif answer.holder is None or answer.spell is None:
        lines.append("  controlled by: outside the control ledger's span (30 October 1918 – 29 October 1923)")
    else:
        town = answer.town.place.name(lang, answer.day.year)
        spell = answer.spell
        since = (
            spell.when.text
            if spell.when is not None
            else f"{spell.start.isoformat()} (the ledger's first day)"
        )
        hedge = " (date not exact: drawn faded)" if answer.faint else ""
        lines += [
            f"  controlled by: {HOLDERS[answer.holder].name(lang)} since {since}{hedge}",
            f"    cell of {town} (±{answer.precision_km:g} km), {spell.kind} at {spell.origin}",
        ]
        lines += [f"    source: {catalogue.cite(source, lang)}" for source in spell.sources]
        for variant in spell.variants:
            cited = "; ".join(catalogue.cite(s, lang) for s in variant.sources)
            lines.append(f"    other date: {variant.on.text} ({cited})")
    for territory in answer.zones:
        holder = HOLDERS[territory.holder].name(lang)
        lines += [
            f"  {territory.kind.replace('_', ' ')}: {holder} — {territory.name.get(lang)} "
            f"[{territory.id}, {territory.when.text}], {catalogue.origins.get(territory.id, '')}",
            f"    precision: ±{territory.precision_km:g} km, certainty {territory.certainty}",
        ]
        lines += [f"    source: {catalogue.cite(source, lang)}" for source in territory.sources]
    return "\n".join(lines)
