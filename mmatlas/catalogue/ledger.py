"""The control ledger as users write it: per town, who held it, and each dated change of hands.

A ledger file (geo/control/*.yaml) is a mapping:

    initial: {holder: istanbul, sources: [...]}        # its towns' holder on 30 October 1918
    transfers:                                          # a change of government: every town of
      - {on: "1920-04-23", from: istanbul, to: ankara, sources: [...]}   # the ledger then held
                                                                          # by `from`
    towns:
      - town: Uşak
        changes:
          - {on: "1920-08-29", holder: greece, sources: [...]}
          - {on: "1922-09-01", holder: ankara, sources: [...]}

Historians state control that way ("Uşak was occupied on 29 August 1920"); the areas drawn on
the map are derived from it (mmatlas/catalogue/control.py), never drawn by hand.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator

from mmatlas.catalogue.model import HolderCode, WhenField
from mmatlas.core.geometry import GeometrySpec
from mmatlas.core.records import LocalText, Note, Record, Slug, Sources
from mmatlas.core.vocabulary import Theatre
from mmatlas.gazetteer.places import PlaceMention


class InitialHolder(Record):
    """Who held a town on the first day of the ledger (the Armistice of Mudros)."""

    holder: HolderCode
    sources: Sources
    note: Note | None = None


class ChangeVariant(Record):
    """Another day for the same change of hands, as a different source gives it."""

    on: WhenField
    sources: Sources
    note: Note | None = None


class HolderChange(Record):
    """A town passing to `holder` on a day; a month or a hedged date is drawn faded until its end."""

    on: WhenField
    holder: HolderCode
    sources: Sources
    date_variants: list[ChangeVariant] = Field(default_factory=list)
    note: Note | None = None


class Transfer(Record):
    """A change of government: every town of the file held by `from` that day passes to `to`."""

    on: WhenField
    from_: HolderCode = Field(alias="from")
    to: HolderCode
    sources: Sources
    note: Note | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> Transfer:
        if self.from_ == self.to:
            raise ValueError(f"a transfer passes towns from one holder to another; found '{self.to}' twice")
        return self


class LedgerTown(Record):
    town: PlaceMention
    initial: InitialHolder | None = None
    changes: list[HolderChange] = Field(default_factory=list)
    note: Note | None = None

    @model_validator(mode="after")
    def _changes_in_order(self) -> LedgerTown:
        days = [c.on.start for c in self.changes]
        if days != sorted(days):
            raise ValueError("list the changes in date order, earliest first")
        return self


class LedgerFile(Record):
    """A ledger file's own rules; its towns are read one by one (LedgerTown), so that a mistake
    in one town never hides the mistakes of another."""

    initial: InitialHolder | None = None
    transfers: list[Transfer] = Field(default_factory=list)
    towns: Annotated[list[Any], Field(min_length=1)]
    note: Note | None = None


class War(Record):
    """Two sides at war over a span of days: where their areas meet, the map draws a front."""

    id: Slug
    name: LocalText
    theatre: Theatre
    when: WhenField
    sides: Annotated[
        list[Annotated[list[HolderCode], Field(min_length=1)]], Field(min_length=2, max_length=2)
    ]
    # Where the fighting was: only edges inside this area are drawn as this war's front (the
    # French also held Zonguldak, where no front ran). Anchored like any geometry.
    region: GeometrySpec | None = None
    sources: Sources
    note: Note | None = None

    @model_validator(mode="after")
    def _two_sides(self) -> War:
        shared = set(self.sides[0]) & set(self.sides[1])
        if shared:
            raise ValueError(f"a holder cannot be on both sides: {', '.join(sorted(shared))}")
        return self
