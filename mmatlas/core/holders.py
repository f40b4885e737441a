"""The fixed vocabulary of holders: who controls, claims or was awarded an area.

One code, one colour, one Turkish and one English name, so legends, exports and queries agree.
Colours are the Tableau 10 palette, chosen to stay distinct for the common colour-vision
deficiencies when shown as filled areas with labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from mmatlas.core.lang import Lang


@dataclass(frozen=True)
class Holder:
    code: str
    tr: str
    en: str
    colour: str

    def name(self, lang: Lang) -> str:
        return self.tr if lang == "tr" else self.en

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
        Holder("ankara", "Ankara Hükûmeti (TBMM)", "Ankara government (GNA)", "#d62728"),
        Holder("istanbul", "İstanbul Hükûmeti (Osmanlı)", "İstanbul (Ottoman) government", "#bcbd22"),
        Holder("greece", "Yunanistan", "Greece", "#1f77b4"),
        Holder("france", "Fransa", "France", "#9467bd"),
        Holder("italy", "İtalya", "Italy", "#2ca02c"),
        Holder("britain", "Britanya", "Britain", "#8c564b"),
        Holder("allied", "İtilaf Devletleri", "Allied Powers", "#7f7f7f"),
        Holder("armenia", "Ermenistan", "Armenia", "#ff7f0e"),
        Holder("georgia", "Gürcistan", "Georgia", "#17becf"),
        Holder(
            "soviet", "Sovyet Rusya ve Sovyet cumhuriyetleri", "Soviet Russia and Soviet republics", "#e377c2"
        ),
        # Before the Assembly opened (23 April 1920): the armed resistance and the Representative
        # Committee, in a lighter shade of the Ankara government's red.
        Holder(
            "national",
            "Millî kuvvetler (Kuva-yı Milliye, Heyet-i Temsiliye)",
            "Turkish national forces (Kuva-yi Milliye, Representative Committee)",
            "#ff9896",
        ),
        Holder("azerbaijan", "Azerbaycan Cumhuriyeti", "Azerbaijan Democratic Republic", "#c5b0d5"),
        # Context beyond the theatre: muted colours, so the war's holders stand out.
        Holder("persia", "İran (Kaçar)", "Persia (Qajar)", "#dbdb8d"),
        Holder("bulgaria", "Bulgaristan", "Bulgaria", "#9edae5"),
        Holder("arab", "Suriye Arap Krallığı (Faysal)", "Arab Kingdom of Syria (Faisal)", "#f7b6d2"),
        # Short-lived local governments, e.g. the South-West Caucasus Republic at Kars (1918–1919).
        Holder("local", "Yerel yönetimler", "Local governments", "#c7c7c7"),
    )
}
