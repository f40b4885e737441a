"""Build every output of the atlas into a folder, all or nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from events.catalogue import Catalogue
from events.model import Lang
from maps.features import collection, event_features, front_features, place_features, territory_features
from maps.interactive import atlas_html


def render_all(
    catalogue: Catalogue, *, lang: Lang, offline: bool, initial: dt.date | None = None
) -> dict[str, str]:
    """Every output file's relative path and text, rendered in memory before anything is written."""
    return {
        "index.html": atlas_html(catalogue, lang=lang, offline=offline, initial=initial),
        "data/events.geojson": _geojson_text(collection(event_features(catalogue, lang))),
        "data/places.geojson": _geojson_text(collection(place_features(catalogue, lang))),
        "data/territories.geojson": _geojson_text(collection(territory_features(catalogue, lang))),
        "data/fronts.geojson": _geojson_text(collection(front_features(catalogue, lang))),
    }


def write_outputs(files: dict[str, str], out_dir: Path) -> list[Path]:
    """Write each file beside its target, then rename it into place.

    A crash leaves every file either as it was or complete: never emptied or half-written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=out_dir))
    written: list[Path] = []
    try:
        for relative, text in files.items():
            staged = staging / relative
            staged.parent.mkdir(parents=True, exist_ok=True)
            with staged.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        for relative in files:
            target = out_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).replace(target)
            written.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _geojson_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
