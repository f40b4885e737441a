"""The one cache folder: the GeoNames index, parsed YAML and built geometry are kept there."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def cache_dir() -> Path:
    """`ATLAS_CACHE_DIR`, else the platform's user cache folder."""
    override = os.environ.get("ATLAS_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("milli-mucadele-atlas"))
