"""`build_maps.py slides` (alias `export`): stop images, deck and animation, as a user gets them.

The bundled tour is exported once through the real command; images are checked by their size and
pixel statistics and by the colour at known places on known days.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import GifImagePlugin, Image, ImageStat
from pptx import Presentation
from pptx.util import Inches

from mmatlas import cli
from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.holders import HOLDERS, LAND
from mmatlas.core.records import LocalText
from mmatlas.render.i18n import day_text
from mmatlas.render.slides.animation import FRAME_INCHES, month_ends
from mmatlas.render.slides.drawn_cache import DrawnCache
from mmatlas.render.slides.export import export_files
from mmatlas.render.slides.overview_maps import THEATRE_CENTRE, THEATRE_ZOOM
from mmatlas.render.slides.slide_images import stem
from mmatlas.render.slides.static_map import FIGSIZE, SEA, pixel_of
from mmatlas.render.stops import PlacedStop

KARS, IZMIR = (43.09495, 40.60199), (27.13838, 38.41273)  # GeoNames 743952, 311046


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python build_maps.py slides --out DIR`: the bundled tour, Turkish, 150 and 300 dpi."""
    out = tmp_path_factory.mktemp("export")
    assert cli.main(["slides", "--out", str(out)]) == 0
    return out / "slides"


def _stop(stops: Sequence[PlacedStop], stop_id: str) -> tuple[int, PlacedStop]:
    return next((n, s) for n, s in enumerate(stops, start=1) if s.stop.id == stop_id)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))


def _holder_at(image: Image.Image, pixel: tuple[int, int], radius: int) -> str:
    """The holder whose fill (full or faded) is nearest the commonest colour on a ring around a
    place: the place's own marker and label may cover the place itself, not the area around it."""
    x, y = pixel
    ring = [
        image.getpixel((x + dx, y + dy)) for dx in range(-radius, radius + 1, 2) for dy in (-radius, radius)
    ] + [image.getpixel((x + dx, y + dy)) for dy in range(-radius, radius + 1, 2) for dx in (-radius, radius)]
    seen = Counter(tuple(p[:3]) for p in ring if isinstance(p, tuple)).most_common(1)[0][0]
    fills = {
        (code, faint): _rgb(holder.faint if faint else holder.fill)
        for code, holder in HOLDERS.items()
        for faint in (False, True)
    }

    def distance(fill: tuple[float, ...]) -> float:
        return float(sum((a - b) ** 2 for a, b in zip(fill, seen, strict=True)) ** 0.5)

    (code, _), fill = min(fills.items(), key=lambda item: distance(item[1]))
    assert distance(fill) < 12, (seen, code)
    return code


def test_every_stop_is_exported_at_both_resolutions_and_as_svg_and_pdf(
    exported: Path, stops: list[PlacedStop]
) -> None:
    for number, placed in enumerate(stops, start=1):
        name = stem(number, placed)
        for dpi in (150, 300):
            with Image.open(exported / f"{name}-{dpi}dpi.png") as image:
                assert image.width == FIGSIZE[0] * dpi
                assert abs(image.height - FIGSIZE[1] * dpi) <= 1
                assert image.info.get("dpi", (0,))[0] == pytest.approx(dpi, abs=0.1)
        svg = ET.parse(exported / f"{name}.svg").getroot()
        assert svg.tag.endswith("svg") and svg.attrib["width"] == "720pt"
        pdf = (exported / f"{name}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF-") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


def test_stop_images_are_maps_not_blank_pages(exported: Path, stops: list[PlacedStop]) -> None:
    sea, land = _rgb(SEA), _rgb(LAND)
    for number, placed in enumerate(stops, start=1):
        with Image.open(exported / f"{stem(number, placed)}-150dpi.png") as opened:
            image = opened.convert("RGB")
        rgb = np.asarray(image).reshape(-1, 3).astype(np.uint32)
        packed = rgb[:, 0] << 16 | rgb[:, 1] << 8 | rgb[:, 2]  # one number per colour: fast to count
        colours = np.unique(packed)
        background = np.isin(packed, [(r << 16) | (g << 8) | b for r, g, b in (sea, land)])
        drawn = 1 - float(background.mean())
        assert min(ImageStat.Stat(image).stddev) > 15, placed.stop.id
        assert len(colours) > 500, placed.stop.id
        # Sea and land are the background; the areas, lines and labels cover a good part of it.
        assert 0.15 < drawn < 0.98, (placed.stop.id, drawn)


def test_kars_is_armenian_on_1_september_1920_and_turkish_after_its_retaking(
    exported: Path, stops: list[PlacedStop]
) -> None:
    # Kars was held by Armenia until 30 October 1920 (Hovannisian 1971, vol. 4; Şener).
    for stop_id, holder in (("baku-congress", "armenia"), ("kars-retaken", "ankara")):
        number, placed = _stop(stops, stop_id)
        for dpi in (150, 300):
            with Image.open(exported / f"{stem(number, placed)}-{dpi}dpi.png") as opened:
                image = opened.convert("RGB")
            pixel = pixel_of(*KARS, centre=(placed.lon, placed.lat), zoom=placed.stop.zoom, dpi=dpi)
            assert _holder_at(image, pixel, radius=dpi // 6) == holder, (stop_id, dpi)


def test_izmir_has_the_ankara_governments_colour_at_the_mudanya_armistice(
    exported: Path, stops: list[PlacedStop]
) -> None:
    number, placed = _stop(stops, "mudanya")
    assert placed.stop.date.isoformat() == "1922-10-11"
    with Image.open(exported / f"{stem(number, placed)}-150dpi.png") as opened:
        image = opened.convert("RGB")
    pixel = pixel_of(*IZMIR, centre=(placed.lon, placed.lat), zoom=placed.stop.zoom, dpi=150)
    assert _holder_at(image, pixel, radius=25) == "ankara"


def _sources_slides(deck: Any, stops: list[PlacedStop]) -> list[Any]:
    return list(deck.slides)[1 + len(stops) :]


def test_the_deck_has_a_title_slide_one_slide_per_stop_and_sources_slides(
    exported: Path, stops: list[PlacedStop]
) -> None:
    deck = Presentation(str(exported / "tour.pptx"))
    slides = list(deck.slides)
    sources = _sources_slides(deck, stops)
    assert 1 <= len(sources) <= 6
    assert deck.slide_width is not None and deck.slide_height is not None
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, abs=0.01)
    for slide in slides[: len(stops) + 2]:
        assert any(shape.shape_type == 13 for shape in slide.shapes), "a picture on all but later sources"
    for slide in slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None
        assert slide.notes_slide.notes_text_frame.text.strip()
    assert slides[0].shapes.title is not None
    assert slides[0].shapes.title.text == "Millî Mücadele Atlası 1919–1923"
    for slide, placed in zip(slides[1 : 1 + len(stops)], stops, strict=True):
        stop = placed.stop
        assert slide.shapes.title is not None
        assert slide.shapes.title.text == f"{day_text(stop.date, 'tr')} — {stop.title.tr}"
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert any(stop.caption.tr in text for text in texts)
        notes = slide.notes_slide.notes_text_frame.text
        assert f"index.html#{stop.date.isoformat()}" in notes
        assert "Kaynaklar:" in notes and notes.count("\n- ") >= 1
    titles = [slide.shapes.title.text for slide in sources if slide.shapes.title is not None]
    assert titles == (["Kaynaklar"] if len(sources) == 1 else [f"Kaynaklar ({n}/{len(sources)})" for n in
                                                                range(1, len(sources) + 1)])  # fmt: skip
    assert "Şener" in sources[0].notes_slide.notes_text_frame.text
    # Every work is graded where a lecturer reads it, and given whole: never cut with "…".
    listed = [
        p.text for slide in sources for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs
    ]
    works = [line for line in listed if line.startswith("[")]
    assert works and all(
        re.match(r"\[(birincil kaynak|bilimsel yayın|başvuru eseri|basın|web sayfası)\] ", w) for w in works
    )
    assert not [line for line in listed if "…" in line]
    notes = sources[0].notes_slide.notes_text_frame.text.splitlines()
    assert all(line.endswith("]") for line in notes if line.startswith("- "))


def test_every_deck_picture_is_described_and_stop_slides_read_on_a_projector(
    exported: Path, stops: list[PlacedStop]
) -> None:
    deck = Presentation(str(exported / "tour.pptx"))
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.shape_type == 13:
                description = shape._element.nvPicPr.cNvPr.get("descr")
                assert description and not re.fullmatch(r"[\w.-]+\.(png|jpg)", description)
    for slide, placed in zip(list(deck.slides)[1 : 1 + len(stops)], stops, strict=True):
        (picture,) = [shape for shape in slide.shapes if shape.shape_type == 13]
        description = picture._element.nvPicPr.cNvPr.get("descr")
        assert placed.stop.title.get("tr") in description and day_text(placed.stop.date, "tr") in description
        assert picture.width >= Inches(9.4) - 1  # the map's type is sized for this width
        body = [shape for shape in slide.shapes if shape.has_text_frame and shape != slide.shapes.title]
        sizes = [
            run.font.size.pt
            for shape in body
            for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs
        ]
        assert sizes and sizes[0] >= 18 and min(sizes) >= 14  # the caption, then the events
        assert slide.shapes.title is not None
        title_runs = [run for p in slide.shapes.title.text_frame.paragraphs for run in p.runs]
        assert all(run.font.size.pt >= 24 for run in title_runs)


def test_the_title_slide_takes_the_lecturers_title_and_nothing_on_it_overlaps(
    catalogue: Catalogue, stops: list[PlacedStop]
) -> None:
    tour = [stops[0], _stop(stops, "sakarya")[1]]
    for lang in ("tr", "en"):
        files = export_files(catalogue, tour, lang=lang, dpis=(40,), only=("deck",), title="Kurtuluş Savaşı",
                             subtitle="10-B, 3. hafta: Sakarya'dan Lozan'a")  # fmt: skip
        deck = Presentation(io.BytesIO(files["slides/tour.pptx"]))
        first = deck.slides[0]
        assert first.shapes.title is not None and first.shapes.title.text == "Kurtuluş Savaşı"
        assert deck.core_properties.title == "Kurtuluş Savaşı"
        boxes = [(s.left, s.top, s.left + s.width, s.top + s.height) for s in first.shapes]
        assert any(
            s.has_text_frame and s.text_frame.text == "10-B, 3. hafta: Sakarya'dan Lozan'a"
            for s in first.shapes
        )
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (lang, a, b)


def test_the_tour_overview_puts_each_stop_where_its_event_happened(
    catalogue: Catalogue, stops: list[PlacedStop]
) -> None:
    from mmatlas.render.slides.overview_maps import tour_overview

    static = tour_overview(catalogue, stops, "en")
    try:
        labels = [t.get_text() for t in static.axes.texts]
    finally:
        static.close()
    # Mudros at Lemnos, not at Ankara; Sèvres and Lausanne beyond the frame, pinned to its edge.
    numbers = [label.split(" → ")[0].split(" · ") for label in labels]
    number = {s.stop.id: str(n) for n, s in enumerate(stops, start=1)}
    mudros = next(group for group in numbers if number["mudros"] in group)
    assert number["assembly-opens"] not in mudros  # Mudros is not put at Ankara
    assert any("Sèvres" in label for label in labels) and any("Lausanne" in label for label in labels)


def test_libreoffice_converts_the_deck_to_pdf(
    exported: Path, stops: list[PlacedStop], tmp_path: Path
) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing in CI: .ci/run must install libreoffice-impress")
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-impress)")
    profile = tmp_path / "profile"  # a private profile: no clash with a LibreOffice already open
    subprocess.run(
        [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(exported / "tour.pptx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = (tmp_path / "tour.pdf").read_bytes()
    slides = len(Presentation(str(exported / "tour.pptx")).slides)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == slides >= len(stops) + 2
    # The pictures survive: a deck of 19 maps is not a few kilobytes of text.
    assert len(pdf) > 500_000


def test_the_animation_has_one_frame_per_month_from_november_1918_to_october_1923(exported: Path) -> None:
    days = month_ends()
    # The last frame is the Republic's day, where the control ledger ends: not a blank map.
    assert (days[0].isoformat(), days[-1].isoformat()) == ("1918-11-30", "1923-10-29")
    with Image.open(exported / "1919-1923.gif") as gif:
        assert isinstance(gif, GifImagePlugin.GifImageFile)
        assert gif.n_frames == len(days) == 60
        assert gif.size == (FRAME_INCHES[0] * 100, FRAME_INCHES[1] * 100)
        assert gif.info["loop"] == 0
        frames = {}
        for index in (
            days.index(d) for d in days if d.isoformat() in ("1920-08-31", "1922-09-30", "1923-10-29")
        ):
            gif.seek(index)
            frames[days[index].isoformat()] = gif.convert("RGB")
    # The borders move: İzmir is Greek in August 1920 and the Ankara government's in September 1922.
    for day, holder in (("1920-08-31", "greece"), ("1922-09-30", "ankara"), ("1923-10-29", "ankara")):
        pixel = pixel_of(*IZMIR, centre=THEATRE_CENTRE, zoom=THEATRE_ZOOM, dpi=100, figsize=FRAME_INCHES)
        assert _holder_at(frames[day], pixel, radius=8) == holder, day


def test_the_video_holds_every_month(exported: Path) -> None:
    from imageio_ffmpeg import count_frames_and_secs

    frames, seconds = count_frames_and_secs(str(exported / "1919-1923.mp4"))
    # 0.9 s a month and the last month held three times as long, at 10 pictures a second.
    assert seconds == pytest.approx((59 + 3) * 0.9, abs=0.15)
    assert frames == (59 + 3) * 9


def test_exports_are_byte_identical_from_run_to_run_drawn_alone_or_in_parallel(
    catalogue: Catalogue, stops: list[PlacedStop]
) -> None:
    tour = [stops[0], _stop(stops, "gumru")[1]]
    months = ((1920, 10), (1920, 12))
    fresh = DrawnCache(enabled=False)  # both runs draw everything: the cache is tested apart
    first = export_files(catalogue, tour, lang="en", dpis=(72,), months=months, cache=fresh, jobs=1)
    second = export_files(catalogue, tour, lang="en", dpis=(72,), months=months, cache=fresh, jobs=2)
    assert sorted(first) == sorted(second)
    assert {"slides/tour.pptx", "slides/1919-1923.gif", "slides/02-gumru.svg"} <= set(first)
    changed = [name for name in first if first[name] != second[name]]
    assert changed == []
    with zipfile.ZipFile(io.BytesIO(first["slides/tour.pptx"])) as deck:
        assert {info.date_time for info in deck.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in deck.read("docProps/core.xml")
    assert b"Date" not in first["slides/01-mudros.svg"][:2000]
    assert b"CreationDate" not in first["slides/01-mudros.pdf"]


def test_a_bad_dpi_is_refused_with_what_is_expected(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["export", "--dpi", "high"])
    assert exit_info.value.code == 2
    assert "--dpi: expected a whole number, e.g. 150; found 'high'" in capsys.readouterr().err


def test_a_bad_stops_file_stops_the_export_and_keeps_earlier_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = tmp_path / "out" / "slides" / "tour.pptx"
    earlier.parent.mkdir(parents=True)
    earlier.write_bytes(b"the lecturer's earlier deck")
    bad = tmp_path / "stops.yaml"
    bad.write_text("- id: one\n  date: 1920-09-01\n  title: {tr: a, en: a}\n  caption: {tr: a, en: a}\n"
                   "  centre: Rulp\n", encoding="utf-8")  # fmt: skip
    assert cli.main(["export", "--stops", str(bad), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:5:11: centre: unknown place 'Rulp'" in err and "nothing was written" in err
    assert earlier.read_bytes() == b"the lecturer's earlier deck"


def test_a_caption_edit_redraws_no_map_only_the_deck_and_the_handout(
    catalogue: Catalogue, stops: list[PlacedStop], tmp_path: Path
) -> None:
    tour = [stops[0], _stop(stops, "gumru")[1]]
    options: dict[str, Any] = {"lang": "tr", "dpis": (40,), "months": ((1920, 11), (1920, 12)), "jobs": 1}
    first_cache = DrawnCache(tmp_path / "cache")
    first = export_files(catalogue, tour, cache=first_cache, **options)
    assert first_cache.hits == 0
    unchanged_cache = DrawnCache(tmp_path / "cache")
    assert export_files(catalogue, tour, cache=unchanged_cache, **options) == first
    assert unchanged_cache.misses == 0
    edited = tour[1].model_copy(
        update={"stop": tour[1].stop.model_copy(update={"caption": LocalText(tr="Yeni açıklama", en="New")})}
    )
    edit_cache = DrawnCache(tmp_path / "cache")
    after = export_files(catalogue, [tour[0], edited], cache=edit_cache, **options)
    assert edit_cache.misses == 2  # the deck and the handout, made again; every map kept
    changed = sorted(name for name in after if after[name] != first[name])
    assert changed == ["slides/handout.pdf", "slides/tour.pptx"]
