"""The tour as a slide deck (PPTX): a title slide, one slide per stop, a closing sources slide.

Each slide has a map picture and speaker notes. Titles sit in the layouts' title placeholders so
outline views and screen readers find them. The file is byte-identical for the same input: fixed
document dates and fixed times inside the zip.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang
from mmatlas.core.records import Work
from mmatlas.core.vocabulary import work_kind_name
from mmatlas.render.i18n import day_text, label
from mmatlas.render.slides.slide_images import StopImages

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
TITLE_ONLY, TITLE_SLIDE = 5, 0  # layouts of python-pptx's default template
GREY = RGBColor.from_string("555555")  # type: ignore[no-untyped-call]
# The zip's and the document's time: fixed, so the same tour gives the same bytes.
FIXED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)

TEXT = {
    "tr": {
        "subtitle": "Ders turu: {count} durak, {first} – {last}",
        "on_map": "Haritada",
        "notes_hint": "Kaynaklar konuşmacı notlarında.",
        "atlas": "Atlasta bu an: index.html#{date}",
        "sources_title": "Kaynaklar",
        "sources_intro": "Bu sunumdaki haritalarda görünen olay, alan ve cephelerin kaynakları:",
        "title_notes": "Duraklar:",
        "made": "build_maps.py export ile katalogdan üretildi; haritalar output/slides/ klasöründe.",
    },
    "en": {
        "subtitle": "Lecture tour: {count} stops, {first} – {last}",
        "on_map": "On the map",
        "notes_hint": "Sources in the speaker notes.",
        "atlas": "This moment in the atlas: index.html#{date}",
        "sources_title": "Sources",
        "sources_intro": "Sources of the events, areas and fronts drawn on this deck's maps:",
        "title_notes": "Stops:",
        "made": "Made from the catalogue by build_maps.py export; the maps are in output/slides/.",
    },
}


def tour_deck(
    catalogue: Catalogue,
    stops: Sequence[StopImages],
    *,
    lang: Lang,
    tour_png: bytes,
    catalogue_png: bytes,
) -> bytes:
    """The deck as PPTX bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, stops, lang, tour_png)
    for images in stops:
        _stop_slide(deck, images, lang)
    _sources_slide(deck, catalogue, stops, lang, catalogue_png)
    properties = deck.core_properties
    properties.title = label("title", lang)
    properties.subject = label("stops", lang)
    properties.author = properties.last_modified_by = label("title", lang)
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    properties.language = lang
    buffer = io.BytesIO()
    deck.save(buffer)
    return _with_fixed_times(buffer.getvalue())


def _title_slide(deck: Deck, stops: Sequence[StopImages], lang: Lang, png: bytes) -> None:
    text = TEXT[lang]
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_SLIDE])
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    _place(title, 0.5, 0.3, 12.3, 1.0)
    title.text_frame.text = label("title", lang)
    _place(subtitle, 0.5, 1.3, 12.3, 0.6)
    dates = [images.placed.stop.date for images in stops]
    subtitle.text_frame.text = text["subtitle"].format(
        count=len(stops),
        first=day_text(min(dates), lang) if dates else "",
        last=day_text(max(dates), lang) if dates else "",
    )
    _picture(slide, png, left=2.3, top=2.05, width=8.7)
    lines = [text["title_notes"]]
    lines += [
        f"{images.number}. {day_text(images.placed.stop.date, lang)}: {images.placed.stop.title.get(lang)}"
        for images in stops
    ]
    _notes(slide, [*lines, "", text["made"]])


def _stop_slide(deck: Deck, images: StopImages, lang: Lang) -> None:
    text = TEXT[lang]
    stop = images.placed.stop
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    title = slide.shapes.title
    assert title is not None  # the Title Only layout has one
    _place(title, 0.35, 0.2, 12.6, 1.0)
    _title_text(title, f"{day_text(stop.date, lang)} — {stop.title.get(lang)}")
    _picture(slide, images.slide_png, left=0.35, top=1.35, width=9.4)
    box = slide.shapes.add_textbox(Inches(9.95), Inches(1.35), Inches(3.05), Inches(5.6))
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = stop.caption.get(lang)
    frame.paragraphs[0].runs[0].font.size = Pt(17)
    if images.events:
        _paragraph(frame, text["on_map"], 12, bold=True, space_before=10)
        for when, event_title in images.events[:6]:
            _paragraph(frame, f"{when}: {event_title}", 11)
    _paragraph(frame, text["notes_hint"], 10, colour=GREY, space_before=10)
    notes = [stop.caption.get(lang), "", text["atlas"].format(date=stop.date.isoformat())]
    if images.events:
        notes += ["", f"{text['on_map']}:", *(f"- {when}: {t}" for when, t in images.events)]
    notes += ["", f"{label('sources', lang)}:", *(f"- {citation}" for citation in images.citations)]
    _notes(slide, notes)


def _sources_slide(deck: Deck, catalogue: Catalogue, stops: Sequence[StopImages], lang: Lang,
                   png: bytes) -> None:  # fmt: skip
    """The works behind the deck's maps, short on the slide and in full in the notes."""
    text = TEXT[lang]
    citations = sorted({citation for images in stops for citation in images.citations})
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    title = slide.shapes.title
    assert title is not None
    _place(title, 0.35, 0.2, 12.6, 1.0)
    _title_text(title, text["sources_title"])
    _picture(slide, png, left=0.35, top=1.35, width=4.6)
    intro = slide.shapes.add_textbox(Inches(0.35), Inches(4.1), Inches(4.6), Inches(1.2))
    intro.text_frame.word_wrap = True
    intro.text_frame.text = text["sources_intro"]
    intro.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    refs = {ref for images in stops for ref in images.works if ref in catalogue.works}
    # The kind first: cutting a long title never hides how much a work weighs, and the works
    # of one kind stand together.
    works = sorted(_work_line(catalogue.works[ref], lang) for ref in refs)
    works.append("Natural Earth (public domain); GeoNames (CC BY 4.0)")
    # One line per work in up to two columns of 5.6 inches' height: the font shrinks to fit and
    # long titles are cut with an ellipsis (the notes give them in full).
    columns = 1 if len(works) <= 18 else 2
    per_column = -(-len(works) // columns)
    size = max(6, min(12, int(5.6 * 72 / 1.25 / per_column)))
    width = 7.9 / columns
    characters = int(width * 72 / (size * 0.6))
    for column in range(columns):
        left = 5.15 + column * width
        box = slide.shapes.add_textbox(Inches(left), Inches(1.35), Inches(width - 0.1), Inches(5.8))
        frame = box.text_frame
        frame.word_wrap = False
        for index, work in enumerate(works[column * per_column : (column + 1) * per_column]):
            shown = work if len(work) <= characters else work[: characters - 1].rstrip() + "…"
            if index == 0:
                frame.text = shown
                frame.paragraphs[0].runs[0].font.size = Pt(size)
            else:
                _paragraph(frame, shown, size)
    _notes(slide, [text["sources_intro"], *(f"- {citation}" for citation in citations), "", text["made"]])


def _title_text(title: object, text: str) -> None:
    """A title on one line above the map: the longer the title, the smaller the type."""
    frame = title.text_frame  # type: ignore[attr-defined]
    frame.text = text
    frame.paragraphs[0].runs[0].font.size = Pt(30 if len(text) <= 48 else 26 if len(text) <= 60 else 21)


def _place(shape: object, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top = Inches(left), Inches(top)  # type: ignore[attr-defined]
    shape.width, shape.height = Inches(width), Inches(height)  # type: ignore[attr-defined]


def _picture(slide: Slide, png: bytes, *, left: float, top: float, width: float) -> None:
    slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), width=Emu(Inches(width)))


def _paragraph(
    frame: object, text: str, size: int, *, bold: bool = False, colour: RGBColor | None = None,
    space_before: int = 0,
) -> None:  # fmt: skip
    paragraph = frame.add_paragraph()  # type: ignore[attr-defined]
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    if space_before:
        paragraph.space_before = Pt(space_before)


def _work_line(work: Work, lang: Lang) -> str:
    kind = f"[{work_kind_name(work.kind, lang)}] " if work.kind else ""
    return f"{kind}{work.short()}. {work.title}"


def _notes(slide: Slide, lines: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)  # type: ignore[union-attr]


def _with_fixed_times(pptx: bytes) -> bytes:
    """The same zip with every entry dated FIXED_TIME: python-pptx stamps the time of saving."""
    source = zipfile.ZipFile(io.BytesIO(pptx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()
