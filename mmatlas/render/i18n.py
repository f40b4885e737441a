"""Interface text in Turkish and English, and dates written out for people."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, get_month_names

from mmatlas.core.dates import When
from mmatlas.core.lang import LANGS, Lang

# Month names from the Unicode CLDR (via Babel), in each page's language: the page's time control
# and every date the Python side words use the same list.
MONTHS: dict[Lang, list[str]] = {
    lang: [get_month_names("wide", context="format", locale=lang)[m] for m in range(1, 13)] for lang in LANGS
}
SEASONS = {
    "tr": {"21": "İlkbahar", "22": "Yaz", "23": "Sonbahar", "24": "Kış"},
    "en": {"21": "Spring", "22": "Summer", "23": "Autumn", "24": "Winter"},
}

LABELS: dict[str, dict[Lang, str]] = {
    "title": {
        "tr": "Millî Mücadele Atlası 1919–1923",
        "en": "Atlas of the Turkish National Struggle 1919–1923",
    },
    "date": {"tr": "Tarih", "en": "Date"},
    "compare_title": {
        "tr": "Millî Mücadele Atlası: iki tarih yan yana",
        "en": "Atlas of the Turkish National Struggle: two dates side by side",
    },
    "year_title": {"tr": "Millî Mücadele Atlası: {}", "en": "Atlas of the Turkish National Struggle: {}"},
    "places": {"tr": "Yerler", "en": "Places"},
    "actors": {"tr": "Aktörler", "en": "Actors"},
    "sources": {"tr": "Kaynaklar", "en": "Sources"},
    "holder": {"tr": "Denetleyen", "en": "Held by"},
    "kind": {"tr": "Tür", "en": "Kind"},
    "precision": {"tr": "Konum doğruluğu", "en": "Position accuracy"},
    "certainty": {"tr": "Güvenilirlik", "en": "Certainty"},
    "note": {"tr": "Not", "en": "Note"},
    "sides": {"tr": "Taraflar", "en": "Sides"},
    "disagree": {"tr": "Kaynaklar tarihte ayrışıyor", "en": "Sources disagree on the date"},
    "layer_control": {"tr": "Denetim alanları", "en": "Areas of control"},
    "layer_zones": {"tr": "İddialar ve antlaşma bölgeleri", "en": "Claims and treaty zones"},
    "layer_fronts": {"tr": "Cepheler", "en": "Fronts"},
    "layer_events": {"tr": "Olaylar", "en": "Events"},
    "layer_lines": {"tr": "Antlaşma ve ateşkes hatları", "en": "Treaty and armistice lines"},
    "layer_labels": {"tr": "Yer adları (dönemin adıyla)", "en": "Place names (as then)"},
    "layer_relief": {"tr": "Kabartma (yalnız çevrimiçi)", "en": "Relief (online only)"},
    "theatre_western": {"tr": "Batı Cephesi", "en": "Western front"},
    "theatre_eastern": {"tr": "Doğu Cephesi", "en": "Eastern front"},
    "theatre_southern": {"tr": "Güney Cephesi", "en": "Southern front"},
    "group_areas": {"tr": "Alanlar ve hatlar", "en": "Areas and lines"},
    "group_fronts": {"tr": "Cepheler", "en": "Fronts"},
    "group_events": {"tr": "Olaylar", "en": "Events"},
    "group_base": {"tr": "Harita", "en": "Map"},
    "layers": {"tr": "Katmanlar", "en": "Layers"},
    "search": {"tr": "Yer ya da olay ara", "en": "Search places and events"},
    "no_results": {"tr": "Sonuç yok", "en": "No results"},
    "stops": {"tr": "Ders durakları", "en": "Lecture stops"},
    "prev_stop": {"tr": "Önceki durak", "en": "Previous stop"},
    "next_stop": {"tr": "Sonraki durak", "en": "Next stop"},
    "prev_month": {"tr": "Bir ay geri", "en": "One month back"},
    "next_month": {"tr": "Bir ay ileri", "en": "One month on"},
    "keys": {
        "tr": "Klavye: ←/→ önceki/sonraki olay, Shift+←/→ bir ay, boşluk oynat/durdur",
        "en": "Keys: ←/→ previous/next event, Shift+←/→ one month, space play/pause",
    },
    "legend": {"tr": "Lejant", "en": "Legend"},
    "legend_fuzzy": {
        "tr": "Soluk/kesikli: tarihi ya da konumu kesin değil",
        "en": "Faded/dashed: date or position not exact",
    },
    "play": {"tr": "Oynat", "en": "Play"},
    "pause": {"tr": "Durdur", "en": "Pause"},
    "prev_event": {"tr": "Önceki olay", "en": "Previous event"},
    "next_event": {"tr": "Sonraki olay", "en": "Next event"},
    "slider": {"tr": "Tarih seçici", "en": "Date slider"},
    "today": {"tr": "bugün", "en": "today"},
    "km": {"tr": "±{} km", "en": "±{} km"},
    "certainty_high": {"tr": "yüksek", "en": "high"},
    "certainty_medium": {"tr": "orta", "en": "medium"},
    "certainty_low": {"tr": "düşük", "en": "low"},
    "kind_control": {"tr": "fiilî denetim", "en": "de facto control"},
    "kind_claim": {"tr": "iddia", "en": "claim"},
    "kind_treaty_zone": {"tr": "antlaşma bölgesi", "en": "treaty zone"},
    "kind_line": {"tr": "antlaşma/ateşkes hattı", "en": "treaty or armistice line"},
    "since": {"tr": "Şu tarihten beri", "en": "Since"},
    "since_start": {"tr": "30 Ekim 1918 (Mondros)", "en": "30 October 1918 (Mudros)"},
    "no_holder": {
        "tr": "Bu tarihte denetim defterinin dışında",
        "en": "Outside the control ledger's span on this day",
    },
    "cell_of": {"tr": "kasabanın hücresi", "en": "the town's cell"},
    "timeline": {"tr": "Kimin elinde", "en": "Who held it"},
    "derived_front_note": {
        "tr": "Savaşan tarafların denetim alanlarının birbirine değdiği hat (denetim defterinden türetildi).",
        "en": "Where the areas of the two sides at war met (derived from the control ledger).",
    },
    "control_title": {"tr": "{} denetimindeki yerler", "en": "Held by {}"},
    "derived_front": {"tr": "{} (denetim defterinden)", "en": "{} (from the control ledger)"},
    "cell_precision": {
        "tr": "±{} km (ortanca hücre), en çok ±{} km",
        "en": "±{} km (median cell), at most ±{} km",
    },
    "approximate": {"tr": "yaklaşık", "en": "approximate"},
    "uncertain": {"tr": "belirsiz", "en": "uncertain"},
}


def label(key: str, lang: Lang) -> str:
    return LABELS[key][lang]


def day_text(day: dt.date, lang: Lang) -> str:
    """`1920-12-03` → `3 Aralık 1920` / `3 December 1920`."""
    return str(format_date(day, "d MMMM y", locale=lang))


def when_text(when: When, lang: Lang) -> str:
    """What an EDTF string means, in words: `1920-23` → `Sonbahar 1920 (1 Eylül – 30 Kasım 1920)`."""
    digits = when.text.rstrip("?~%")
    if when.precision == "day":
        words = day_text(when.start, lang)
    elif when.precision == "month":
        words = str(format_date(when.start, "MMMM y", locale=lang))
    elif when.precision == "year":
        words = str(when.start.year)
    elif when.precision == "season":
        span = f"{day_text(when.start, lang)} – {day_text(when.end, lang)}"
        words = f"{SEASONS[lang][digits[5:7]]} {when.start.year} ({span})"
    else:
        words = f"{day_text(when.start, lang)} – {day_text(when.end, lang)}"
    hedges = [
        label(k, lang) for k, on in (("approximate", when.approximate), ("uncertain", when.uncertain)) if on
    ]
    return f"{words} ({', '.join(hedges)})" if hedges else words
