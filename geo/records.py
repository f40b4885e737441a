"""Building blocks shared by every YAML record: the base model, bilingual text, citations."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Certainty = Literal["high", "medium", "low"]
Language = Literal["tr", "en", "ota", "hy", "ka", "el", "ru", "fr", "it", "ar", "ku", "de", "la"]


class Record(BaseModel):
    """Frozen, strict about unknown fields (a typo in a key must not pass silently)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class LocalText(Record):
    """The same text in Turkish and English; the atlas shows the one the user chose."""

    tr: Text
    en: Text

    def get(self, lang: Literal["tr", "en"]) -> str:
        return self.tr if lang == "tr" else self.en


class SourceRef(Record):
    """A citation: a bibliography key, the pages, and the work the source itself cites."""

    ref: Slug
    pages: str | None = None
    cites: Text | None = None
    quote: Text | None = None


class Work(Record):
    """One entry of the bibliography (events/sources.yaml)."""

    author: Text
    year: int | str
    title: Text
    published_in: Text | None = None
    note: Text | None = None
    url: Text | None = None

    def short(self) -> str:
        return f"{self.author} ({self.year})"


Sources = Annotated[list[SourceRef], Field(min_length=1)]
