"""The validated records of the catalogue: events, territories and fronts.

Each record keeps the author's date text (`when`) and its resolved interval, so popups show
what the source wrote and the time control uses exact days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator, Field, PlainSerializer, model_validator

from mmatlas.core.calendars import CalendarError, to_gregorian
from mmatlas.core.codes import code_reader
from mmatlas.core.dates import DateError, When, parse_when
from mmatlas.core.geometry import GeometrySpec
from mmatlas.core.holders import HOLDERS
from mmatlas.core.records import Certainty, LocalText, Note, Record, Slug, Sources, Text
from mmatlas.core.vocabulary import CATEGORIES, Category, TerritoryKind, Theatre
from mmatlas.gazetteer.places import PlaceMention


def _parse_when(value: Any) -> When:
    if isinstance(value, When):
        return value
    # Unquoted YAML turns 1920-12-03 into a date and 1920 into a number: accept both.
    if isinstance(value, dt.date | int) and not isinstance(value, bool):
        value = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected an EDTF date text such as '1920-12-03'; found {value!r}")
    try:
        return parse_when(value)
    except DateError as error:
        raise ValueError(str(error)) from error


WhenField = Annotated[When, BeforeValidator(_parse_when), PlainSerializer(lambda w: w.text)]


# Codes or the legend's words (holder: Yunanistan, category: tahliye), Turkish or English.
HolderCode = Annotated[str, BeforeValidator(code_reader("holder_", HOLDERS, "holder"))]
CategoryCode = Annotated[Category, BeforeValidator(code_reader("category_", CATEGORIES, "category"))]


class DateVariant(Record):
    """Another date for the same fact, as a different source gives it."""

    when: WhenField
    sources: Sources
    note: Note | None = None


class Event(Record):
    id: Slug
    when: WhenField
    category: CategoryCode
    title: LocalText
    summary: LocalText
    places: Annotated[list[PlaceMention], Field(min_length=1)]
    actors: list[Text] = Field(default_factory=list)
    sources: Sources
    date_variants: list[DateVariant] = Field(default_factory=list)
    note: Note | None = None
    # `when` as the document writes it: Rumi (Mali) or Hijri, converted on load (calendars.py).
    calendar: Literal["gregorian", "rumi", "hijri"] = "gregorian"

    @model_validator(mode="before")
    @classmethod
    def _from_another_calendar(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if "calendar" not in data:
            return data
        written = str(data["calendar"]).strip().lower()
        calendar = _CALENDAR_WORDS.get(written, written)
        data = {**data, "calendar": calendar} if calendar in ("gregorian", "rumi", "hijri") else data
        if calendar not in ("rumi", "hijri") or not isinstance(data.get("when"), str | int):
            return data
        original = str(data["when"]).strip()
        try:
            when = parse_when(to_gregorian(original, calendar))
        except (CalendarError, DateError) as error:
            raise ValueError(f"when ({calendar}): {error}") from error
        return {
            **data,
            "calendar": calendar,
            "when": dataclasses.replace(when, written=f"{calendar} {original}"),
        }

    @model_validator(mode="after")
    def _journey_has_route(self) -> Event:
        if self.category == "journey" and len(self.places) < 2:
            raise ValueError("a journey needs its route: at least two places, in order")
        return self


_CALENDAR_WORDS = {"rumî": "rumi", "mali": "rumi", "malî": "rumi", "hicri": "hijri", "hicrî": "hijri",
                   "miladi": "gregorian", "miladî": "gregorian"}  # fmt: skip

LEDGER_HINT = (
    "areas of control are derived from the control ledger: record the town's change of hands "
    "in geo/control/ (README: 'Who held what')"
)


def _not_control(value: Any) -> Any:
    if value == "control":
        raise ValueError(f"'control' is no longer drawn as a territory: {LEDGER_HINT}")
    return value


class Territory(Record):
    """Who claimed or was awarded an area, or a treaty or armistice line, between two dates."""

    id: Slug
    name: LocalText
    holder: HolderCode
    kind: Annotated[
        TerritoryKind,
        BeforeValidator(_not_control),
        BeforeValidator(code_reader("kind_", ("control", *get_args(TerritoryKind)), "kind")),
    ]
    when: WhenField
    geometry: GeometrySpec
    certainty: Certainty
    precision_km: Annotated[float, Field(gt=0)]
    sources: Sources
    note: Note | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_remainder(cls, data: Any) -> Any:
        if isinstance(data, dict) and ("remainder" in data or "contested" in data):
            key = "remainder" if "remainder" in data else "contested"
            raise ValueError(
                f"'{key}' belonged to hand-drawn areas of control, which are gone: {LEDGER_HINT}"
            )
        return data

    @model_validator(mode="after")
    def _shape_fits_kind(self) -> Territory:
        drawn_as_line = self.geometry.line is not None or self.geometry.border is not None
        is_line = drawn_as_line and self.geometry.buffer_km is None
        if (self.kind == "line") != is_line:
            wanted = (
                "a line (or border)"
                if self.kind == "line"
                else "an area (polygon, polygons, or a buffered point/line)"
            )
            raise ValueError(f"a territory of kind '{self.kind}' needs {wanted} as geometry")
        return self


class Front(Record):
    """A front line at one phase of a campaign."""

    id: Slug
    name: LocalText
    theatre: Theatre
    when: WhenField
    geometry: GeometrySpec
    sides: Annotated[list[HolderCode], Field(min_length=2, max_length=2)]
    certainty: Certainty
    precision_km: Annotated[float, Field(gt=0)]
    sources: Sources
    note: Note | None = None

    @model_validator(mode="after")
    def _is_line(self) -> Front:
        if self.geometry.line is None or self.geometry.buffer_km is not None:
            raise ValueError("a front needs a line (anchors in order) as geometry, without buffer_km")
        return self


class Actor(Record):
    """A person or body as events name it: one spelling, in Turkish and in English."""

    tr: Text
    en: Text
    # Other spellings of the same actor (no circumflex, without the title, a shortened form):
    # refused in events, with `tr` suggested, so each actor reads one way on the map.
    variants: list[Text] = Field(default_factory=list)


Dated = Event | Territory | Front
