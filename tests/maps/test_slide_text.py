"""Slide maps read by people and their tools: PDFs whose Turkish text copies and searches, SVGs
with a title and description, titles drawn as written, and labels that never cover the legend
or fall off the frame.

Read with poppler's pdftotext and pdffonts (Debian's poppler-utils, which CI installs).
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.render.slides.slide_images import stop_images
from mmatlas.render.slides.static_map import RIVER, WATER_TEXT, StaticMap, marker_boxes, render
from mmatlas.render.stops import PlacedStop

SVG = "{http://www.w3.org/2000/svg}"


def _poppler(tool: str, path: Path) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: install Debian's poppler-utils (CI does)")
    return subprocess.run([tool, str(path)] if tool == "pdffonts" else [tool, str(path), "-"],
                          check=True, capture_output=True, text=True).stdout  # fmt: skip


def _stop(stops: list[PlacedStop], stop_id: str) -> PlacedStop:
    return next(s for s in stops if s.stop.id == stop_id)


def _draw(catalogue: Catalogue, placed: PlacedStop, title: str | None = None) -> StaticMap:
    stop = placed.stop
    return render(
        catalogue, stop.date, lang="tr", centre=(placed.lon, placed.lat), zoom=stop.zoom, layers=stop.layers,
        title=stop.title.get("tr") if title is None else title,
    )  # fmt: skip


def test_a_stop_pdf_gives_back_its_turkish_title_and_embeds_no_type3_font(
    catalogue: Catalogue, stops: list[PlacedStop], tmp_path: Path
) -> None:
    (images,) = stop_images(catalogue, [_stop(stops, "sakarya")], lang="tr", dpis=(72,))
    pdf = tmp_path / "stop.pdf"
    pdf.write_bytes(images.files["01-sakarya.pdf"])
    text = " ".join(_poppler("pdftotext", pdf).split())
    title = _stop(stops, "sakarya").stop.title.get("tr")
    assert title in text
    assert "1 Eylül 1921" in text and "Lejant" in text and "Kaynaklar" in text
    fonts = _poppler("pdffonts", pdf).splitlines()[2:]
    assert fonts and not [line for line in fonts if "Type 3" in line]
    assert all("DejaVuSans" in line and " yes " in line for line in fonts)  # embedded


def test_an_svg_has_a_title_and_a_description_of_what_it_shows_and_its_text_as_text(
    catalogue: Catalogue, stops: list[PlacedStop]
) -> None:
    (images,) = stop_images(catalogue, [_stop(stops, "sevres")], lang="tr", dpis=(72,))
    root = ET.fromstring(images.files["01-sevres.svg"])
    title, desc = root[0], root[1]  # first, where screen readers look
    assert title.tag == f"{SVG}title" and title.text == "Sevr Antlaşması — 10 Ağustos 1920"
    assert desc.tag == f"{SVG}desc" and "Yunanistan" in (desc.text or "") and "Fransa" in (desc.text or "")
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "Lejant" in texts and any("Sevr Antlaşması" in t for t in texts)


def test_a_title_with_dollars_tags_and_control_characters_is_drawn_as_written_in_well_formed_files(
    catalogue: Catalogue, stops: list[PlacedStop], tmp_path: Path
) -> None:
    written = "Kars'ın $x$ <b>geri</b> alınışı & Gümrü"
    static = _draw(catalogue, _stop(stops, "kars-retaken"), title=written + "\x00\x07\x1b[1m")
    try:
        svg, pdf = static.svg(), static.pdf()
    finally:
        static.close()
    root = ET.fromstring(svg)  # well-formed XML despite NUL, BEL and ESC in the title
    assert root[0].text is not None and root[0].text.startswith(written + "[1m — ")
    (tmp_path / "t.pdf").write_bytes(pdf)
    assert written in " ".join(_poppler("pdftotext", tmp_path / "t.pdf").split())


def test_a_megabyte_title_is_cut_on_the_map_and_kept_whole_in_the_description(
    catalogue: Catalogue, stops: list[PlacedStop]
) -> None:
    static = _draw(catalogue, _stop(stops, "mudros"), title="Mondros " * 130_000)
    try:
        png = static.png(40)
        drawn = [t.get_text() for t in static.title_artists]
    finally:
        static.close()
    assert png.startswith(b"\x89PNG")
    assert len(drawn) == 1 and len(drawn[0]) < 200 and drawn[0].rstrip().endswith("1918")


def test_no_label_covers_the_legend_the_title_or_another_label_or_leaves_the_map_on_any_default_stop(
    catalogue: Catalogue, stops: list[PlacedStop]
) -> None:
    for placed in stops:
        static = _draw(catalogue, placed)
        try:
            figure, axes = static.figure, static.axes
            renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
            labels = [t.get_window_extent(renderer) for t in axes.texts if t.get_zorder() == 6]
            legend = figure.legends[0].get_window_extent(renderer)
            furniture = [legend, *(t.get_window_extent(renderer) for t in figure.texts)]
            frame = axes.bbox
            for index, box in enumerate(labels):
                where = (placed.stop.id, index)
                assert (
                    frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
                ), where
                assert not any(box.overlaps(other) for other in furniture), where
                assert not any(box.overlaps(other) for other in labels[index + 1 :]), where
            # A river's or lake's name never hides an event's marker.
            markers = marker_boxes(axes)
            waters = [t.get_window_extent(renderer) for t in axes.texts if t.get_color() == WATER_TEXT]
            assert not any(box.overlaps(m) for box in waters for m in markers), placed.stop.id
            # The legend sits beside the map, never on it.
            assert legend.x0 >= frame.x1 and legend.y0 >= figure.bbox.y0, placed.stop.id
        finally:
            static.close()


def test_a_stop_draws_the_rivers_and_lakes_and_names_them_as_the_atlas_does(
    catalogue: Catalogue, stops: list[PlacedStop]
) -> None:
    """The Sakarya stop: the rivers in the atlas's blue over the holders' colours, Tuz Gölü and
    the Kızılırmak named in blue italics, below every town's name in priority."""
    static = _draw(catalogue, _stop(stops, "sakarya"))
    try:
        names = {str(t.get_text()): t for t in static.axes.texts}
        assert {"Tuz Gölü", "Kızılırmak"} <= set(names)
        assert names["Kızılırmak"].get_fontstyle() == "italic"
        pixels = np.asarray(static.image().convert("RGB"), dtype=int)
    finally:
        static.close()
    river = np.array([int(RIVER[i : i + 2], 16) for i in (1, 3, 5)])
    close = np.abs(pixels - river).sum(axis=2) < 30
    assert close.mean() > 0.002, close.mean()  # thin lines: a fraction of a percent of the map
