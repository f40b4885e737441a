"""Fixed vocabularies: event categories, territory kinds, theatres, certainty, languages."""

from __future__ import annotations

from typing import Literal, get_args

from mmatlas.core.lang import Lang

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

# Display names and a marker colour per category (ColorBrewer, distinct from holder colours
# because markers sit on top of filled territories).
CATEGORY_STYLE: dict[str, tuple[str, str, str]] = {
    "battle": ("Muharebe", "Battle", "#67001f"),
    "military": ("Askerî harekât", "Military operation", "#d6604d"),
    "treaty": ("Antlaşma", "Treaty", "#053061"),
    "conference": ("Konferans", "Conference", "#4393c3"),
    "congress": ("Kongre", "Congress", "#1b7837"),
    "diplomacy": ("Diplomasi", "Diplomacy", "#762a83"),
    "occupation": ("İşgal", "Occupation", "#252525"),
    "evacuation": ("Tahliye", "Evacuation", "#5aae61"),
    "political": ("Siyasi gelişme", "Political", "#e08214"),
    "journey": ("Yolculuk", "Journey", "#8c510a"),
}


def category_name(category: str, lang: Lang) -> str:
    """A category as the legend and the layer panel name it."""
    turkish, english, _ = CATEGORY_STYLE[category]
    return turkish if lang == "tr" else english


# How much weight a cited work carries, shown with every citation so a reader can grade it.
WORK_KIND_NAMES: dict[str, tuple[str, str]] = {
    "primary": ("birincil kaynak", "primary source"),
    "scholarly": ("bilimsel yayın", "scholarly work"),
    "reference": ("başvuru eseri", "reference work"),
    "press": ("basın", "press"),
    "web": ("web sayfası", "web page"),
}


def work_kind_name(kind: str, lang: Lang) -> str:
    turkish, english = WORK_KIND_NAMES[kind]
    return turkish if lang == "tr" else english
