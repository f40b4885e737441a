"""The data layers as one GeoPackage (`data/atlas.gpkg`) that QGIS opens styled and dated.

One table per layer with its one geometry type, dates as DATE columns, lists as text; each
table's QML style in `layer_styles` (as QGIS itself stores it) marked as its default, so
dragging the file into QGIS gives the atlas's colours and a working Temporal Controller.
Written by GDAL through pyogrio; byte-identical for the same input (GDAL's timestamps fixed).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import shapely
from pyogrio.raw import write

from mmatlas.core.lang import Lang
from mmatlas.render.atlas.features import Feature
from mmatlas.render.data_files.layers import DataLayer
from mmatlas.render.data_files.qgis_style import layer_qml
from mmatlas.render.i18n import label

DATE_FIELDS = ("start", "end", "end_exclusive")
GEOMETRY_COLUMN = "geom"
# GDAL stamps tables with the time of writing unless told otherwise; a fixed stamp keeps the
# file byte-identical between builds (the day the atlas's period ends).
FIXED_TIME = "1923-10-29T00:00:00.000Z"
STYLE_TABLE = "layer_styles"


def atlas_geopackage(layers: Sequence[DataLayer], lang: Lang) -> bytes:
    """The GeoPackage file's bytes."""
    with tempfile.TemporaryDirectory(prefix="mmatlas-gpkg-") as folder, _fixed_time():
        path = Path(folder) / "atlas.gpkg"
        for layer in layers:
            _write_layer(path, layer, lang)
        _write_styles(path, layers, lang)
        return path.read_bytes()


@contextmanager
def _fixed_time() -> Iterator[None]:
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_TIME})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})


def _write_layer(path: Path, layer: DataLayer, lang: Lang) -> None:
    names, columns = _columns(layer.features)
    write(
        str(path),
        shapely.to_wkb(np.array(layer.shapes, dtype=object), flavor="iso"),
        columns,
        fields=names,
        layer=layer.key,
        driver="GPKG",
        geometry_type=layer.geometry_type,
        crs="EPSG:4326",
        encoding="UTF-8",
        layer_options={"GEOMETRY_NAME": GEOMETRY_COLUMN, "IDENTIFIER": label(layer.label_key, lang)},
        # GeoPackage 1.2, not GDAL's newest 1.4: the GDAL 3.6 under QGIS 3.22 warns on 1.4.
        dataset_options={"VERSION": "1.2"},
        append=path.exists(),
    )


def _columns(features: Sequence[Feature]) -> tuple[list[str], list[np.ndarray]]:
    """Every property of the layer as a column: dates as DATE, numbers as numbers, lists of
    words one per line, anything else as JSON text."""
    keys = sorted({key for feature in features for key in feature["properties"]})
    names, columns = [], []
    for key in keys:
        values = [feature["properties"].get(key) for feature in features]
        names.append(key)
        columns.append(_column(key, values))
    return names, columns


def _column(key: str, values: list[Any]) -> np.ndarray:
    present = [v for v in values if v is not None]
    if key in DATE_FIELDS:
        return np.array([v if v is not None else "NaT" for v in values], dtype="datetime64[D]")
    if present and all(isinstance(v, bool) for v in present) and len(present) == len(values):
        return np.array(values, dtype=bool)
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        if len(present) == len(values):
            return np.array(values, dtype=np.int64)
        return np.array([float(v) if v is not None else np.nan for v in values])
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return np.array([float(v) if v is not None else np.nan for v in values])
    return np.array([_text(v) for v in values], dtype=object)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value) if value else None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _write_styles(path: Path, layers: Sequence[DataLayer], lang: Lang) -> None:
    """The table QGIS reads a layer's default style from, with one row per layer."""
    count = len(layers)
    write(
        str(path),
        None,
        [
            np.array([""] * count, dtype=object),
            np.array([""] * count, dtype=object),
            np.array([layer.key for layer in layers], dtype=object),
            np.array([GEOMETRY_COLUMN] * count, dtype=object),
            np.array([label(layer.label_key, lang) for layer in layers], dtype=object),
            np.array([layer_qml(layer, lang) for layer in layers], dtype=object),
            np.array([""] * count, dtype=object),
            np.ones(count, dtype=bool),
            np.array([label("data_style_description", lang)] * count, dtype=object),
            np.array([""] * count, dtype=object),
            np.array([""] * count, dtype=object),
            np.array([FIXED_TIME.removesuffix("Z")] * count, dtype="datetime64[ms]"),
        ],
        fields=[
            "f_table_catalog",
            "f_table_schema",
            "f_table_name",
            "f_geometry_column",
            "styleName",
            "styleQML",
            "styleSLD",
            "useAsDefault",
            "description",
            "owner",
            "ui",
            "update_time",
        ],
        layer=STYLE_TABLE,
        driver="GPKG",
        geometry_type=None,
        encoding="UTF-8",
        append=True,
        gdal_tz_offsets={"update_time": np.full(count, 100)},  # GDAL: 100 is UTC, as GeoPackage asks
    )
