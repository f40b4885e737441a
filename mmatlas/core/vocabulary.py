"""Fixed vocabularies: event categories, territory kinds, theatres, certainty, languages."""

from __future__ import annotations

from typing import Literal, get_args

from mmatlas.core.lang import Lang
from mmatlas.core.messages import message

Category = Literal[
    "battle",
    "military",
    "treaty",
    "conference",
    "congress",
    "diplomacy",
    "occupation",
    "evacuation",
    "political",
    "journey",
]
# Areas of control are not drawn by hand: they are derived from the control ledger (geo/control/).
TerritoryKind = Literal["claim", "treaty_zone", "line"]
Theatre = Literal["western", "eastern", "southern"]

CATEGORIES: tuple[str, ...] = get_args(Category)

# A marker colour per category (ColorBrewer, distinct from holder colours because markers sit on
# top of filled areas); the names are in the message catalogues (category_…).
CATEGORY_COLOUR: dict[str, str] = {
    "battle": "#67001f",
    "military": "#d6604d",
    "treaty": "#053061",
    "conference": "#4393c3",
    "congress": "#1b7837",
    "diplomacy": "#762a83",
    "occupation": "#252525",
    "evacuation": "#5aae61",
    "political": "#e08214",
    "journey": "#8c510a",
}


def category_name(category: str, lang: Lang) -> str:
    """A category as the legend and the layer panel name it."""
    return message(f"category_{category}", lang)


def work_kind_name(kind: str, lang: Lang) -> str:
    """How much weight a cited work carries, shown with every citation so a reader can grade it."""
    return message(f"work_kind_{kind}", lang)
