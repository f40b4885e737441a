"""The printable handout: a cover, a page per stop, the sources; its text searchable as written.

Read with poppler's pdftotext, pdffonts and pdfinfo (Debian's poppler-utils, which CI installs).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.records import LocalText
from mmatlas.render.slides.handout import handout_pdf
from mmatlas.render.slides.slide_images import StopImages, stop_images
from mmatlas.render.stops import PlacedStop


def _poppler(*words: str) -> str:
    if shutil.which(words[0]) is None:
        pytest.fail(f"{words[0]} is missing: install Debian's poppler-utils (CI does)")
    return subprocess.run(list(words), check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def three_stops(catalogue: Catalogue, stops: list[PlacedStop]) -> list[StopImages]:
    chosen = [s for s in stops if s.stop.id in ("mudros", "sivas-congress", "mudanya")]
    return stop_images(catalogue, chosen, lang="tr", dpis=(50,))


def _pages(pdf: Path) -> list[str]:
    return _poppler("pdftotext", str(pdf), "-").split("\f")[:-1]


def test_the_handout_has_a_cover_a_page_per_stop_and_the_sources_in_searchable_turkish(
    catalogue: Catalogue, three_stops: list[StopImages], tmp_path: Path
) -> None:
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(
        handout_pdf(catalogue, three_stops, lang="tr", title="Kurtuluş Savaşı", subtitle="10-B, 3. hafta")
    )
    pages = [" ".join(page.split()) for page in _pages(pdf)]
    assert "Kurtuluş Savaşı" in pages[0] and "10-B, 3. hafta" in pages[0]
    for number, images in enumerate(three_stops, start=1):
        page, stop = pages[number], images.placed.stop
        assert page.startswith(f"Durak {number}: {stop.title.get('tr')}"), page[:80]
        assert " ".join(stop.caption.get("tr").split()) in page
        assert "Haritada" in page and images.events[0][1] in page
    # Then the works, in full, on as many pages as they need; nothing else.
    assert pages[4].startswith("Bu notlarda anılan eserler")
    works = " ".join(pages[4:])
    cited = {ref for images in three_stops for ref in images.works}
    # Arabic titles are printed in logical order without shaping (a known gap), so a reader's
    # copy of them differs: the rest must be found as written.
    cited = {ref for ref in cited if not any("\u0590" <= ch <= "\u08ff" for ch in catalogue.works[ref].title)}
    assert len(cited) > 20
    for ref in cited:
        assert " ".join(catalogue.works[ref].title.split())[:40] in works, ref
    fonts = _poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all("TrueType" in line and " yes " in line for line in fonts), fonts


def test_a_title_with_markup_dollars_and_control_characters_prints_as_written(
    catalogue: Catalogue, three_stops: list[StopImages], tmp_path: Path
) -> None:
    written = "Kars'ın <b>$x$</b> & Gümrü"
    images = three_stops[0]
    stop = images.placed.stop.model_copy(update={"title": LocalText(tr=written + "\x00\x1b", en=written)})
    odd = StopImages(**{**images.__dict__, "placed": images.placed.model_copy(update={"stop": stop})})
    pdf = tmp_path / "odd.pdf"
    pdf.write_bytes(handout_pdf(catalogue, [odd], lang="tr"))
    assert f"Durak 1: {written}" in _pages(pdf)[1]


def test_the_same_tour_gives_the_same_bytes(catalogue: Catalogue, three_stops: list[StopImages]) -> None:
    assert handout_pdf(catalogue, three_stops, lang="en") == handout_pdf(catalogue, three_stops, lang="en")
