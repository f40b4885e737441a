"""The atlas, a slide and `where` agree on who held a town on a day, because all three read the
same cells and the same day's state: checked for ten (town, day) pairs across the theatres."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.holders import HOLDERS
from mmatlas.render.slides.static_map import pixel_of, render
from mmatlas.state.where import where
from tests.maps.conftest import Page

# Each pair is a day on which the town's holder is dated by the ledger's sources (see
# tests/events/test_where.py for the source of each).
PAIRS = [
    ("İzmir", "1919-05-16", "greece"),
    ("Uşak", "1920-09-01", "greece"),
    ("Kars", "1920-10-31", "ankara"),
    ("Gümrü", "1920-11-08", "ankara"),
    ("Batum", "1921-03-12", "ankara"),
    ("Antep", "1921-02-10", "france"),
    ("Eskişehir", "1921-07-20", "greece"),
    ("Edirne", "1921-01-01", "greece"),
    ("Adana", "1922-01-06", "ankara"),
    ("İstanbul", "1920-03-15", "allied"),
]
ZOOM = 8


def _slide_holder(catalogue: Catalogue, lon: float, lat: float, day: dt.date) -> str:
    """The holder whose fill is the colour of the slide's pixel over the town (areas only)."""
    static = render(catalogue, day, lang="en", centre=(lon, lat), zoom=ZOOM, layers=("control",), title="")
    try:
        image = np.asarray(static.image())
    finally:
        static.close()
    x, y = pixel_of(lon, lat, centre=(lon, lat), zoom=ZOOM, dpi=100)
    # The commonest colour of the few pixels round the town: a port's pixel may be on the coast line.
    patch = image[y - 3 : y + 4, x - 3 : x + 4, :3].reshape(-1, 3)
    colours, counts = np.unique(patch, axis=0, return_counts=True)
    seen = colours[int(np.argmax(counts))].astype(int)
    fills = {code: np.array([int(h.fill[i : i + 2], 16) for i in (1, 3, 5)]) for code, h in HOLDERS.items()}
    code, fill = min(fills.items(), key=lambda item: float(np.abs(item[1] - seen).sum()))
    assert np.abs(fill - seen).sum() < 12, (seen, code)
    return code


@pytest.mark.browser
def test_the_atlas_a_slide_and_where_name_the_same_holder(
    catalogue: Catalogue, built: Path, open_page: Callable[[Path, str], Page]
) -> None:
    page = open_page(built, "")
    for name, day, expected in PAIRS:
        place = catalogue.gazetteer.resolve(name)
        point = catalogue.gazetteer.point(place)
        answer = where(catalogue, place, dt.date.fromisoformat(day))
        page.set_date(day)
        page.page.evaluate(
            "([lat, lon]) => { MMAtlas.instance.map.setView([lat, lon], 8, {animate: false}); }",
            [point.y, point.x],
        )
        # What a reader sees under the town: the area drawn there, its holder and its colour.
        drawn = page.page.evaluate(
            "([lat, lon]) => { const m = MMAtlas.instance.map;"
            " const p = m.latLngToContainerPoint([lat, lon]);"
            " const r = m.getContainer().getBoundingClientRect();"
            " const under = document.elementsFromPoint(r.left + p.x, r.top + p.y);"
            " const cell = under.find(e => e.classList.contains('mm-cell'));"
            " return cell ? [cell.getAttribute('data-holder'), cell.getAttribute('fill')] : null; }",
            [point.y, point.x],
        )
        assert drawn is not None, (name, day)
        atlas_holder, fill = drawn
        assert fill in (HOLDERS[atlas_holder].fill, HOLDERS[atlas_holder].faint)
        slide_holder = _slide_holder(catalogue, point.x, point.y, dt.date.fromisoformat(day))
        assert (answer.holder, atlas_holder, slide_holder) == (expected, expected, expected), (name, day)
