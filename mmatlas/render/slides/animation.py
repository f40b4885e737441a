"""The borders moving across the period: one frame per month, as GIF and (with ffmpeg) MP4.

Each frame is the whole theatre on the last day of its month, so it shows how the month ended:
the date written large, the month's events listed under it, the reference towns named as they
were then. The GIF has one palette for all its frames: the atlas's own colours (every holder,
every event category, land, sea, lines and text) exactly, then shades covering the others the
frames have (anti-aliased edges, translucent boxes). Each pixel takes its nearest entry, so no
two holders or categories ever merge. The same frames give byte-identical files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import subprocess
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from babel.dates import format_date
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.control import LEDGER_END
from mmatlas.catalogue.model import Event
from mmatlas.core.dates import When, parse_when
from mmatlas.core.holders import HOLDERS, LAND
from mmatlas.core.lang import Lang
from mmatlas.core.text import printable, shortened
from mmatlas.core.vocabulary import CATEGORY_COLOUR
from mmatlas.render.i18n import label
from mmatlas.render.layers import default_keys
from mmatlas.render.reference_towns import reference_places
from mmatlas.render.slides.overview_maps import THEATRE_CENTRE, THEATRE_ZOOM
from mmatlas.render.slides.static_map import (
    COAST,
    PANEL_COLOUR,
    SEA,
    StaticMap,
    dot_boxes,
    marker_boxes,
    place_label,
    render,
    to_map,
    water_names,
)

FIRST_MONTH, LAST_MONTH = (1918, 11), (1923, 10)  # from Mudros to the Republic
# What the atlas shows when it opens, without the events' place names (a frame is read at a
# glance); the reference towns are named instead, the same on every frame.
LAYERS = tuple(key for key in default_keys() if key != "labels")
FRAME_INCHES = (9.6, 5.44)  # 960 × 544 pixels: both sides divisible by 16, as video codecs want
FRAME_MS, LAST_FRAME_HOLD = 900, 3  # each month 0.9 s; the last one three times as long
VIDEO_FPS = 10  # ffmpeg repeats each month's picture 9 times: players dislike very low frame rates
# A frame is 960 pixels wide at 100 dpi: a point is 1.39 pixels, so 9 pt is 12.5 pixels, and
# twice that on a projector showing the frame full screen at 1920 pixels.
EVENTS_PT, TOWN_PT = 9, 9
# Under the date there is room for five lines before the list would hide Edirne and İstanbul.
MAX_LINES, LINE_CHARACTERS = 5, 45
TITLE_CHARACTERS = 32  # the title, moved to the lower left over the sea, wraps at this width
RGB = tuple[int, int, int]


def month_ends(first: tuple[int, int] = FIRST_MONTH, last: tuple[int, int] = LAST_MONTH) -> list[dt.date]:
    """The last day of every month from `first` to `last` (year, month), both included; never
    past the control ledger's last day (29 October 1923, the Republic), so the last frame shows
    how the period ended instead of a map with nobody's areas on it."""
    days: list[dt.date] = []
    year, month = first
    while (year, month) <= last:
        days.append(min(dt.date(year, month, calendar.monthrange(year, month)[1]), LEDGER_END))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def frames(catalogue: Catalogue, days: Sequence[dt.date], *, lang: Lang) -> list[Image.Image]:
    """One RGB image per day: control, lines, fronts and the month's events, the date large."""
    images: list[Image.Image] = []
    for day in days:
        static = frame_map(catalogue, day, lang=lang)
        try:
            images.append(static.image())
        finally:
            static.close()
    return images


def frame_map(catalogue: Catalogue, day: dt.date, *, lang: Lang) -> StaticMap:
    """The map of one frame before it becomes pixels (its texts can still be read): the date,
    the month's events under it, the title at the lower left, the reference towns named."""
    static = render(
        catalogue,
        day,
        lang=lang,
        centre=THEATRE_CENTRE,
        zoom=THEATRE_ZOOM,
        layers=LAYERS,
        title=label("title", lang),
        figsize=FRAME_INCHES,
        headline=True,
        name_waters=False,
    )
    figure, axes = static.figure, static.axes
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    to_figure = figure.transFigure.inverted()
    date, *title = static.title_artists  # a headline: the date, then the title under it
    # The title says the same on every frame: it moves to the lower left, over the sea just above
    # the scale bar's length, and the month's events take its place under the date.
    scale = [_box(text, renderer) for text in axes.texts]  # so far the scale bar's length alone
    left = min((box.x0 for box in scale), default=axes.bbox.x0 + 20)
    floor = max((box.y1 for box in scale), default=axes.bbox.y0 + 0.15 * axes.bbox.height)
    for artist in title:
        artist.set_text(textwrap.fill(str(artist.get_text()), TITLE_CHARACTERS))
        artist.set_verticalalignment("bottom")
        artist.set_position(to_figure.transform((left, floor + 6)))
    listing = month_listing(catalogue, day, lang)
    if listing:
        below_date = _box(date, renderer).y0 - 8
        x, y = to_figure.transform((date.get_window_extent(renderer).x0, below_date))
        # The box reaches one padding above the text: the text starts that much lower.
        y -= 0.3 * EVENTS_PT / 72 / figure.get_figheight()
        figure.text(x, y, listing, ha="left", va="top", fontsize=EVENTS_PT, color="#222222", zorder=9,
                    linespacing=1.25, bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                                            "edgecolor": "none", "alpha": 0.9})  # fmt: skip
    name_reference_towns(static, catalogue, day, lang)
    # The rivers and lakes last, where no town's name or dot and no marker is.
    water_names(axes, figure, catalogue, lang, [*_occupied(static), *marker_boxes(axes)])
    return static


def name_reference_towns(static: StaticMap, catalogue: Catalogue, day: dt.date, lang: Lang) -> list[str]:
    """Each reference town in the frame with a dot and the name it bore that year, in the order
    of REFERENCE_TOWNS, where its name overlaps no text, the legend, an event's marker or another
    town's name or dot; those that fit nowhere are left out. The names written."""
    figure, axes = static.figure, static.axes
    taken = _occupied(static)
    markers = marker_boxes(axes)  # no name hides an event's marker
    x0, x1 = axes.get_xlim()
    y0, y1 = axes.get_ylim()
    dot_size = 9.0
    named: list[tuple[float, float, str]] = []
    for place in reference_places(catalogue):
        point = catalogue.gazetteer.point(place)
        x, y = to_map(point.x, point.y)
        if not (x0 < x < x1 and y0 < y < y1):
            continue
        # The more important towns first: a town whose dot a text or a name placed before would
        # cover, or whose name fits nowhere, is left out, dot and all. (A dot under an event's
        # marker is fine: the marker marks the town.)
        (dot,) = dot_boxes(axes, [(x, y)], [dot_size], [0.0])
        if any(dot.overlaps(other) for other in taken):
            continue
        placed = [*taken, dot, *markers]
        name = printable(place.name(lang, day.year))
        place_label(axes, figure, x, y, name, placed, size=TOWN_PT, reference=True)
        if len(placed) > len(taken) + 1 + len(markers):
            taken += [dot, placed[-1]]
            named.append((x, y, name))
    if named:
        xs, ys, _ = zip(*named, strict=True)
        # Under the events' markers (zorder 5): a town's marker hides its dot, not the other way.
        axes.scatter(xs, ys, s=dot_size, color="#333333", zorder=4.5, linewidths=0)
    return [name for _, _, name in named]


def _occupied(static: StaticMap) -> list[Bbox]:
    """The pixels the frame's texts (their boxes included) and its legend cover."""
    figure, axes = static.figure, static.axes
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    taken = [_box(text, renderer) for text in [*figure.texts, *axes.texts] if text.get_visible()]
    return taken + [legend.get_window_extent(renderer) for legend in figure.legends]


def _box(text: Text, renderer: Any) -> Bbox:
    """The pixels a text covers, its box (padding) included."""
    extent = text.get_window_extent(renderer)
    patch = text.get_bbox_patch()
    if patch is None:
        return extent
    text.update_bbox_position_size(renderer)
    return Bbox.union([extent, patch.get_window_extent(renderer)])


def month_listing(catalogue: Catalogue, day: dt.date, lang: Lang) -> str:
    """The events of the month of `day`, a line each ("4 Eyl: Sivas Kongresi"): those that began
    in it, and those that ended in it after beginning earlier ("23 Ağu–13 Eyl: …"), in order;
    at most MAX_LINES, the last then saying how many more. An event dated only to a season or
    a year has no day in a month and is not listed (the map still shows it)."""
    month = (day.year, day.month)
    entries: list[tuple[dt.date, str, str]] = []
    for event in catalogue.events:
        began = _start_text(event.when, lang)
        if began is None:
            continue
        if (event.when.start.year, event.when.start.month) == month:
            entries.append((event.when.start, event.id, f"{began}: {_title(event, lang)}"))
            continue
        ended = _end_text(event.when, lang)
        if ended is not None and (event.when.end.year, event.when.end.month) == month:
            if event.when.start.year != day.year:  # "1 Nis 1920–9 Şub": the year it began
                began = _start_text(event.when, lang, year=True)
            entries.append((event.when.end, event.id, f"{began}–{ended}: {_title(event, lang)}"))
    lines = [shortened(printable(text), LINE_CHARACTERS) for _, _, text in sorted(entries)]
    if len(lines) > MAX_LINES:
        more = len(lines) - (MAX_LINES - 1)
        lines = [*lines[: MAX_LINES - 1], label("frame_more", lang).format(count=more)]
    return "\n".join(lines)


def _title(event: Event, lang: Lang) -> str:
    return str(event.title.get(lang))


def _start_text(when: When, lang: Lang, *, year: bool = False) -> str | None:
    """The start as short as the author knew it: "4 Eyl", "Eyl" (a month), None (a season, a year)."""
    first = parse_when(when.text.split("/")[0])
    return _short(first, lang, year=year)


def _end_text(when: When, lang: Lang) -> str | None:
    """The end of an interval known to the day ("13 Eyl"), else None."""
    parts = when.text.split("/")
    if len(parts) != 2:
        return None
    last = parse_when(parts[1])
    return _short(last, lang) if last.precision == "day" else None


def _short(when: When, lang: Lang, *, year: bool = False) -> str | None:
    if when.precision == "day":
        text = str(format_date(when.start, "d MMM y" if year else "d MMM", locale=lang))
    elif when.precision == "month":
        text = str(format_date(when.start, "MMM y" if year else "MMM", locale=lang))
    else:
        return None
    # As EDTF writes them: ~ about, ? not certain.
    return ("~" if when.approximate else "") + text + ("?" if when.uncertain else "")


def palette_colours() -> list[RGB]:
    """The colours every frame keeps exactly: the holders' (full and faint, and their own colour
    the outlines use), the event categories', land, sea, coast, the panel, and the greys of
    lines and text."""
    hexes = [*(c for h in HOLDERS.values() for c in (h.fill, h.faint, h.colour)), *CATEGORY_COLOUR.values(),
             LAND, SEA, COAST, PANEL_COLOUR, "#ffffff", "#000000", "#111111", "#222222", "#333333",
             "#444444", "#4a4a4a", "#555555", "#777777", "#999999", "#cccccc"]  # fmt: skip
    colours: list[RGB] = []
    for value in hexes:
        rgb = (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
        if rgb not in colours:
            colours.append(rgb)
    return colours


# One palette index is never drawn: a frame's pixels that are as in the frame before take it and
# show through (GIF transparency), so a month's GIF frame stores only what changed.
UNCHANGED = 255


def gif_palette(images: Sequence[Image.Image]) -> list[RGB]:
    """The GIF's 255 drawn colours: the fixed ones first, then shades spread over all the other
    colours the frames have (edges where two colours meet, text on its box, translucent boxes
    over each area), by maximum coverage of the distinct ones, however few pixels each has: a
    pixel where a front meets an area is then never drawn in an event category's colour."""
    fixed = palette_colours()
    seen = np.zeros(1 << 24, dtype=bool)
    for image in images:
        seen[_packed(image)] = True
    seen[[r << 16 | g << 8 | b for r, g, b in fixed]] = False
    others = np.flatnonzero(seen)  # in order of their number: the same for the same frames
    colours = list(fixed)
    if len(others):
        pixels = np.stack([others >> 16, (others >> 8) & 255, others & 255], axis=1).astype(np.uint8)
        found = Image.fromarray(pixels.reshape(1, -1, 3)).quantize(
            colors=UNCHANGED - len(fixed), method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE
        )
        extra = found.getpalette() or []
        known = set(colours)
        for index in range(0, len(extra), 3):
            rgb = (extra[index], extra[index + 1], extra[index + 2])
            if rgb not in known and len(colours) < UNCHANGED:
                colours.append(rgb)
                known.add(rgb)
    return colours


def _packed(image: Image.Image) -> Any:
    """An RGB image's pixels as one number each (0xRRGGBB), row after row."""
    pixels = np.asarray(image.convert("RGB"), dtype=np.uint32).reshape(-1, 3)
    return pixels[:, 0] << 16 | pixels[:, 1] << 8 | pixels[:, 2]


class _Nearest:
    """Each RGB colour's nearest palette entry (Euclidean in RGB, the lower index on a tie),
    worked out once per colour: frames share most of their colours. Exact, unlike PIL's own
    look-up (`quantize(palette=…)`), which reads colours to 6 bits a channel and so moves some
    of the fixed colours onto a neighbour."""

    def __init__(self, colours: Sequence[RGB]) -> None:
        self.palette = np.asarray(colours, dtype=np.float64)
        self.lengths = (self.palette**2).sum(axis=1)
        self.index = np.full(1 << 24, UNCHANGED, dtype=np.uint8)  # UNCHANGED: not yet worked out

    def __call__(self, image: Image.Image) -> Image.Image:
        packed = _packed(image)
        found = self.index[packed]
        new = np.unique(packed[found == UNCHANGED])
        if len(new):
            rgb = np.stack([new >> 16, (new >> 8) & 255, new & 255], axis=1).astype(np.float64)
            # |c - p|² = |p|² - 2 c·p + |c|²; integers far below 2⁵³, so exact in float64.
            distances = self.lengths[None, :] - 2 * rgb @ self.palette.T
            self.index[new] = np.argmin(distances, axis=1).astype(np.uint8)
            found = self.index[packed]
        return Image.frombytes("P", image.size, found.tobytes())


def gif_bytes(images: Sequence[Image.Image]) -> bytes:
    """An endlessly looping GIF with one global palette for all frames, each frame storing only
    what changed; the last frame is held so the end can be read."""
    colours = gif_palette(images)
    # The unchanged index needs a colour of its own (PIL matches frames to the palette by colour).
    unused = next(c for c in ((255, 0, 255), *((0, 255, v) for v in range(256))) if c not in colours)
    entries = [*colours, *[(0, 0, 0)] * (UNCHANGED - len(colours)), unused]
    flat = bytes(value for rgb in entries for value in rgb)
    nearest = _Nearest(colours)
    paletted = []
    for image in images:
        frame = nearest(image)
        frame.putpalette(flat)
        paletted.append(frame)
    durations = [FRAME_MS] * (len(paletted) - 1) + [FRAME_MS * LAST_FRAME_HOLD]
    buffer = io.BytesIO()
    # `palette` makes it the global colour table (no frame carries its own); `optimize` with a
    # `transparency` index makes PIL store a frame's unchanged pixels as that index; disposal 1
    # leaves each frame in place for the next to be drawn over.
    paletted[0].save(
        buffer, format="GIF", save_all=True, append_images=paletted[1:], duration=durations, loop=0,
        palette=flat, optimize=True, transparency=UNCHANGED, disposal=1,
    )  # fmt: skip
    return buffer.getvalue()


def mp4_bytes(images: Sequence[Image.Image]) -> bytes | None:
    """An H.264 MP4 for slide programs that do not play GIFs; None without imageio-ffmpeg."""
    try:
        from imageio_ffmpeg import get_ffmpeg_exe
    except ImportError:
        return None
    width, height = images[0].size
    # Each picture is sent once, at one picture per month's time; the last, once per hold.
    raw = b"".join(image.tobytes() for image in images) + images[-1].tobytes() * (LAST_FRAME_HOLD - 1)
    per_picture = f"1000/{FRAME_MS}"
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "animation.mp4"
        command = [
            get_ffmpeg_exe(), "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24",
            "-s", f"{width}x{height}", "-framerate", per_picture, "-i", "-", "-r", str(VIDEO_FPS),
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-crf", "23", "-preset", "veryfast", "-threads", "1",
            "-movflags", "+faststart", "-map_metadata", "-1",
            # No encoder version string or creation time in the file: the same bytes every run.
            "-fflags", "+bitexact", "-flags:v", "+bitexact", "-x264-params", "no-info=1",
            str(target),
        ]  # fmt: skip
        subprocess.run(command, input=raw, check=True, capture_output=True)
        return target.read_bytes()
