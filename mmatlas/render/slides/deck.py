"""The tour as a slide deck (PPTX): a title slide, one slide per stop, closing sources slides.

Each slide has a map picture, described for screen readers, and speaker notes. Titles sit in
the layouts' title placeholders so outline views and screen readers find them. The file is
byte-identical for the same input: fixed document dates and fixed times inside the zip.
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
from mmatlas.core.text import printable, shortened
from mmatlas.core.vocabulary import work_kind_name
from mmatlas.render.i18n import day_text, label
from mmatlas.render.slides.slide_images import StopImages

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
TITLE_ONLY, TITLE_SLIDE = 5, 0  # layouts of python-pptx's default template
# Projected at 1280 × 720, a point is 1.33 pixels: body text of 14 pt is about 19 pixels high.
CAPTION_PT, BODY_PT = 18, 14
MAP_INCHES = 9.4  # the stop map's width on the 13.33-inch slide: its type is sized for this
SOURCES_LINES = 23  # lines of 14 pt a sources slide holds under its title
GREY = RGBColor.from_string("555555")  # type: ignore[no-untyped-call]
# The zip's and the document's time: fixed, so the same tour gives the same bytes.
FIXED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)

TEXT = {
    "tr": {
        "subtitle": "Ders turu: {count} durak, {first} – {last}",
        "on_map": "Haritada",
        "atlas": "Atlasta bu an: index.html#{date}",
        "sources_title": "Kaynaklar",
        "sources_intro": "Bu sunumdaki haritalarda görünen olay, alan ve cephelerin kaynakları:",
        "title_notes": "Duraklar:",
        "more": "ve {count} olay daha (notlarda)",
        "behind": "Alanların, hatların ve cephelerin dayandığı {count} eser daha: handout.pdf'te, notlarda.",
        "tour_alt": "Harita: ders turunun {count} durağı, her biri olayın geçtiği yerde numaralı.",
        "catalogue_alt": "Harita: katalogdaki {count} olay, geçtikleri yerlerde, türlerine göre renkli.",
        "made": "build_maps.py export ile katalogdan üretildi; haritalar output/slides/ klasöründe.",
    },
    "en": {
        "subtitle": "Lecture tour: {count} stops, {first} – {last}",
        "on_map": "On the map",
        "atlas": "This moment in the atlas: index.html#{date}",
        "sources_title": "Sources",
        "sources_intro": "Sources of the events, areas and fronts drawn on this deck's maps:",
        "title_notes": "Stops:",
        "more": "and {count} more (in the notes)",
        "behind": "{count} more works behind the areas, lines and fronts: in handout.pdf and the notes.",
        "tour_alt": "Map: the tour's {count} stops, each numbered where its event happened.",
        "catalogue_alt": "Map: the catalogue's {count} events where they happened, coloured by kind.",
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
    title: str | None = None,
    subtitle: str | None = None,
) -> bytes:
    """The deck as PPTX bytes; `title` and `subtitle` (the lecturer's) default to the atlas's
    title and a line giving the number of stops and their dates."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    title = printable(title) if title else label("title", lang)
    _title_slide(deck, stops, lang, tour_png, title, printable(subtitle) if subtitle else None)
    for images in stops:
        _stop_slide(deck, images, lang)
    _sources_slides(deck, catalogue, stops, lang, catalogue_png)
    properties = deck.core_properties
    properties.title = title
    properties.subject = label("stops", lang)
    properties.author = properties.last_modified_by = label("title", lang)
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    properties.language = lang
    buffer = io.BytesIO()
    deck.save(buffer)
    return _with_fixed_times(buffer.getvalue())


def _title_slide(
    deck: Deck, stops: Sequence[StopImages], lang: Lang, png: bytes, title: str, subtitle: str | None
) -> None:
    """Title, subtitle and the tour's map, one under the other: nothing overlaps."""
    text = TEXT[lang]
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_SLIDE])
    heading, under = slide.placeholders[0], slide.placeholders[1]
    _place(heading, 0.5, 0.25, 12.3, 1.2)
    heading.text_frame.text = title
    heading.text_frame.word_wrap = True
    _size(heading.text_frame, 36 if len(title) <= 45 else 28)
    _place(under, 0.5, 1.5, 12.3, 0.75)
    dates = [images.placed.stop.date for images in stops]
    under.text_frame.text = subtitle or text["subtitle"].format(
        count=len(stops),
        first=day_text(min(dates), lang) if dates else "",
        last=day_text(max(dates), lang) if dates else "",
    )
    under.text_frame.word_wrap = True
    _size(under.text_frame, 22 if len(under.text_frame.text) <= 70 else 18)
    # The map in the room left under them, its proportions kept (the overview is 16:9).
    top, bottom = 2.4, 7.3
    width = (bottom - top) * 16 / 9
    _picture(slide, png, left=(13.333 - width) / 2, top=top, width=width,
             description=text["tour_alt"].format(count=len(stops)), name="tour-overview")  # fmt: skip
    lines = [text["title_notes"]]
    for images in stops:
        stop = images.placed.stop
        lines.append(f"{images.number}. {day_text(stop.date, lang)}: {printable(stop.title.get(lang))}")
    _notes(slide, [*lines, "", text["made"]])


def _stop_slide(deck: Deck, images: StopImages, lang: Lang) -> None:
    """The date and title as the slide's title, the map (without its own title) at the left,
    the caption and the events shown at the right, in type a projector carries."""
    text = TEXT[lang]
    stop = images.placed.stop
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    title = slide.shapes.title
    assert title is not None  # the Title Only layout has one
    _place(title, 0.35, 0.15, 12.6, 1.15)
    _title_text(title, f"{day_text(stop.date, lang)} — {printable(stop.title.get(lang))}")
    _picture(slide, images.slide_png, left=0.35, top=1.4, width=MAP_INCHES,
             description=images.description, name=f"map-{images.stem}")  # fmt: skip
    box = slide.shapes.add_textbox(Inches(9.95), Inches(1.4), Inches(3.1), Inches(5.8))
    frame = box.text_frame
    frame.word_wrap = True
    caption = printable(stop.caption.get(lang))
    frame.text = caption
    frame.paragraphs[0].runs[0].font.size = Pt(CAPTION_PT)
    # As many events as the box holds below the caption (about 30 characters a line at 14 pt).
    room = 5.8 * 72 / (BODY_PT * 1.2) - _lines(caption, 24) * CAPTION_PT / BODY_PT - 3
    if images.events:
        _paragraph(frame, text["on_map"], BODY_PT, bold=True, space_before=8)
        shown = 0
        for when, event_title in images.events:
            needed = _lines(f"{when}: {event_title}", 30)
            if needed > room - 1 and shown < len(images.events):
                break
            _paragraph(frame, f"{when}: {event_title}", BODY_PT)
            room -= needed
            shown += 1
        if shown < len(images.events):
            _paragraph(frame, text["more"].format(count=len(images.events) - shown), BODY_PT, colour=GREY)
    notes = [caption, "", text["atlas"].format(date=stop.date.isoformat()), "", images.description]
    if images.events:
        notes += ["", f"{text['on_map']}:", *(f"- {when}: {t}" for when, t in images.events)]
    notes += ["", f"{label('sources', lang)}:", *(f"- {citation}" for citation in images.citations)]
    _notes(slide, notes)


def _lines(text: str, per_line: int) -> int:
    """About how many lines `text` takes at `per_line` characters a line."""
    return max(1, -(-len(text) // per_line))


def _sources_slides(deck: Deck, catalogue: Catalogue, stops: Sequence[StopImages], lang: Lang,
                    png: bytes) -> None:  # fmt: skip
    """The works behind the deck's maps, each in full, on as many slides as they need (the first
    with the catalogue's map); every citation with its pages in the notes."""
    text = TEXT[lang]
    citations = sorted({citation for images in stops for citation in images.citations})
    # The works of the events shown, each in full, the kind first (the works of one kind stand
    # together); those behind the areas, lines and fronts (the control ledger cites a great many)
    # are counted here, given in full in the handout and, with their pages, in the notes.
    refs = {ref for images in stops for ref in images.event_works if ref in catalogue.works}
    behind = {ref for images in stops for ref in images.works if ref in catalogue.works} - refs
    works = sorted(_work_line(catalogue.works[ref], lang) for ref in refs)
    if behind:
        works.append(text["behind"].format(count=len(behind)))
    works.append("Natural Earth (public domain); GeoNames (CC BY 4.0)")
    pages: list[list[str]] = [[]]
    room = SOURCES_LINES - _lines(text["sources_intro"], 60)  # the first slide: beside the map
    per_line = 62
    for work in works:
        needed = _lines(work, per_line)
        if needed > room and pages[-1]:
            pages.append([])
            room, per_line = SOURCES_LINES, 125  # later slides: the whole width
        pages[-1].append(work)
        room -= needed
    for number, page in enumerate(pages, start=1):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        title = slide.shapes.title
        assert title is not None
        _place(title, 0.35, 0.15, 12.6, 1.15)
        suffix = f" ({number}/{len(pages)})" if len(pages) > 1 else ""
        _title_text(title, text["sources_title"] + suffix)
        left, width = 0.35, 12.6
        if number == 1:
            _picture(slide, png, left=0.35, top=1.4, width=4.6, description=text["catalogue_alt"].format(
                count=len(catalogue.events)), name="catalogue-overview")  # fmt: skip
            intro = slide.shapes.add_textbox(Inches(0.35), Inches(4.15), Inches(4.6), Inches(1.6))
            intro.text_frame.word_wrap = True
            intro.text_frame.text = text["sources_intro"]
            intro.text_frame.paragraphs[0].runs[0].font.size = Pt(BODY_PT)
            left, width = 5.15, 7.8
        box = slide.shapes.add_textbox(Inches(left), Inches(1.4), Inches(width), Inches(5.9))
        frame = box.text_frame
        frame.word_wrap = True
        for index, work in enumerate(page):
            if index == 0:
                frame.text = work
                frame.paragraphs[0].runs[0].font.size = Pt(BODY_PT)
            else:
                _paragraph(frame, work, BODY_PT)
        notes = [text["sources_intro"], *(f"- {citation}" for citation in citations), "", text["made"]]
        _notes(slide, notes if number == 1 else [text["sources_title"] + suffix, *page])


def _title_text(title: object, text: str) -> None:
    """A title above the map, on two lines rather than in type smaller than 24 pt."""
    frame = title.text_frame  # type: ignore[attr-defined]
    frame.text = shortened(text, 120)
    frame.word_wrap = True
    frame.paragraphs[0].runs[0].font.size = Pt(30 if len(text) <= 50 else 26 if len(text) <= 90 else 24)


def _size(frame: object, points: int) -> None:
    for paragraph in frame.paragraphs:  # type: ignore[attr-defined]
        for run in paragraph.runs:
            run.font.size = Pt(points)


def _place(shape: object, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top = Inches(left), Inches(top)  # type: ignore[attr-defined]
    shape.width, shape.height = Inches(width), Inches(height)  # type: ignore[attr-defined]


def _picture(
    slide: Slide, png: bytes, *, left: float, top: float, width: float, description: str, name: str
) -> None:
    """A picture with its alternative text (what screen readers say and PowerPoint's accessibility
    checker asks for) and a name that says what it is."""
    picture = slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), width=Emu(Inches(width)))
    properties = picture._element.nvPicPr.cNvPr  # type: ignore[union-attr]
    properties.set("descr", printable(description))
    properties.set("name", name)


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
    return printable(f"{kind}{work.short()}. {work.title}")


def _notes(slide: Slide, lines: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = printable("\n".join(lines))  # type: ignore[union-attr]


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
