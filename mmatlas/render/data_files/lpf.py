"""The gazetteer in Linked Places Format (`data/places.lpf.json`), as the World Historical
Gazetteer (WHG) takes contributions: a GeoJSON-LD FeatureCollection, one feature per place of
the catalogue with its names in time and language, their citations, its geometry and its
certainty, its type and its GeoNames link.

Written from the specification in https://github.com/LinkedPasts/linked-places-format
(README.md, v1.3 of 24 June 2024). Keys sorted, one feature per line, no dates of the run:
byte-identical for the same catalogue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from typing import Any

from shapely.geometry.base import BaseGeometry

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import LANGS, Lang
from mmatlas.core.records import CertaintyCode
from mmatlas.gazetteer.places import Place, PlaceKindCode, PlaceName
from mmatlas.render.atlas.features import geojson_geometry
from mmatlas.render.atlas.interactive import PERIOD_END, PERIOD_START
from mmatlas.render.i18n import label

LPF_CONTEXT = (
    "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
)
# LPF wants `@id` to be a permanent URI of the contributor's published record, and WHG gives a
# landing page to datasets that have none. The atlas publishes no record pages, so its ids are
# the place's slug (stable: it is what events cite) under a base in the reserved `.invalid`
# domain (RFC 6761), which never resolves: no one mistakes it for a page. Pass `base` once the
# atlas has a home of its own.
PLACE_BASE = "https://example.invalid/milli-mucadele-atlasi/places/"
# The project's high/medium/low as LPF's certainty words.
CERTAINTY: dict[CertaintyCode, str] = {"high": "certain", "medium": "less-certain", "low": "uncertain"}
_dump = partial(json.dumps, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class PlaceType:
    """A Getty AAT concept of WHG's supported list, its GeoNames feature class, and the atlas's
    own word for it (its data layer's title)."""

    identifier: str
    label: str
    fclass: str
    layer_label_key: str


SETTLEMENT = PlaceType("aat:300008347", "inhabited place", "P", "data_layer_places")
REGION = PlaceType("aat:300182722", "region (geographic)", "L", "data_layer_regions")
# GeoNames feature classes of the kinds places.yaml can state: A countries and their divisions,
# H water (an anchorage, ANCH, is one), L areas (a battlefield, BTL, is one), P populated places,
# T relief (hills, HLL). Only settlements and regions also name an AAT concept here.
FEATURE_CLASS: dict[PlaceKindCode, str] = {
    "settlement": "P",
    "region": "L",
    "country": "A",
    "battlefield": "L",
    "hill": "T",
    "sea": "H",
}


def places_lpf(catalogue: Catalogue, lang: Lang, *, base: str = PLACE_BASE) -> str:
    """Every place of the catalogue as LPF JSON text; titles and citations in `lang`."""
    places = sorted(catalogue.places.values(), key=lambda p: p.id)
    features = ",\n".join(_dump(_feature(catalogue, place, lang, base)) for place in places)
    return f'{{"@context":{_dump(LPF_CONTEXT)},"features":[\n{features}\n],"type":"FeatureCollection"}}\n'


def _feature(catalogue: Catalogue, place: Place, lang: Lang, base: str) -> dict[str, Any]:
    shape = catalogue.gazetteer.geometry(place)
    kind = place_type(place, shape)
    citations = _citations(catalogue, place, lang)
    feature: dict[str, Any] = {
        "@id": f"{base}{place.id}",
        "type": "Feature",
        "properties": _properties(catalogue, place, lang, kind),
        # LPF wants a `when` on every record (or a citation year, which undated works lack): the
        # period the atlas maps, as its KML gives places, since that is when it vouches for them.
        "when": {
            "timespans": [{"start": {"in": PERIOD_START.isoformat()}, "end": {"in": PERIOD_END.isoformat()}}]
        },
        "names": [_name(name, citations, _latest_year(citations)) for name in place.names],
        "geometry": {**geojson_geometry(shape), "certainty": CERTAINTY[place.certainty]},
    }
    if kind is not None:
        feature["types"] = [
            {
                "identifier": kind.identifier,
                "label": kind.label,
                "sourceLabels": [{"label": label(kind.layer_label_key, lang), "lang": lang}],
            }
        ]
    if place.geonames_id:
        feature["links"] = [{"type": "closeMatch", "identifier": f"gn:{place.geonames_id}"}]
    if descriptions := _descriptions(place):
        feature["descriptions"] = descriptions
    return feature


def place_type(place: Place, shape: BaseGeometry) -> PlaceType | None:
    """What the data says: the place's `kind` where given; else an area is a region and a
    GeoNames town (its cities file holds populated places only) a settlement."""
    if place.kind is not None:
        return {"settlement": SETTLEMENT, "region": REGION}.get(place.kind)
    if shape.geom_type in ("Polygon", "MultiPolygon"):
        return REGION
    if place.geonames_id:
        return SETTLEMENT
    return None


def feature_class(place: Place, kind: PlaceType | None) -> str | None:
    """The GeoNames feature class LPF asks for; none for a point of unknown kind (a point given
    inline with an event: a village, a pass, a bridge)."""
    if place.kind is not None:
        return FEATURE_CLASS[place.kind]
    return kind.fclass if kind is not None else None


def _properties(catalogue: Catalogue, place: Place, lang: Lang, kind: PlaceType | None) -> dict[str, Any]:
    # The title is the name at the start of the atlas's period: Antep, not Gaziantep (1921).
    properties: dict[str, Any] = {"title": place.name(lang, PERIOD_START.year)}
    if code := _country(catalogue, place):
        properties["ccodes"] = [code]
    if fclass := feature_class(place, kind):
        properties["fclasses"] = [fclass]
    return properties


def _country(catalogue: Catalogue, place: Place) -> str | None:
    """Today's country as GeoNames gives it for the place's town; unknown for the rest."""
    geonames = catalogue.gazetteer.geonames
    city = geonames.city(place.geonames_id) if geonames is not None and place.geonames_id else None
    return city.country if city is not None else None


def _citations(catalogue: Catalogue, place: Place, lang: Lang) -> list[dict[str, Any]]:
    """The place's sources as LPF citations, each once, with the work's year where it has one."""
    found: dict[str, dict[str, Any]] = {}
    for source in place.sources:
        work = catalogue.works[source.ref]
        citation: dict[str, Any] = {"label": catalogue.cite(source, lang)}
        if isinstance(work.year, int):
            citation["year"] = work.year
        if work.url:
            citation["@id"] = work.url
        found.setdefault(citation["label"], citation)
    return list(found.values())


def _latest_year(citations: list[dict[str, Any]]) -> int | None:
    years = [c["year"] for c in citations if "year" in c]
    return max(years) if years else None


def _name(name: PlaceName, citations: list[dict[str, Any]], cited_year: int | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"toponym": name.text, "lang": name.lang, "citations": citations}
    if name.valid_from is not None or name.valid_until is not None:
        entry["when"] = _name_when(name, cited_year)
    return entry


def _name_when(name: PlaceName, cited_year: int | None) -> dict[str, Any]:
    """The years a name was in use, both ends inclusive as geo/places.yaml means them.

    An open end is bounded by what is known, never left out (LPF reads a timespan without an
    end as the start's year alone): a name used `until` a year was in use by the atlas's first
    year at the latest; a name used `from` a year still was when the latest source citing it was
    published. The label keeps the years as written: `1924–1990`, `–1924`, `1991–`."""
    start, until = name.valid_from, name.valid_until
    if start is not None:
        first = {"in": _year(start)}
    else:
        assert until is not None
        first = {"latest": _year(min(PERIOD_START.year, until))}
    if until is not None:
        last = {"in": _year(until)}
    else:
        assert start is not None
        last = {"earliest": _year(max(start, cited_year or start))}
    written = f"{'' if start is None else start}–{'' if until is None else until}"
    return {"timespans": [{"start": first, "end": last}], "label": written}


def _year(year: int) -> str:
    """A year as ISO 8601 writes it: four digits at least (0676)."""
    return f"{year:05d}" if year < 0 else f"{year:04d}"


def _descriptions(place: Place) -> list[dict[str, str]]:
    """Where the place is today, in each language written; the curator's note, whose language
    geo/places.yaml does not record, without one."""
    found: list[dict[str, str]] = []
    if place.modern is not None:
        found += [{"value": place.modern.get(lang), "lang": lang} for lang in LANGS if place.modern.has(lang)]
    if place.note is not None:
        found.append({"value": place.note})
    return found
