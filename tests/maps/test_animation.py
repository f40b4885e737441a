"""The monthly animation: colours that stay distinct, towns to find one's way by, the month's events."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
from PIL import Image

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.holders import HOLDERS
from mmatlas.core.vocabulary import CATEGORY_COLOUR
from mmatlas.render.slides.animation import frame_map, frames, gif_bytes, month_listing
from mmatlas.state.day import map_on

DAYS = [dt.date(1919, 9, 30), dt.date(1921, 8, 31), dt.date(1922, 9, 30)]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))


def _colours(image: Image.Image) -> set[tuple[int, int, int]]:
    pixels = np.asarray(image.convert("RGB")).reshape(-1, 3).astype(np.uint32)
    packed = np.unique(pixels[:, 0] << 16 | pixels[:, 1] << 8 | pixels[:, 2])  # one number a colour: fast
    return {(int(v) >> 16, (int(v) >> 8) & 255, int(v) & 255) for v in packed}


def test_every_category_and_holder_drawn_keeps_its_own_colour_in_the_gif(catalogue: Catalogue) -> None:
    images = frames(catalogue, DAYS, lang="tr")
    gif = Image.open(io.BytesIO(gif_bytes(images)))
    for index, day in enumerate(DAYS):
        gif.seek(index)
        shown = _colours(gif)
        state = map_on(catalogue, day)
        categories = {e.category for e in state.events + state.recent}
        holders = {area.holder for area in state.areas() if not area.faint}
        wanted = {c: _rgb(CATEGORY_COLOUR[c]) for c in categories} | {
            h: _rgb(HOLDERS[h].fill) for h in holders
        }
        # The frame before the GIF has each colour (the legend's swatches at least) ...
        assert all(rgb in _colours(images[index]) for rgb in wanted.values()), day
        # ... and so does the GIF, exactly: no two merged into one palette entry.
        missing = [name for name, rgb in wanted.items() if rgb not in shown]
        assert missing == [], (day, missing)
        assert len(set(wanted.values())) == len(wanted)


def test_a_frame_names_the_reference_towns_as_they_were_then_and_lists_the_months_events(
    catalogue: Catalogue,
) -> None:
    static = frame_map(catalogue, dt.date(1919, 9, 30), lang="en")
    try:
        texts = [t.get_text() for t in static.axes.texts] + [t.get_text() for t in static.figure.texts]
    finally:
        static.close()
    assert "Angora" in texts and "Smyrna" in texts and "Erzurum" in texts
    listing = month_listing(catalogue, dt.date(1919, 9, 30), "tr")
    assert any("Sivas Kongresi" in line for line in listing.splitlines())
    assert month_listing(catalogue, dt.date(1919, 9, 30), "en") in texts
    assert all(line[:2].strip().isdigit() for line in listing.splitlines() if not line.startswith("+"))


def test_the_same_frames_give_the_same_gif(catalogue: Catalogue) -> None:
    images = frames(catalogue, DAYS[:2], lang="en")
    assert gif_bytes(images) == gif_bytes(frames(catalogue, DAYS[:2], lang="en"))
