"""The handout a lecturer prints for the class: `slides/handout.pdf`, A4 portrait.

A cover (title, subtitle, the stops and their dates), one page per stop (its number, title and
date, the map, the caption, the events shown, their sources in full), then every work cited.
Text is laid out by ReportLab in DejaVu Sans embedded as TrueType (the font matplotlib ships, so
every machine has it), so the Turkish text of the PDF copies, searches and reads aloud as written.
The same input gives the same bytes (ReportLab's invariant mode: no dates, no random ids).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang
from mmatlas.core.records import Work
from mmatlas.core.text import printable
from mmatlas.core.vocabulary import work_kind_name
from mmatlas.render.i18n import day_text, label
from mmatlas.render.slides.slide_images import StopImages

MARGIN = 16 * mm
TEXT = {
    "tr": {
        "subtitle": "Ders turu: {count} durak, {first} – {last}",
        "stops": "Duraklar",
        "on_map": "Haritada",
        "sources": "Kaynaklar",
        "works": "Bu notlarda anılan eserler",
        "more_works": "Alanların, hatların ve cephelerin dayandığı {count} eser daha: son sayfalarda.",
        "stop": "Durak {number}",
        "atlas": "Atlasta bu an: index.html#{date}",
        "page": "Sayfa {page}",
        "made": "Millî Mücadele Atlası'nın kataloğundan üretildi (build_maps.py slides).",
    },
    "en": {
        "subtitle": "Lecture tour: {count} stops, {first} – {last}",
        "stops": "Stops",
        "on_map": "On the map",
        "sources": "Sources",
        "works": "Works cited in this handout",
        "more_works": "{count} more works behind the areas, lines and fronts: on the last pages.",
        "stop": "Stop {number}",
        "atlas": "This moment in the atlas: index.html#{date}",
        "page": "Page {page}",
        "made": "Made from the catalogue of the Millî Mücadele atlas (build_maps.py slides).",
    },
}


@cache
def _fonts() -> tuple[str, str]:
    """DejaVu Sans and its bold, from matplotlib's own font folder, registered once."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
    # A page's initial font too, or ReportLab names Helvetica in every page (not embedded).
    rl_config.canvas_basefontname = "DejaVuSans"
    # Binary streams, not ASCII85 text: smaller, and ReportLab's pure-Python encoder is slow.
    rl_config.useA85 = 0
    return "DejaVuSans", "DejaVuSans-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, bulletFontName=regular, fontSize=10.5, leading=14)
    return {
        "body": body,
        "cover": ParagraphStyle(
            "cover", parent=body, fontName=bold, fontSize=26, leading=32, alignment=TA_CENTER
        ),
        "cover-sub": ParagraphStyle("cover-sub", parent=body, fontSize=14, leading=19, alignment=TA_CENTER),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=bold, fontSize=16, leading=20, spaceAfter=4
        ),
        "date": ParagraphStyle(
            "date", parent=body, fontSize=12, leading=16, textColor="#444444", spaceAfter=6
        ),
        "caption": ParagraphStyle(
            "caption", parent=body, fontSize=12, leading=16, spaceBefore=6, spaceAfter=6
        ),
        "section": ParagraphStyle(
            "section", parent=body, fontName=bold, fontSize=11, leading=15, spaceBefore=6
        ),
        "item": ParagraphStyle("item", parent=body, fontSize=10, leading=13, leftIndent=10, bulletIndent=0),
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=12, textColor="#555555"),
    }


def _text(value: str) -> str:
    """Text from the catalogue as ReportLab's markup shows it: as written, `<b>` and `&` too."""
    return escape(printable(value)).replace("\n", "<br/>")


def handout_pdf(
    catalogue: Catalogue,
    stops: Sequence[StopImages],
    *,
    lang: Lang,
    title: str | None = None,
    subtitle: str | None = None,
) -> bytes:
    """The handout as PDF bytes; `title`/`subtitle` default to the deck's."""
    words, styles = TEXT[lang], _styles()
    dates = [images.placed.stop.date for images in stops]
    title = printable(title) if title else label("title", lang)
    if subtitle is None:
        subtitle = words["subtitle"].format(
            count=len(stops),
            first=day_text(min(dates), lang) if dates else "",
            last=day_text(max(dates), lang) if dates else "",
        )
    story: list[Any] = _cover(stops, lang, title, printable(subtitle), styles)
    for images in stops:
        story += [PageBreak(), *_stop_page(catalogue, images, lang, styles)]
    story += [PageBreak(), *_works_pages(catalogue, stops, lang, styles)]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title, author=label("title", lang), subject=printable(subtitle), creator="build_maps.py slides",
        producer="build_maps.py slides", lang=lang, invariant=True,
    )  # fmt: skip

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(_fonts()[0], 8.5)
        canvas.setFillColor("#555555")
        canvas.drawString(MARGIN, MARGIN - 2 * mm, printable(title)[:90])
        canvas.drawRightString(A4[0] - MARGIN, MARGIN - 2 * mm, words["page"].format(page=doc.page))
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _cover(
    stops: Sequence[StopImages], lang: Lang, title: str, subtitle: str, styles: dict[str, ParagraphStyle]
) -> list[Any]:
    words = TEXT[lang]
    story: list[Any] = [
        Spacer(1, 40 * mm),
        Paragraph(_text(title), styles["cover"]),
        Spacer(1, 6 * mm),
        Paragraph(_text(subtitle), styles["cover-sub"]),
        Spacer(1, 16 * mm),
        Paragraph(_text(words["stops"]), styles["section"]),
    ]
    for images in stops:
        stop = images.placed.stop
        line = f"{images.number}. {day_text(stop.date, lang)} — {stop.title.get(lang)}"
        story.append(Paragraph(_text(line), styles["item"]))
    story += [Spacer(1, 10 * mm), Paragraph(_text(words["made"]), styles["small"])]
    return story


def _stop_page(
    catalogue: Catalogue, images: StopImages, lang: Lang, styles: dict[str, ParagraphStyle]
) -> list[Any]:
    """A stop's page: heading, map at the text width, caption, the events shown, the works behind
    the map (short: author and year). The heading, map and caption stay together."""
    words, stop = TEXT[lang], images.placed.stop
    width = A4[0] - 2 * MARGIN
    heading: list[Any] = [
        Paragraph(
            _text(f"{words['stop'].format(number=images.number)}: {stop.title.get(lang)}"), styles["heading"]
        ),
        Paragraph(_text(day_text(stop.date, lang)), styles["date"]),
    ]
    if images.slide_png:
        picture = Image(io.BytesIO(images.slide_png), width=width, height=width * 844 / 1500)
        picture.hAlign = "CENTER"
        heading.append(picture)
    heading.append(Paragraph(_text(stop.caption.get(lang)), styles["caption"]))
    story: list[Any] = [KeepTogether(heading)]
    if images.events:
        story.append(Paragraph(_text(words["on_map"]), styles["section"]))
        story += [
            Paragraph(_text(f"{when}: {title}"), styles["item"], bulletText="•")
            for when, title in images.events
        ]
    # The works of the events shown, short (author, year): a stop keeps to its page. Those behind
    # the areas, lines and fronts are counted here and given in full on the last pages.
    named = sorted({catalogue.works[ref].short() for ref in images.event_works if ref in catalogue.works})
    others = len(set(images.works) - set(images.event_works))
    if named or others:
        line = "; ".join(named) + ("." if named else "")
        if others:
            line += (" " if named else "") + words["more_works"].format(count=others)
        story.append(Paragraph(_text(words["sources"]), styles["section"]))
        story.append(Paragraph(_text(line), styles["item"]))
    story.append(Paragraph(_text(words["atlas"].format(date=stop.date.isoformat())), styles["small"]))
    return story


def _works_pages(
    catalogue: Catalogue, stops: Sequence[StopImages], lang: Lang, styles: dict[str, ParagraphStyle]
) -> list[Any]:
    """Every work behind the handout's maps, once each, in full, sorted; as many pages as they
    need. (The pages and passages each map relies on are in the deck's speaker notes.)"""
    refs = {ref for images in stops for ref in images.works if ref in catalogue.works}
    lines = sorted(work_line(catalogue.works[ref], lang) for ref in refs)
    lines.append("Natural Earth (public domain); GeoNames (CC BY 4.0).")
    story: list[Any] = [Paragraph(_text(TEXT[lang]["works"]), styles["heading"])]
    story += [Paragraph(_text(line), styles["item"], bulletText="•") for line in lines]
    return story


def work_line(work: Work, lang: Lang) -> str:
    """`Author (year). Title [kind]`: a work as a list of sources gives it."""
    kind = f" [{work_kind_name(work.kind, lang)}]" if work.kind else ""
    return f"{work.short()}. {work.title}{kind}"
