"""Places: several names in time and language, a geometry with its certainty, sources.

Shaped like the World Historical Gazetteer's Linked Places Format.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from geo.geometry import GeometrySpec
from geo.records import Certainty, Language, LocalText, Record, Slug, Sources, Text


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


class Place(Record):
    id: Slug
    names: Annotated[list[PlaceName], Field(min_length=1)]
    modern: LocalText | None = None
    geometry: GeometrySpec
    geonames_id: int | None = None
    certainty: Certainty = "high"
    precision_km: Annotated[float, Field(ge=0)] | None = None
    sources: Sources
    note: Text | None = None

    @model_validator(mode="after")
    def _needs_tr_name(self) -> Place:
        if not any(n.lang == "tr" for n in self.names):
            raise ValueError("expected at least one name with lang: tr (the atlas is Turkish by default)")
        return self

    def name(self, lang: Literal["tr", "en"], year: int | None = None) -> str:
        """The name valid in `year` in `lang`, falling back to Turkish, then the first name."""
        for wanted in (lang, "tr"):
            for candidate in self.names:
                if candidate.lang == wanted and (year is None or candidate.valid_in(year)):
                    return candidate.text
        return self.names[0].text
