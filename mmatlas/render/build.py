"""Build every output of the atlas into a folder, all or nothing."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang
from mmatlas.render.atlas.embed import embed_guide
from mmatlas.render.atlas.interactive import PERIOD_END, PERIOD_START, atlas_html, compare_html
from mmatlas.render.atlas.slices import year_slice
from mmatlas.render.data_files.geojson import geojson_text
from mmatlas.render.data_files.geopackage import atlas_geopackage
from mmatlas.render.data_files.kml import atlas_kmz
from mmatlas.render.data_files.layers import data_layers
from mmatlas.render.data_files.lpf import places_lpf
from mmatlas.render.i18n import label
from mmatlas.render.publish import STAGING, remove_leftovers
from mmatlas.render.stops import PlacedStop

YEARS = (1919, 1920, 1921, 1922, 1923)
# Files earlier versions of the atlas wrote that it writes no more: areas and treaty lines in one
# file, which QGIS split into sub-layers. Left beside the new files, they would be opened instead.
RETIRED = ("data/territories.geojson",)


def render_all(
    catalogue: Catalogue,
    *,
    lang: Lang,
    offline: bool,
    initial: dt.date | None = None,
    stops: Sequence[PlacedStop] = (),
) -> dict[str, str | bytes]:
    """Every output file's relative path and content, rendered in memory before anything is written."""
    files: dict[str, str | bytes] = {
        "index.html": atlas_html(catalogue, lang=lang, offline=offline, initial=initial, stops=stops),
        "compare.html": compare_html(catalogue, lang=lang, offline=offline),
    }
    for year in YEARS:
        files[f"{year}.html"] = _year_page(catalogue, year, lang=lang, offline=offline)
    files["embed.md"] = embed_guide(lang)
    layers = data_layers(catalogue, lang)
    for layer in layers:
        files[f"data/{layer.key}.geojson"] = geojson_text(layer)
    files["data/atlas.gpkg"] = atlas_geopackage(layers, lang)
    files["data/atlas.kmz"] = atlas_kmz(layers, lang, label("title", lang))
    files["data/places.lpf.json"] = places_lpf(catalogue, lang)
    return files


def _year_page(catalogue: Catalogue, year: int, *, lang: Lang, offline: bool) -> str:
    """One year only: what was in force or happened in it, small enough for an iframe."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    span = (max(first, PERIOD_START), min(last, PERIOD_END))
    within = year_slice(catalogue, *span)
    starts = [e.when.start for e in within.events if e.when.start >= span[0]]
    return atlas_html(
        within,
        lang=lang,
        offline=offline,
        initial=min(starts) if starts else span[0],
        span=span,
        title=label("year_title", lang).format(year),
    )


def write_outputs(files: Mapping[str, str | bytes], out_dir: Path) -> list[Path]:
    """Write each file beside its target, then rename it into place.

    A crash leaves every file either as it was or complete: never emptied or half-written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir)  # of runs killed before: they never reached their renames
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING}{os.getpid()}-", dir=out_dir))
    written: list[Path] = []
    try:
        for relative, content in files.items():
            staged = staging / relative
            staged.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            with staged.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for relative in files:
            target = out_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).replace(target)
            written.append(target)
        if "index.html" in files:  # a whole build, not a single report
            for relative in RETIRED:
                (out_dir / relative).unlink(missing_ok=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
