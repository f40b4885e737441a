"""Places: several names in time and language, a geometry with its certainty, sources.

Shaped like the World Historical Gazetteer's Linked Places Format.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator, Field, StringConstraints, model_validator

from mmatlas.core.codes import code_reader
from mmatlas.core.geometry import GeometrySpec, MapPoint
from mmatlas.core.lang import Lang
from mmatlas.core.records import Certainty, Language, LocalText, Record, Slug, Sources, Text


class PlaceName(Record):
    """A name in one language, optionally valid only from/until a year."""

    text: Text
    lang: Language
    valid_from: int | None = Field(default=None, alias="from")
    valid_until: int | None = Field(default=None, alias="until")

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or year >= self.valid_from) and (
            self.valid_until is None or year <= self.valid_until
        )


PlaceKindCode = Literal["settlement", "region", "country", "battlefield", "hill", "sea"]
# What the place is, for gazetteers (the Linked Places file's feature class). A GeoNames town is a
# settlement and a place drawn as an area a region without saying so; the rest say it.
PlaceKind = Annotated[
    PlaceKindCode, BeforeValidator(code_reader("place_kind_", get_args(PlaceKindCode), "kind"))
]


class Place(Record):
    id: Slug
    names: Annotated[list[PlaceName], Field(min_length=1)]
    modern: LocalText | None = None
    # A town may give only its GeoNames id (a pin): its point is then GeoNames' own.
    geometry: GeometrySpec | None = None
    geonames_id: int | None = None
    certainty: Certainty = "high"
    precision_km: Annotated[float, Field(ge=0)] | None = None
    kind: PlaceKind | None = None
    sources: Sources
    note: Text | None = None

    @model_validator(mode="after")
    def _needs_tr_name(self) -> Place:
        if not any(n.lang == "tr" for n in self.names):
            raise ValueError("expected at least one name with lang: tr (the atlas is Turkish by default)")
        if self.geometry is None and self.geonames_id is None:
            raise ValueError("expected a geometry, or a geonames_id whose point GeoNames gives")
        return self

    def name(self, lang: Lang, year: int | None = None) -> str:
        """The name valid in `year` in `lang`, falling back to Turkish, then the first name."""
        for wanted in (lang, "tr"):
            for candidate in self.names:
                if candidate.lang == wanted and (year is None or candidate.valid_in(year)):
                    return candidate.text
        return self.names[0].text


LonLatPair = MapPoint  # [lon, lat] or {lat: …, lon: …}, inside the map (swapped pairs caught)


def _country_code(value: Any) -> Any:
    """`tr` is TR: an ISO 3166 code in any case; anything else is explained."""
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2}", value.strip()):
        return value.strip().upper()
    if isinstance(value, str):
        raise ValueError(f"expected a two-letter country code (ISO 3166), e.g. TR, GE, AM; found '{value}'")
    return value


CountryCode = Annotated[str, BeforeValidator(_country_code), StringConstraints(pattern=r"^[A-Z]{2}$")]


class PlaceRef(Record):
    """A place as an event names it, with what settles a name several towns share.

    `near` (another place) picks the namesake closest to it; `country` (ISO 3166 code, e.g. GE)
    keeps only that country's; `at` ([lon, lat]) gives the point outright.
    """

    name: Text
    near: Text | None = None
    country: CountryCode | None = None
    at: LonLatPair | None = None

    @model_validator(mode="after")
    def _one_way(self) -> PlaceRef:
        if self.at is not None and (self.near or self.country):
            raise ValueError("expected either at: [lon, lat] or near:/country: hints, not both")
        return self


PlaceMention = Text | PlaceRef


def mention_name(mention: PlaceMention) -> str:
    return mention if isinstance(mention, str) else mention.name
