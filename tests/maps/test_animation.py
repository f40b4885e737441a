"""The monthly animation: colours that stay distinct in the GIF, towns to find one's way by, the
month's events under the date, the same bytes every run. Real frames of a few months."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from PIL import GifImagePlugin, Image

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.holders import HOLDERS
from mmatlas.core.lang import Lang
from mmatlas.core.vocabulary import CATEGORY_COLOUR
from mmatlas.render.reference_towns import reference_places
from mmatlas.render.slides.animation import (
    FRAME_INCHES,
    FRAME_MS,
    LAST_FRAME_HOLD,
    LINE_CHARACTERS,
    frame_map,
    frames,
    gif_bytes,
    month_listing,
    mp4_bytes,
    palette_colours,
)
from mmatlas.render.slides.overview_maps import THEATRE_CENTRE, THEATRE_ZOOM
from mmatlas.render.slides.static_map import pixel_of

# The Sivas Congress; the Sakarya; the Great Offensive's end and the Chanak crisis.
DAYS = [dt.date(1919, 9, 30), dt.date(1921, 8, 31), dt.date(1922, 9, 30)]
RGB = tuple[int, int, int]


def _rgb(colour: str) -> RGB:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


KEYS: dict[RGB, str] = {
    **{_rgb(h.fill): f"holder {code}" for code, h in HOLDERS.items()},
    **{_rgb(h.faint): f"holder {code} (faint)" for code, h in HOLDERS.items()},
    **{_rgb(colour): f"category {name}" for name, colour in CATEGORY_COLOUR.items()},
}


@dataclass
class Frame:
    image: Image.Image
    legend: dict[str, RGB]  # the holders' and categories' swatches: what the frame says it draws
    markers: list[tuple[int, int, str]]  # pixel (column, row) and category of each marker shown whole


def _drawn(catalogue: Catalogue, day: dt.date) -> Frame:
    static = frame_map(catalogue, day, lang="tr")
    figure, axes = static.figure, static.axes
    try:
        image = static.image()
        height = figure.bbox.height
        (legend,) = figure.legends
        swatches: dict[str, RGB] = {}
        for handle in legend.legend_handles:
            if isinstance(handle, Patch) and to_hex(handle.get_facecolor()) in {
                h.fill for h in HOLDERS.values()
            }:
                swatches[str(handle.get_label())] = _rgb(to_hex(handle.get_facecolor()))
            elif isinstance(handle, Line2D) and handle.get_marker() == "o":
                swatches[str(handle.get_label())] = _rgb(to_hex(str(handle.get_markerfacecolor())))
        # The events' markers (round, in a category's colour) in drawing order: a later one may
        # cover an earlier one. (The towns' dots are drawn under them.)
        category_of = {to_hex(colour): name for name, colour in CATEGORY_COLOUR.items()}
        drawn: list[tuple[float, float, tuple[float, float, float, float]]] = []
        for collection in sorted(axes.collections, key=lambda c: c.get_zorder()):
            if isinstance(collection, PathCollection):
                centres = axes.transData.transform(np.asarray(collection.get_offsets()))
                colours = np.broadcast_to(np.asarray(collection.get_facecolor()), (len(centres), 4))
                drawn += [
                    (x, y, (r, g, b, a))
                    for (x, y), (r, g, b, a) in zip(centres, colours, strict=True)
                    if to_hex((r, g, b)) in category_of
                ]
        boxes = [text.get_window_extent() for text in figure.texts]
        markers = []
        for index, (x, y, colour) in enumerate(drawn):
            category = category_of[to_hex(colour, keep_alpha=False)]
            covered = any(abs(x - x2) < 14 and abs(y - y2) < 14 for x2, y2, _ in drawn[index + 1 :])
            hidden = any(box.contains(x, y) for box in boxes)
            if colour[3] > 0.9 and not covered and not hidden:  # faded markers blend in
                markers.append((round(x - 0.5), round(height - y - 0.5), category))
        return Frame(image, swatches, markers)
    finally:
        static.close()


@pytest.fixture(scope="module")
def drawn(catalogue: Catalogue) -> list[Frame]:
    return [_drawn(catalogue, day) for day in DAYS]


@pytest.fixture(scope="module")
def gif(drawn: list[Frame]) -> bytes:
    return gif_bytes([frame.image for frame in drawn])


def _packed(pixels: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Each pixel's colour as one number, 0xRRGGBB: quick to compare and count."""
    wide = pixels.astype(np.int64)
    return (wide[..., 0] << 16 | wide[..., 1] << 8 | wide[..., 2]).ravel()


def _pixel(pixels: np.ndarray[Any, Any], x: int, y: int) -> RGB:
    red, green, blue = (int(value) for value in pixels[y, x])
    return (red, green, blue)


def _nearest_key(pixel: RGB) -> str:
    return KEYS[min(KEYS, key=lambda key: sum((a - b) ** 2 for a, b in zip(key, pixel, strict=True)))]


def test_every_holder_and_category_drawn_keeps_its_own_colour_in_the_gif(
    drawn: list[Frame], gif: bytes
) -> None:
    decoded = Image.open(io.BytesIO(gif))
    checked = 0
    for index, frame in enumerate(drawn):
        decoded.seek(index)
        pixels = np.asarray(decoded.convert("RGB"))
        original = np.asarray(frame.image)
        shown, wanted = _packed(pixels), _packed(original)
        present = {(v >> 16, (v >> 8) & 255, v & 255) for v in np.unique(shown).tolist()}
        # The atlas's own colours are kept exactly wherever they are drawn (land and sea too).
        fixed = np.isin(wanted, _packed(np.asarray([palette_colours()])))
        assert (shown[fixed] == wanted[fixed]).all(), DAYS[index]
        # The legend's swatches: each holder's and category's exact colour is in the GIF frame,
        # and no two of them are one colour.
        missing = [name for name, rgb in frame.legend.items() if rgb not in present]
        assert missing == [], (DAYS[index], missing)
        assert len(set(frame.legend.values())) == len(frame.legend) >= 6
        # On the map: each event's marker is, in the GIF, nearer its own category's colour than
        # any other category's or holder's.
        seen = [(category, _nearest_key(_pixel(pixels, x, y))) for x, y, category in frame.markers]
        wrong = [(category, key) for category, key in seen if key != f"category {category}"]
        assert wrong == [], DAYS[index]
        checked += len(frame.markers)
        # And every pixel stays close to what was drawn (the palette covers edges and boxes too).
        error = np.sqrt(((pixels.astype(int) - original.astype(int)) ** 2).sum(axis=2))
        assert error.max() < 40, (DAYS[index], float(error.max()))
    assert checked >= 5


def test_the_gif_has_one_colour_table_for_all_frames_and_holds_the_last(
    drawn: list[Frame], gif: bytes
) -> None:
    assert gif[10] & 0x80  # a global colour table ...
    assert _local_colour_tables(gif) == 0  # ... and none of the frames has its own
    decoded = Image.open(io.BytesIO(gif))
    assert isinstance(decoded, GifImagePlugin.GifImageFile)
    assert decoded.n_frames == len(drawn)
    assert decoded.size == (FRAME_INCHES[0] * 100, FRAME_INCHES[1] * 100)
    durations = []
    for index in range(decoded.n_frames):
        decoded.seek(index)
        durations.append(decoded.info["duration"])
    assert durations == [FRAME_MS] * (len(drawn) - 1) + [FRAME_MS * LAST_FRAME_HOLD]
    assert decoded.info["loop"] == 0


def _local_colour_tables(gif: bytes) -> int:
    """How many image descriptors of a GIF carry a local colour table."""
    flags = gif[10]
    position = 13 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0)
    tables = 0
    while gif[position] != 0x3B:  # the trailer
        if gif[position] == 0x21:  # an extension: its label, then sub-blocks
            position += 2
        else:  # 0x2C, an image: its descriptor, its table if any, the LZW code size, sub-blocks
            descriptor = gif[position + 9]
            position += 10
            if descriptor & 0x80:
                tables += 1
                position += 3 * (2 << (descriptor & 7))
            position += 1
        while gif[position]:
            position += gif[position] + 1
        position += 1
    return tables


def test_a_frame_names_the_reference_towns_as_they_were_then_legibly_and_apart(catalogue: Catalogue) -> None:
    cases: list[tuple[Lang, set[str]]] = [
        ("en", {"Angora", "Smyrna", "Constantinople"}),
        ("tr", {"Ankara", "İzmir", "İstanbul"}),
    ]
    for lang, expected in cases:
        static = frame_map(catalogue, dt.date(1919, 9, 30), lang=lang)
        try:
            renderer = static.figure.canvas.get_renderer()  # type: ignore[attr-defined]
            names = {place.name(lang, 1919) for place in reference_places(catalogue)}
            towns = [text for text in static.axes.texts if text.get_text() in names]
            written = {text.get_text() for text in towns}
            assert expected <= written, lang
            assert len(towns) >= 20, written  # most of the 36 fit on the theatre's frame
            # At least 11 pixels high (the frame is 100 pixels an inch), so a projector shows them.
            assert min(float(text.get_fontsize()) for text in towns) * 100 / 72 >= 11
            boxes = [text.get_window_extent(renderer) for text in towns]
            others = [text.get_window_extent(renderer) for text in static.figure.texts]
            others += [legend.get_window_extent(renderer) for legend in static.figure.legends]
            for index, box in enumerate(boxes):
                assert not any(box.overlaps(other) for other in boxes[index + 1 :] + others), towns[index]
        finally:
            static.close()


def test_the_months_events_are_listed_under_the_date_without_hiding_istanbul(catalogue: Catalogue) -> None:
    listing = month_listing(catalogue, dt.date(1919, 9, 30), "tr")
    assert listing.splitlines()[0] == "4 Eyl: Sivas Kongresi"
    # An event that began the month before is listed in the month it ended, with both dates.
    assert "23 Ağu–13 Eyl: Sakarya Meydan Muharebesi" in month_listing(catalogue, dt.date(1921, 9, 30), "tr")
    # A busy month: five lines, the last saying how many more; every line short.
    busy = month_listing(catalogue, dt.date(1922, 9, 30), "en").splitlines()
    assert len(busy) == 5 and busy[-1].startswith("+") and busy[-1].endswith(" more")
    assert busy[0] == "9 Sep: Turkish army enters İzmir"
    assert max(len(line) for line in busy) <= LINE_CHARACTERS
    # Drawn under the date, above İstanbul and Edirne.
    static = frame_map(catalogue, dt.date(1922, 9, 30), lang="en")
    try:
        renderer = static.figure.canvas.get_renderer()  # type: ignore[attr-defined]
        date = static.title_artists[0].get_window_extent(renderer)
        (box,) = [
            t.get_window_extent(renderer) for t in static.figure.texts if t.get_text() == "\n".join(busy)
        ]
        height = static.figure.bbox.height
        for lon, lat in ((28.97, 41.01), (26.56, 41.68)):  # İstanbul, Edirne
            _, row = pixel_of(
                lon, lat, centre=THEATRE_CENTRE, zoom=THEATRE_ZOOM, dpi=100, figsize=FRAME_INCHES
            )
            assert height - box.y0 < row
        assert box.y1 < date.y0 and abs(box.x0 - date.x0) < 2
    finally:
        static.close()


def test_the_same_months_give_the_same_gif_and_video(catalogue: Catalogue) -> None:
    first = frames(catalogue, DAYS[:2], lang="en")
    second = frames(catalogue, DAYS[:2], lang="en")
    assert gif_bytes(first) == gif_bytes(second)
    video = mp4_bytes(first)
    if video is None:
        pytest.skip("imageio-ffmpeg is not installed")
    assert video == mp4_bytes(second)
