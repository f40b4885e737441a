"""`build_maps.py slides`: everything for slides and handouts, rendered in memory first.

Per stop: PNG at each resolution, SVG and PDF; the deck (tour.pptx) with two overview maps; the
printable handout (handout.pdf); the monthly animation (GIF, and MP4 where imageio-ffmpeg
provides ffmpeg). `only` picks some of these kinds. Stop maps and animation frames are drawn on
all cores, and kept in a cache keyed by what they show (drawn_cache.py): a run after a caption
change redraws no map, only the deck and the handout.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import partial
from typing import Any

from PIL import Image

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang
from mmatlas.render.slides.drawn_cache import DrawnCache, key_of
from mmatlas.render.slides.slide_images import (
    DEFAULT_DPIS,
    SLIDE_DPI,
    assemble,
    draw_parts,
    stop_key,
    stop_parts,
)
from mmatlas.render.slides.static_map import StaticMap, prepare
from mmatlas.render.stops import PlacedStop

FOLDER = "slides"
ANIMATION = "1919-1923"
KINDS = ("png", "svg", "pdf", "deck", "handout", "gif", "mp4")
DECK, HANDOUT = "tour.pptx", "handout.pdf"
OVERVIEWS = ("tour-overview.png", "catalogue-overview.png")


@dataclass(frozen=True)
class Step:
    """One piece of drawing done: what it was, how many of how many, seconds so far."""

    done: int
    total: int
    what: str
    elapsed: float

    @property
    def left_s(self) -> float | None:
        """Seconds still to go at the pace so far (None before the first piece)."""
        return self.elapsed / self.done * (self.total - self.done) if self.done else None


Progress = Callable[[Step], None]


def kind_of(name: str) -> str | None:
    """Which of KINDS a file of the export (its name under slides/) belongs to."""
    if name in (DECK, *OVERVIEWS):
        return "deck"
    if name == HANDOUT:
        return "handout"
    if name.startswith(ANIMATION + "."):
        return name.rsplit(".", 1)[1]
    suffix = name.rsplit(".", 1)[-1]
    return suffix if suffix in ("png", "svg", "pdf") else None


def export_files(
    catalogue: Catalogue,
    stops: Sequence[PlacedStop],
    *,
    lang: Lang,
    dpis: Sequence[int] = DEFAULT_DPIS,
    only: Iterable[str] = KINDS,
    title: str | None = None,
    subtitle: str | None = None,
    months: tuple[tuple[int, int], tuple[int, int]] | None = None,
    jobs: int | None = None,
    cache: DrawnCache | None = None,
    progress: Progress = lambda _: None,
) -> dict[str, bytes]:
    """Every export file's path (under slides/) and bytes, for the kinds in `only`; `months` =
    (first, last) to shorten the animation (default: 1918-11 to 1923-10); `jobs` processes
    draw (default: one per core)."""
    from mmatlas.render.slides.animation import gif_bytes, month_ends, mp4_bytes

    kinds = set(only)
    cache = cache if cache is not None else DrawnCache()
    days = (month_ends(*months) if months else month_ends()) if kinds & {"gif", "mp4"} else []
    drawing = _Drawing(catalogue, lang, dpis, kinds, cache)
    stop_parts_by_number, frames_png = drawing.run(stops, days, jobs, progress)
    drawn = [assemble(number, placed, stop_parts_by_number[number]) for number, placed in enumerate(stops, 1)]
    files: dict[str, bytes] = {}
    for images in drawn:
        files.update({f"{FOLDER}/{name}": data for name, data in images.files.items()})
    # The deck, the handout and the animation depend on nothing but what their maps show, the
    # stops' texts and the titles: kept like the maps, so a run with nothing changed makes none.
    tour = [[*stop_key(catalogue, placed, lang), placed.stop.caption.get(lang)] for placed in stops]
    made = partial(_made, cache, catalogue.load.fingerprint, lang)
    if "deck" in kinds:
        from mmatlas.render.slides.deck import tour_deck

        tour_png, catalogue_png = drawing.overviews(stops)
        files[f"{FOLDER}/{OVERVIEWS[0]}"] = tour_png
        files[f"{FOLDER}/{OVERVIEWS[1]}"] = catalogue_png
        files[f"{FOLDER}/{DECK}"] = made(
            ("deck", tour, title, subtitle),
            lambda: tour_deck(catalogue, drawn, lang=lang, tour_png=tour_png, catalogue_png=catalogue_png,
                              title=title, subtitle=subtitle),
        )  # fmt: skip
    if "handout" in kinds:
        from mmatlas.render.slides.handout import handout_pdf

        files[f"{FOLDER}/{HANDOUT}"] = made(
            ("handout", tour, title, subtitle),
            lambda: handout_pdf(catalogue, drawn, lang=lang, title=title, subtitle=subtitle),
        )
    if days:
        isos = [day.isoformat() for day in days]

        def pictures() -> list[Image.Image]:
            return [Image.open(io.BytesIO(frames_png[iso])).convert("RGB") for iso in isos]

        if "gif" in kinds:
            files[f"{FOLDER}/{ANIMATION}.gif"] = made(("gif", isos), lambda: gif_bytes(pictures()))
        if "mp4" in kinds:
            video = made(("mp4", isos), lambda: mp4_bytes(pictures()) or b"")
            if video:  # empty: no ffmpeg (imageio-ffmpeg) on this machine
                files[f"{FOLDER}/{ANIMATION}.mp4"] = video
    cache.prune()
    return files


def _made(
    cache: DrawnCache, fingerprint: str, lang: Lang, what: tuple[Any, ...], make: Callable[[], bytes]
) -> bytes:
    """A file made from drawn maps, from the cache where it has it (keyed by what it is made of)."""
    key = key_of("made", fingerprint, lang, *what)
    data = cache.get(key)
    if data is None:
        data = make()
        if data:
            cache.put(key, data)
    return data


# The catalogue a forked drawing process inherits (set before the processes start).
_INHERITED: Catalogue | None = None


def _draw_stop_task(placed: PlacedStop, lang: Lang, parts: list[str]) -> dict[str, bytes]:
    assert _INHERITED is not None
    return draw_parts(_INHERITED, placed, lang=lang, parts=parts)


def _draw_frame_task(day_iso: str, lang: Lang) -> bytes:
    import datetime as dt

    from mmatlas.render.slides.animation import frames

    assert _INHERITED is not None
    (image,) = frames(_INHERITED, [dt.date.fromisoformat(day_iso)], lang=lang)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


class _Drawing:
    """The stop maps and frames of one export: from the cache where it has them, the rest drawn."""

    def __init__(self, catalogue: Catalogue, lang: Lang, dpis: Sequence[int], kinds: set[str],
                 cache: DrawnCache) -> None:  # fmt: skip
        self.catalogue, self.lang, self.cache = catalogue, lang, cache
        wanted: list[str] = [kind for kind in ("png", "svg", "pdf") if kind in kinds]
        if kinds & {"deck", "handout"}:
            wanted.append("slide")
        self.parts = stop_parts(dpis, wanted)

    def run(
        self, stops: Sequence[PlacedStop], days: Sequence[Any], jobs: int | None, progress: Progress
    ) -> tuple[dict[int, dict[str, bytes]], dict[str, bytes]]:
        started = time.perf_counter()
        by_number: dict[int, dict[str, bytes]] = {}
        tasks: list[tuple[str, tuple[Any, ...], Callable[[Any], None]]] = []
        for number, placed in enumerate(stops, start=1):
            base = stop_key(self.catalogue, placed, self.lang)
            keys = {part: key_of("stop", *base, part) for part in self.parts}
            found = {part: self.cache.get(key) for part, key in keys.items()}
            by_number[number] = {part: data for part, data in found.items() if data is not None}
            missing = [part for part, data in found.items() if data is None]
            if missing:
                keep = partial(self._keep, by_number[number], keys)
                tasks.append(
                    (f"{number:02d}-{placed.stop.id}", (_draw_stop_task, placed, self.lang, missing), keep)
                )
        frames: dict[str, bytes] = {}
        for day in days:
            iso = day.isoformat()
            key = key_of("frame", self.catalogue.load.fingerprint, self.lang, iso)
            cached = self.cache.get(key)
            if cached is not None:
                frames[iso] = cached
            else:
                keep = partial(self._keep_frame, frames, iso, key)
                tasks.append((iso[:7], (_draw_frame_task, iso, self.lang), keep))
        self._execute(tasks, jobs, progress, started)
        return by_number, frames

    def _keep(self, into: dict[str, bytes], keys: dict[str, str], made: dict[str, bytes]) -> None:
        for part, data in made.items():
            self.cache.put(keys[part], data)
        into.update(made)

    def _keep_frame(self, frames: dict[str, bytes], day: str, key: str, png: bytes) -> None:
        self.cache.put(key, png)
        frames[day] = png

    def _execute(
        self, tasks: list[tuple[str, tuple[Any, ...], Callable[[Any], None]]], jobs: int | None,
        progress: Progress, started: float,
    ) -> None:  # fmt: skip
        total = len(tasks)
        workers = min(jobs or os.cpu_count() or 1, total)
        global _INHERITED
        _INHERITED = self.catalogue
        try:
            if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
                for done, (what, (function, *args), keep) in enumerate(tasks, start=1):
                    keep(function(*args))
                    progress(Step(done, total, what, time.perf_counter() - started))
                return
            # Forked, so each process has the loaded catalogue without loading or pickling it,
            # and the projected land and cells, made once here.
            prepare(self.catalogue)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # fork() with threads (3.12+)
                executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
                with executor:
                    futures: dict[Future[Any], tuple[str, Callable[[Any], None]]] = {
                        executor.submit(function, *args): (what, keep)
                        for what, (function, *args), keep in tasks
                    }
                    for done, future in enumerate(as_completed(futures), start=1):
                        what, keep = futures[future]
                        keep(future.result())
                        progress(Step(done, total, what, time.perf_counter() - started))
        finally:
            _INHERITED = None

    def overviews(self, stops: Sequence[PlacedStop]) -> tuple[bytes, bytes]:
        """The tour's and the catalogue's overview maps, from the cache where it has them."""
        from mmatlas.render.slides.overview_maps import catalogue_overview, tour_overview

        where = [stop_key(self.catalogue, placed, self.lang) for placed in stops]
        fingerprint = self.catalogue.load.fingerprint
        tour = self._overview(key_of("tour", fingerprint, self.lang, where), tour_overview, stops)
        whole = self._overview(key_of("catalogue", fingerprint, self.lang), catalogue_overview)
        return tour, whole

    def _overview(self, key: str, draw: Callable[..., StaticMap], *args: Any) -> bytes:
        png = self.cache.get(key)
        if png is None:
            png = _png(draw(self.catalogue, *args, self.lang))
            self.cache.put(key, png)
        return png


def _png(static: StaticMap) -> bytes:
    try:
        return static.png(SLIDE_DPI)
    finally:
        static.close()
