"""The borders moving across the period: one frame per month, as GIF and (with ffmpeg) MP4.

Each frame is the whole theatre on the last day of its month, so it shows how the month ended:
the date written large, the month's events listed under it, the reference towns named. The GIF
has one palette for all its frames, built from the atlas's own colours (every holder, every
event category, land and sea) so that no two of them merge, the rest filled with the frames'
commonest other shades. The same frames give byte-identical files on every run.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from babel.dates import format_date
from PIL import Image

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.holders import HOLDERS, LAND
from mmatlas.core.lang import Lang
from mmatlas.core.text import printable, shortened
from mmatlas.core.vocabulary import CATEGORY_COLOUR
from mmatlas.render.i18n import label
from mmatlas.render.layers import default_keys
from mmatlas.render.reference_towns import reference_places
from mmatlas.render.slides.overview_maps import THEATRE_CENTRE, THEATRE_ZOOM
from mmatlas.render.slides.static_map import COAST, PANEL_COLOUR, SEA, StaticMap, place_label, render, to_map

FIRST_MONTH, LAST_MONTH = (1918, 11), (1923, 10)  # from Mudros to the Republic
# What the atlas shows when it opens, without place names (a frame is read at a glance).
LAYERS = tuple(key for key in default_keys() if key != "labels")
FRAME_INCHES = (9.6, 5.44)  # 960 × 544 pixels: both sides divisible by 16, as video codecs want
FRAME_MS, LAST_FRAME_HOLD = 900, 3  # each month 0.9 s; the last one three times as long
VIDEO_FPS = 10  # ffmpeg repeats each month's picture 9 times: players dislike very low frame rates
# A frame is 960 pixels wide at 100 dpi: a point is 1.39 pixels, so 9 pt is about 12.5 pixels.
EVENTS_PT, TOWN_PT = 9.5, 9
MAX_LISTED = 6


def month_ends(first: tuple[int, int] = FIRST_MONTH, last: tuple[int, int] = LAST_MONTH) -> list[dt.date]:
    """The last day of every month from `first` to `last` (year, month), both included."""
    days: list[dt.date] = []
    year, month = first
    while (year, month) <= last:
        days.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
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
    """The map of one frame, before it becomes pixels (its texts can be read)."""
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
    )
    figure, axes = static.figure, static.axes
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    listing = month_listing(catalogue, day, lang)
    if listing:
        figure.text(0.03, 0.72, listing, ha="left", va="top", fontsize=EVENTS_PT, color="#222222", zorder=9,
                    linespacing=1.3, bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                                           "edgecolor": "none", "alpha": 0.85})  # fmt: skip
    taken = [text.get_window_extent(renderer) for text in figure.texts]
    taken += [legend.get_window_extent(renderer) for legend in figure.legends]
    x0, x1 = axes.get_xlim()
    y0, y1 = axes.get_ylim()
    towns = []
    for place in reference_places(catalogue):
        point = catalogue.gazetteer.point(place)
        x, y = to_map(point.x, point.y)
        if x0 < x < x1 and y0 < y < y1:
            towns.append((x, y))
            place_label(axes, figure, x, y, place.name(lang, day.year), taken, size=TOWN_PT, reference=True)
    if towns:
        xs, ys = zip(*towns, strict=True)
        axes.scatter(xs, ys, s=9, color="#333333", zorder=5.5, linewidths=0)
    return static


def month_listing(catalogue: Catalogue, day: dt.date, lang: Lang) -> str:
    """The events that began in the month of `day`, a line each ("12 Eyl: Sivas Kongresi
    toplanır"), at most MAX_LISTED, then how many more."""
    began = [e for e in catalogue.events if (e.when.start.year, e.when.start.month) == (day.year, day.month)]
    lines = [
        f"{format_date(e.when.start, 'd MMM', locale=lang)}: {shortened(printable(e.title.get(lang)), 46)}"
        for e in sorted(began, key=lambda e: (e.when.start, e.id))
    ]
    if len(lines) > MAX_LISTED:
        more = len(lines) - (MAX_LISTED - 1)
        lines = [*lines[: MAX_LISTED - 1], f"+{more} " + ("olay daha" if lang == "tr" else "more")]
    return "\n".join(lines)


def palette_colours() -> list[tuple[int, int, int]]:
    """The colours every frame keeps exactly: the holders' (full and faint), the event
    categories', land, sea, coast, the panel, and the greys of lines and text."""
    hexes = [*(c for h in HOLDERS.values() for c in (h.fill, h.faint, h.colour)), *CATEGORY_COLOUR.values(),
             LAND, SEA, COAST, PANEL_COLOUR, "#ffffff", "#000000", "#111111", "#222222", "#333333",
             "#444444", "#4a4a4a", "#555555", "#777777", "#999999", "#cccccc"]  # fmt: skip
    colours: list[tuple[int, int, int]] = []
    for value in hexes:
        rgb = (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
        if rgb not in colours:
            colours.append(rgb)
    return colours


def gif_palette(images: Sequence[Image.Image]) -> Image.Image:
    """One 256-colour palette for every frame: the fixed colours first, then the commonest other
    shades of the frames (anti-aliased edges, blends), found by median cut on a sample of them."""
    fixed = palette_colours()
    sample = Image.new("RGB", (images[0].width, images[0].height * min(len(images), 8)))
    step = max(1, len(images) // 8)
    for row, image in enumerate(images[::step][:8]):
        sample.paste(image, (0, row * image.height))
    found = sample.quantize(
        colors=256 - len(fixed), method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    extra = found.getpalette() or []
    colours = list(fixed)
    for index in range(0, min(len(extra), 3 * (256 - len(fixed))), 3):
        rgb = (extra[index], extra[index + 1], extra[index + 2])
        if rgb not in colours and len(colours) < 256:
            colours.append(rgb)
    colours += [(0, 0, 0)] * (256 - len(colours))
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for rgb in colours for value in rgb])
    return palette


def gif_bytes(images: Sequence[Image.Image]) -> bytes:
    """An endlessly looping GIF with one palette for all frames; the last frame is held so the
    end can be read."""
    palette = gif_palette(images)
    paletted = [image.quantize(palette=palette, dither=Image.Dither.NONE) for image in images]
    durations = [FRAME_MS] * (len(paletted) - 1) + [FRAME_MS * LAST_FRAME_HOLD]
    buffer = io.BytesIO()
    paletted[0].save(
        buffer, format="GIF", save_all=True, append_images=paletted[1:], duration=durations, loop=0,
        optimize=False,
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
