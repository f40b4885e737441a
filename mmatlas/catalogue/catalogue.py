"""The Catalogue: one frozen, validated, resolved model that every renderer reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry

from mmatlas.catalogue.control import ControlMap
from mmatlas.catalogue.land import clip_to_land
from mmatlas.catalogue.model import Actor, Event, Front, Territory
from mmatlas.core.derived import Derived
from mmatlas.core.lang import Lang
from mmatlas.core.records import SourceRef, Work
from mmatlas.core.vocabulary import work_kind_name
from mmatlas.gazetteer.gazetteer import Gazetteer
from mmatlas.gazetteer.places import Place

# Derived once per catalogue, kept beside it: thousands of events cite a handful of works, and
# cutting a zone to the coast is costly.
_CITED: Derived[str] = Derived()
_DRAWN: Derived[BaseGeometry] = Derived()


class Load:
    """One reading of the YAML. A catalogue narrowed to a year shares its load, and with it every
    value derived from the records they share (drawn shapes, citations, the page's control data).

    `fingerprint` is a digest of every file read: the same text gives the same catalogue, so
    files drawn from it can be kept between runs (the slides' cache)."""

    def __init__(self, fingerprint: str = "") -> None:
        self.fingerprint = fingerprint


@dataclass(frozen=True, eq=False)
class Catalogue:
    works: Mapping[str, Work]
    # People and bodies by the one spelling events use (events/actors.yaml).
    actors: Mapping[str, Actor]
    gazetteer: Gazetteer
    events: tuple[Event, ...]
    territories: tuple[Territory, ...]
    fronts: tuple[Front, ...]
    event_places: Mapping[str, tuple[Place, ...]]
    shapes: Mapping[str, BaseGeometry]
    origins: Mapping[str, str]
    # Who held each town's cell on every day, from the control ledger (geo/control/).
    control: ControlMap
    # The places the catalogue uses, fixed at load: later look-ups (the geocode command) may
    # add GeoNames towns to the gazetteer, never to the maps.
    places: Mapping[str, Place]
    load: Load = field(default_factory=Load)

    def actor_name(self, written: str, lang: Lang) -> str:
        """An actor in the page's language; one not in actors.yaml reads as the event writes it."""
        actor = self.actors.get(written)
        return actor.en if actor is not None and lang == "en" else written

    def shape(self, item: Territory | Front) -> BaseGeometry:
        return self.shapes[item.id]

    def drawn_shape(self, item: Territory | Front) -> BaseGeometry:
        """The shape as maps draw it: areas cut to the coastline (computed once per record)."""
        is_area = isinstance(item, Territory) and item.kind != "line"  # claims, treaty zones
        shape = self.shapes[item.id]
        return _DRAWN.get(self.load, item.id, lambda: clip_to_land(shape) if is_area else shape)

    def cite(self, source: SourceRef, lang: Lang = "en") -> str:
        """A one-line citation: 'Author (year). Title. Journal, p. N; citing X [scholarly work]'."""
        return _CITED.get(self.load, (source, lang), lambda: self._format_citation(source, lang))

    def _format_citation(self, source: SourceRef, lang: Lang) -> str:
        work = self.works[source.ref]
        text = _sentence(f"{work.author} ({work.year})", work.title)
        if work.published_in:
            text = _sentence(text, work.published_in)
        if source.pages:
            text += f", {where_seen(source.pages, lang)}"
        if cited := source.cites_in(lang):
            text += f"; {'dayandığı kaynak' if lang == 'tr' else 'citing'} {cited}"
        if work.kind:
            text += f" [{work_kind_name(work.kind, lang)}]"
        return text


def _sentence(text: str, then: str) -> str:
    """`text. then`, without a second full stop after a title that ends in one (`… Allies.`)."""
    return f"{text} {then}" if text.endswith((".", "?", "!")) else f"{text}. {then}"


# Parts of a work that citations name instead of a page, in the reader's language.
SEEN_PARTS_TR = {
    "abstract": "özet",
    "English abstract": "İngilizce özet",
    "Turkish abstract": "Türkçe özet",
    "chapter abstract": "bölüm özeti",
    "abstract (Öz)": "özet",
}


def where_seen(pages: str, lang: Lang) -> str:
    """`p. 245`, `p. 245, abstract` or a part named outright (`vol. 3, entry for 11 January`)."""
    parts = [part.strip() for part in pages.split(", ")]
    if lang == "tr":
        parts = [SEEN_PARTS_TR.get(part, part) for part in parts]
    text = ", ".join(parts)
    return f"{'s.' if lang == 'tr' else 'p.'} {text}" if text[:1].isdigit() else text
