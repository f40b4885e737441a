"""The borders moving across the period: one frame per month, as GIF and (with ffmpeg) MP4.

Each frame is the whole theatre on the last day of its month, so it shows how the month ended,
with the date written large. The same frames give byte-identical files on every run.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang
from mmatlas.render.i18n import label
from mmatlas.render.layers import default_keys
from mmatlas.render.slides.overview_maps import THEATRE_CENTRE, THEATRE_ZOOM
from mmatlas.render.slides.static_map import render

FIRST_MONTH, LAST_MONTH = (1918, 11), (1923, 10)  # from Mudros to the Republic
# What the atlas shows when it opens, without place names (a frame is read at a glance).
LAYERS = tuple(key for key in default_keys() if key != "labels")
FRAME_INCHES = (9.6, 5.44)  # 960 × 544 pixels: both sides divisible by 16, as video codecs want
FRAME_MS, LAST_FRAME_HOLD = 900, 3  # each month 0.9 s; the last one three times as long
VIDEO_FPS = 10  # ffmpeg repeats each month's picture 9 times: players dislike very low frame rates


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
        try:
            images.append(static.image())
        finally:
            static.close()
    return images


def gif_bytes(images: Sequence[Image.Image]) -> bytes:
    """An endlessly looping GIF; the last frame is held so the end can be read."""
    paletted = [
        image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        for image in images
    ]
    durations = [FRAME_MS] * (len(paletted) - 1) + [FRAME_MS * LAST_FRAME_HOLD]
    buffer = io.BytesIO()
    paletted[0].save(
        buffer, format="GIF", save_all=True, append_images=paletted[1:], duration=durations, loop=0
    )
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
