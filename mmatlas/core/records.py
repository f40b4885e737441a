"""Building blocks shared by every YAML record: the base model, bilingual text, citations."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from mmatlas.core.codes import code_reader
from mmatlas.core.lang import Lang
from mmatlas.core.messages import message

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
CertaintyCode = Literal["high", "medium", "low"]
# high/medium/low, or as the legend words it (yüksek, orta, düşük).
Certainty = Annotated[
    CertaintyCode, BeforeValidator(code_reader("certainty_", get_args(CertaintyCode), "certainty"))
]
Language = Literal["tr", "en", "ota", "hy", "ka", "el", "ru", "fr", "it", "ar", "ku", "de", "la"]


class Record(BaseModel):
    """Frozen, strict about unknown fields (a typo in a key must not pass silently)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class LocalText(Record):
    """A text in Turkish, English or both. A page in a language the text lacks shows the other
    language's text, marked as such: a lecture written only in Turkish still builds in English."""

    tr: Text | None = None
    en: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_text_is_turkish(cls, data: Any) -> Any:
        """`title: "Adana'nın kurtuluşu"` is the Turkish text (the atlas's first language)."""
        return {"tr": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _in_one_language_at_least(self) -> LocalText:
        if self.tr is None and self.en is None:
            raise ValueError("expected the text in Turkish, English or both: {tr: …, en: …}")
        return self

    def has(self, lang: Lang) -> bool:
        return (self.tr if lang == "tr" else self.en) is not None

    def get(self, lang: Lang) -> str:
        own, other = (self.tr, self.en) if lang == "tr" else (self.en, self.tr)
        if own is not None:
            return own
        assert other is not None
        return f"{other} {message('fallback_mark', lang)}"


def _note_in_both_languages(value: Any) -> Any:
    if isinstance(value, str) or (isinstance(value, dict) and not {"tr", "en"} <= set(value)):
        raise ValueError(
            "a note is shown to readers in the page's language: write note: {tr: …, en: …}; "
            "keep remarks on how the data was gathered as YAML comments (# …)"
        )
    return value


# A note is shown to readers, in the page's language; working remarks are YAML comments.
Note = Annotated[LocalText, BeforeValidator(_note_in_both_languages)]

# primary: documents, laws, treaties, minutes, participants' memoirs; scholarly: peer-reviewed
# articles, academic books, theses; reference: encyclopaedias; press: newspapers; web: the rest.
WorkKind = Literal["primary", "scholarly", "reference", "press", "web"]


def _plain_or_both(value: Any) -> str:
    return "[tr, en]" if isinstance(value, dict) else "str"


# Either plain text or {tr, en}; the tag picks one branch so a mistake gets one message, not two.
# (The tag names are ones the error formatter leaves out of the path.)
TextOrBoth = Annotated[
    Annotated[Text, Tag("str")] | Annotated[LocalText, Tag("[tr, en]")],
    Discriminator(_plain_or_both),
]


class SourceRef(Record):
    """A citation: a bibliography key, the pages, and the work the source itself cites."""

    ref: Slug
    pages: str | None = None
    # A bare reference ("Aybars, s. 260") reads the same in both languages; anything worded
    # ("speech of mayor …", "entry of …") is written {tr: …, en: …}.
    cites: TextOrBoth | None = None
    quote: Text | None = None

    def cites_in(self, lang: Lang) -> str | None:
        if isinstance(self.cites, LocalText):
            return self.cites.get(lang)
        return self.cites


class Work(Record):
    """One entry of the bibliography (events/sources.yaml)."""

    author: Text
    year: int | str
    title: Text
    kind: WorkKind | None = None
    published_in: Text | None = None
    note: Text | None = None
    url: Text | None = None

    def short(self) -> str:
        return f"{self.author} ({self.year})"


Sources = Annotated[list[SourceRef], Field(min_length=1)]
