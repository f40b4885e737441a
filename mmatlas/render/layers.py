"""The one list of the map's layers: what each selects, where it sits, its name and its outline.

The atlas's layer panel, the keys a lecture stop may switch on, the slides' drawing and legend and
the animation all read this list: a new layer kind is one entry here (and its name in each message catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mmatlas.core.lang import Lang
from mmatlas.render.i18n import label

Group = Literal["areas", "fronts", "events", "base"]
SlideStyle = Literal["-", "--", ":", "-."]
GROUPS: tuple[Group, ...] = ("areas", "fronts", "events", "base")


@dataclass(frozen=True)
class Outline:
    """How a claim, treaty zone or line is drawn: never filled like an area someone held."""

    dash: str  # SVG dash pattern on the page (Leaflet's dashArray)
    weight: float  # px on the page
    fill: bool  # a faint wash inside (zones), or none (lines)
    slide_style: SlideStyle  # matplotlib line style on slides
    slide_width: float  # pt on slides


# By territory kind. Areas of control are drawn from the ledger, not outlined.
OUTLINES: dict[str, Outline] = {
    "claim": Outline(dash="2 6", weight=2, fill=True, slide_style=":", slide_width=1.6),
    "treaty_zone": Outline(dash="8 4", weight=2, fill=True, slide_style=":", slide_width=1.6),
    # Dash-dot: a treaty line must not read as a treaty zone's edge.
    "line": Outline(dash="12 5 3 5", weight=3, fill=False, slide_style="--", slide_width=2.2),
}


@dataclass(frozen=True)
class Layer:
    key: str  # what stops' `layers:` and the page's panel use
    group: Group  # the heading it sits under in the atlas's layer panel
    name_key: str  # its name, a key of the message catalogues (core/messages/)
    shown: bool = True  # on when the atlas opens and in a stop that names no layers
    territory_kinds: tuple[str, ...] = ()  # the territories it draws
    theatre: str | None = None  # the fronts it draws (ledger-derived and curated)

    def name(self, lang: Lang) -> str:
        return label(self.name_key, lang)


LAYERS: tuple[Layer, ...] = (
    Layer("control", "areas", "layer_control"),
    Layer("zones", "areas", "layer_zones", shown=False, territory_kinds=("claim", "treaty_zone")),
    Layer("lines", "areas", "layer_lines", territory_kinds=("line",)),
    Layer("fronts-western", "fronts", "theatre_western", theatre="western"),
    Layer("fronts-eastern", "fronts", "theatre_eastern", theatre="eastern"),
    Layer("fronts-southern", "fronts", "theatre_southern", theatre="southern"),
    # One entry in a stop; one sub-layer per category in the atlas's panel.
    Layer("events", "events", "layer_events"),
    Layer("labels", "base", "layer_labels"),
)


def layer_keys() -> tuple[str, ...]:
    return tuple(layer.key for layer in LAYERS)


def default_keys() -> tuple[str, ...]:
    return tuple(layer.key for layer in LAYERS if layer.shown)


def territory_layers() -> tuple[Layer, ...]:
    return tuple(layer for layer in LAYERS if layer.territory_kinds)


def front_layers() -> tuple[Layer, ...]:
    return tuple(layer for layer in LAYERS if layer.theatre)
