"""The fixed vocabulary of holders: who controls, claims or was awarded an area.

One code, one colour, one Turkish and one English name, so legends, exports and queries agree.
Colours are the Tableau 10 palette, chosen to stay distinct for the common colour-vision
deficiencies when shown as filled areas with labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Holder:
    code: str
    tr: str
    en: str
    colour: str

    def name(self, lang: Literal["tr", "en"]) -> str:
        return self.tr if lang == "tr" else self.en


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
    )
}
