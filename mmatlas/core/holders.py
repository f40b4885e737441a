"""The fixed vocabulary of holders: who controls, claims or was awarded an area.

One code, one colour and a name in each message catalogue, so legends, exports and queries agree.
Colours are the Tableau 10 palette, chosen to stay distinct for the common colour-vision
deficiencies when shown as filled areas with labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from mmatlas.core.lang import Lang
from mmatlas.core.messages import message


@dataclass(frozen=True)
class Holder:
    code: str
    colour: str

    def name(self, lang: Lang) -> str:
        """In the message catalogues (holder_…)."""
        return message(f"holder_{self.code}", lang)

    @property
    def fill(self) -> str:
        """The colour of a held area: the holder's colour at 55 % over the land."""
        return blend(self.colour, LAND, SOLID)

    @property
    def faint(self) -> str:
        """The colour of an area whose date of change is not exact: at 30 % over the land."""
        return blend(self.colour, LAND, FAINT)


# Areas are drawn opaque, as their colour blended over the land: neighbouring cells of one
# holder then join without seams, in the atlas and on the slides alike.
LAND = "#efe9dc"
SOLID, FAINT = 0.55, 0.3


def blend(colour: str, under: str, alpha: float) -> str:
    """`colour` laid at `alpha` over `under`, as a #rrggbb colour."""
    top = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    bottom = [int(under[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(alpha * t + (1 - alpha) * b) for t, b in zip(top, bottom, strict=True)]
    return "#" + "".join(f"{v:02x}" for v in mixed)


HOLDERS: dict[str, Holder] = {
    h.code: h
    for h in (
        Holder("ankara", "#d62728"),
        Holder("istanbul", "#bcbd22"),
        Holder("greece", "#1f77b4"),
        Holder("france", "#9467bd"),
        Holder("italy", "#2ca02c"),
        Holder("britain", "#8c564b"),
        Holder("allied", "#7f7f7f"),
        Holder("armenia", "#ff7f0e"),
        Holder("georgia", "#17becf"),
        Holder("soviet", "#e377c2"),
        # Before the Assembly opened (23 April 1920): the armed resistance and the Representative
        # Committee, in a lighter shade of the Ankara government's red.
        Holder("national", "#ff9896"),
        Holder("azerbaijan", "#c5b0d5"),
        # Context beyond the theatre: muted colours, so the war's holders stand out.
        Holder("persia", "#dbdb8d"),
        Holder("bulgaria", "#9edae5"),
        Holder("arab", "#f7b6d2"),
        # Short-lived local governments, e.g. the South-West Caucasus Republic at Kars (1918–1919).
        Holder("local", "#c7c7c7"),
    )
}
