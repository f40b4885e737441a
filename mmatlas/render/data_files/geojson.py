"""A data layer as a GeoJSON file (RFC 7946): compact, keys sorted, byte-identical per input."""

from __future__ import annotations

import json
from functools import partial

from mmatlas.render.atlas.features import RawGeometry
from mmatlas.render.data_files.layers import DataLayer


def geojson_text(layer: DataLayer) -> str:
    """The layer as a FeatureCollection; geometries GEOS already wrote are spliced in as text."""
    dump = partial(json.dumps, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    features = []
    for feature in layer.features:
        geometry = feature["geometry"]
        text = geometry if isinstance(geometry, RawGeometry) else dump(geometry)
        rest = dump({k: v for k, v in feature.items() if k != "geometry"})
        features.append(f'{{"geometry":{text},{rest[1:]}')
    return f'{{"features":[{",".join(features)}],"name":{dump(layer.key)},"type":"FeatureCollection"}}\n'
