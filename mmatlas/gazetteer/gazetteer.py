"""Offline look-up of places by any of their names, as historians write them.

Sources, in order: a point given in the YAML (`at:`); the curated historical gazetteer
(geo/places.yaml: period names, regions, pins for names GeoNames gets wrong for the period);
then GeoNames' cities through the local index, namesakes ranked by the theatre of the war.
A name that still fits several places fails, naming them; nothing is guessed silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from mmatlas.core.geometry import GeometrySpec
from mmatlas.core.records import LocalText, SourceRef
from mmatlas.core.text import fold, fold_exact, lookup_keys
from mmatlas.core.theatre import latlon_text
from mmatlas.gazetteer.geonames import City, GeoNames
from mmatlas.gazetteer.places import Place, PlaceMention, PlaceName, PlaceRef

if TYPE_CHECKING:
    from pyproj import Geod

Source = Literal["yaml", "curated", "geonames"]
Confidence = Literal["high", "medium"]
# A namesake this many times smaller is taken as not meant (İğdir village vs. Iğdır town).
DOMINANCE = 10
# How far a `near:` hint may be from the place it picks before the match counts as weak.
NEAR_KM = 60
GEONAMES_PRECISION_KM = 2.0
# rapidfuzz ratio (0–100) from which a name is offered as 'did you mean': one wrong letter in
# a four-letter name (Rulp → Kulp) scores 75.
SUGGEST_SCORE = 70


TIER_REASON = {
    3: "a conference or treaty venue",
    2: "the only one in the war's theatre",
    1: "the only one near the war's theatre",
}
TIER_WHERE = {3: "among the venues", 2: "in the war's theatre", 1: "near the war's theatre", 0: "anywhere"}


_APOSTROPHES = "'’ʼʻ`´‘"
SWAP_KM = 200  # a given point this far from the named place, whose swap is near it, is swapped


class PlaceLookupError(LookupError):
    """A name that matched no place, or several: the message says which and why."""


@dataclass(frozen=True)
class Match:
    """Where a name was placed, from which source, how surely, and what else it could be."""

    written: str
    place: Place
    source: Source
    confidence: Confidence
    reason: str
    runners_up: tuple[str, ...] = ()
    point: tuple[float, float] = (0.0, 0.0)
    country: str | None = None


@dataclass(frozen=True)
class _Candidate:
    label: str
    point: tuple[float, float]  # lon, lat
    country: str | None
    place: Place | None = None
    city: City | None = None


@dataclass
class Gazetteer:
    """Curated places with their built geometries, plus GeoNames for everything else."""

    curated: Mapping[str, Place]
    geometries: dict[str, BaseGeometry]
    geonames: GeoNames | None = None
    _found: dict[str, Place] = field(default_factory=dict, repr=False)
    _index: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _memo: dict[tuple[PlaceMention, tuple[SourceRef, ...]], Match] = field(default_factory=dict, repr=False)
    # The curated place of each GeoNames town pinned in geo/places.yaml: one place per town.
    _by_gid: dict[int, Place] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_gid = {p.geonames_id: p for p in self.curated.values() if p.geonames_id}
        index: dict[str, set[str]] = defaultdict(set)
        for place in self.curated.values():
            index[fold_exact(place.id)].add(place.id)
            for name in place.names:
                index[fold_exact(name.text)].add(place.id)
        self._index = {k: tuple(sorted(v)) for k, v in index.items()}

    @property
    def places(self) -> dict[str, Place]:
        """Every place known so far: the curated ones and those GeoNames supplied."""
        return {**self.curated, **self._found}

    def geometry(self, place: Place) -> BaseGeometry:
        return self.geometries[place.id]

    def point(self, place: Place) -> Point:
        """Where a marker for the place goes: a point inside it, even for a region."""
        point: Point = self.geometries[place.id].representative_point()
        return point

    def resolve(self, mention: PlaceMention, cited: tuple[SourceRef, ...] = ()) -> Place:
        """The one place meant by `mention`; PlaceLookupError otherwise."""
        return self.match(mention, cited).place

    def match(self, mention: PlaceMention, cited: tuple[SourceRef, ...] = ()) -> Match:
        """Resolve `mention` and explain the choice. `cited`: the sources of a point given inline."""
        key = (mention, cited if isinstance(mention, PlaceRef) and mention.at else ())
        if key not in self._memo:
            self._memo[key] = self._match(mention, cited)
        return self._memo[key]

    def _match(self, mention: PlaceMention, cited: tuple[SourceRef, ...]) -> Match:
        ref = mention if isinstance(mention, PlaceRef) else PlaceRef(name=mention)
        if not ref.name.strip() or ref.name.strip()[0] in _APOSTROPHES:
            # `'ta` alone is a case ending, not a place: GeoNames would find Ta in Micronesia.
            raise PlaceLookupError(
                f"'{ref.name}' has no place name before its ending; write e.g. \"Adana'da\""
            )
        if ref.at is not None:
            if not cited:
                raise PlaceLookupError(f"the point given for '{ref.name}' needs the sources of its record")
            return self._given_point(ref, cited)
        if ref.name in self.curated:
            return self._curated_match(ref.name, self.curated[ref.name], "its id in geo/places.yaml", [])
        keys = lookup_keys(ref.name)
        curated = [self.curated[i] for i in dict.fromkeys(i for k in keys for i in self._index.get(k, ()))]
        cities = self.geonames.candidates(keys) if self.geonames else []
        pinned = {p.geonames_id for p in curated}
        candidates = [self._from_place(p) for p in curated] + [
            self._from_city(c) for c in cities if c.gid not in pinned
        ]
        if ref.country:
            candidates = [c for c in candidates if c.country == ref.country]
            if not candidates:
                raise PlaceLookupError(
                    f"no place called '{ref.name}' in country {ref.country}"
                    + self._also(cities, "; there are")
                )
        if not candidates:
            raise PlaceLookupError(self._unknown(ref.name))
        if ref.near:
            return self._nearest(ref, candidates)
        curated_left = [c for c in candidates if c.place is not None]
        if len(curated_left) == 1:
            others = [c.label for c in candidates if c.place is None]
            assert curated_left[0].place is not None
            return self._curated_match(ref.name, curated_left[0].place, "geo/places.yaml", others)
        if len(curated_left) > 1:
            raise PlaceLookupError(self._ambiguous(ref.name, curated_left))
        return self._rank_cities(ref.name, [c for c in candidates if c.city is not None])

    # --- the three sources ------------------------------------------------------------------

    def _given_point(self, ref: PlaceRef, cited: tuple[SourceRef, ...]) -> Match:
        assert ref.at is not None
        lon, lat = ref.at
        self._check_not_swapped(ref.name, lon, lat)
        slug = "-".join(fold(ref.name).split()) or "place"
        place = Place(
            id=f"at-{slug}-{abs(lat):.4f}-{abs(lon):.4f}".replace(".", "-"),
            names=[PlaceName(text=ref.name, lang="tr")],
            geometry=GeometrySpec(point=(lon, lat)),
            sources=list(cited),
            note="Point given with the record that names it (at: [longitude, latitude]).",
        )
        self._keep(place, Point(lon, lat))
        return Match(ref.name, place, "yaml", "high", "the point given with it", (), (lon, lat))

    def _check_not_swapped(self, name: str, lon: float, lat: float) -> None:
        """A point given for a name the gazetteer knows, far from every place of that name while
        the swapped pair lies by one: latitude and longitude written the wrong way round (as map
        sites give them). Looks the name up without keeping anything it finds."""
        keys = lookup_keys(name)
        known = [
            (point.x, point.y)
            for i in dict.fromkeys(i for k in keys for i in self._index.get(k, ()))
            if (point := self.geometries[i].representative_point()) is not None
        ]
        known += [(city.lon, city.lat) for city in (self.geonames.candidates(keys) if self.geonames else [])]
        if not known or min(_km(k, (lon, lat)) for k in known) <= SWAP_KM:
            return
        if min(_km(k, (lat, lon)) for k in known) < SWAP_KM / 4:
            away = min(_km(k, (lon, lat)) for k in known)
            raise PlaceLookupError(
                f"the point [{lon:g}, {lat:g}] given for '{name}' is {away:,.0f} km from any {name} the "
                f"gazetteer knows; did you mean [lon, lat] = [{lat:g}, {lon:g}]? Longitude comes first"
            )

    def _curated_match(self, written: str, place: Place, why: str, others: list[str]) -> Match:
        point = self.geometries[place.id].representative_point()
        city = self.geonames.city(place.geonames_id) if self.geonames and place.geonames_id else None
        return Match(
            written,
            place,
            "curated",
            "high",
            f"curated in {why}" if not why.startswith("its id") else f"by {why}",
            tuple(others),
            (point.x, point.y),
            city.country if city else None,
        )

    def _rank_cities(self, written: str, candidates: list[_Candidate]) -> Match:
        """The theatre first (a venue, inside it, near it), then size: GeoNames' choice of main
        name never carries a town from another continent over one near the war."""
        cities = sorted(
            (c.city for c in candidates if c.city is not None),
            key=lambda c: (-c.tier, -c.population, c.gid),
        )
        best = cities[0]
        others = [self._city_label(c) for c in cities[1:]]
        if len(cities) == 1:
            return self._city_match(written, best, "high", "the only town of that name in GeoNames", others)
        rivals = [c for c in cities[1:] if c.tier == best.tier]
        if not rivals:
            return self._city_match(written, best, "high", TIER_REASON[best.tier], others)
        same_tier = [best, *rivals]
        main_named = [c for c in same_tier if c.primary]
        if len(main_named) == 1:
            chosen = main_named[0]
            why = "the only one whose main name it is; the others bear it as an alternate name"
            return self._city_match(
                written, chosen, "high", why, [self._city_label(c) for c in cities if c is not chosen]
            )
        second = rivals[0]
        # GeoNames gives 0 for an unknown population (Şarköy's district seat among them): an
        # unknown never counts as small.
        if second.population > 0 and best.population >= DOMINANCE * second.population:
            why = (
                f"the largest of {len(same_tier)} namesakes {TIER_WHERE[best.tier]} "
                f"({best.population:,} inhabitants)"
            )
            return self._city_match(written, best, "medium", why, others)
        raise PlaceLookupError(self._ambiguous(written, [self._from_city(c) for c in same_tier]))

    def _nearest(self, ref: PlaceRef, candidates: list[_Candidate]) -> Match:
        assert ref.near is not None
        anchor = self.match(ref.near).point
        ranked = sorted(candidates, key=lambda c: (_km(anchor, c.point), c.label))
        best = ranked[0]
        km = _km(anchor, best.point)
        why = f"the one nearest {ref.near} ({km:.0f} km)"
        confidence: Confidence = "high" if km <= NEAR_KM else "medium"
        others = tuple(f"{c.label}, {_km(anchor, c.point):.0f} km" for c in ranked[1:])
        if best.place is not None:
            match = self._curated_match(ref.name, best.place, "geo/places.yaml", [])
            return Match(
                ref.name, match.place, "curated", confidence, why, others, match.point, match.country
            )
        assert best.city is not None
        return self._city_match(ref.name, best.city, confidence, why, list(others))

    def _city_match(
        self, written: str, city: City, confidence: Confidence, reason: str, others: list[str]
    ) -> Match:
        # One place per GeoNames town, whatever name found it: Ayıntap is the curated Antep.
        same = self._by_gid.get(city.gid)
        if same is not None:
            return self._curated_match(written, same, "geo/places.yaml (the same GeoNames town)", others)
        place = self._city_place(city)
        return Match(
            written, place, "geonames", confidence, reason, tuple(others), (city.lon, city.lat), city.country
        )

    def _city_place(self, city: City) -> Place:
        place_id = f"geonames-{city.gid}"
        if place_id not in self._found:
            assert self.geonames is not None
            names = [PlaceName(text=city.spelling, lang="tr")]
            if city.name != city.spelling:
                names.append(PlaceName(text=city.name, lang="en"))
            place = Place(
                id=place_id,
                names=names,
                modern=LocalText(
                    tr=f"{city.name}, {self.geonames.country_name(city.country, 'tr')}",
                    en=f"{city.name}, {self.geonames.country_name(city.country, 'en')}",
                ),
                geonames_id=city.gid,
                precision_km=GEONAMES_PRECISION_KM,
                sources=[SourceRef(ref="geonames")],
            )
            self._keep(place, Point(city.lon, city.lat))
        return self._found[place_id]

    def _keep(self, place: Place, shape: BaseGeometry) -> None:
        self._found[place.id] = place
        self.geometries[place.id] = shape

    # --- candidates and messages ------------------------------------------------------------

    def _from_place(self, place: Place) -> _Candidate:
        if place.id not in self.geometries:
            raise PlaceLookupError(f"'{place.id}' is not placed yet: anchor on a town placed before it")
        point = self.geometries[place.id].representative_point()
        city = self.geonames.city(place.geonames_id) if self.geonames and place.geonames_id else None
        return _Candidate(
            f"'{place.id}' ({self.describe(place)}, curated)",
            (point.x, point.y),
            city.country if city else None,
            place=place,
        )

    def _from_city(self, city: City) -> _Candidate:
        return _Candidate(self._city_label(city), (city.lon, city.lat), city.country, city=city)

    def _city_label(self, city: City) -> str:
        """`İslahiye, Turkey (37.0250 N, 36.6306 E; GeoNames 311104), 45 km from Antep`: two
        namesakes of one country told apart by the nearest town of the catalogue."""
        assert self.geonames is not None
        label = self.geonames.describe(city)
        near = self._nearest_curated((city.lon, city.lat))
        return f"{label}, {near[1]:,.0f} km from {near[0].name('tr')}" if near else label

    def _nearest_curated(self, point: tuple[float, float]) -> tuple[Place, float] | None:
        towns = [p for p in self.curated.values() if p.geonames_id and p.id in self.geometries]
        if not towns:
            return None
        found = [(town, _km(point, self._point_of(town))) for town in towns]
        return min(found, key=lambda pair: (pair[1], pair[0].id))

    def _point_of(self, place: Place) -> tuple[float, float]:
        point = self.geometries[place.id].representative_point()
        return (point.x, point.y)

    def _ambiguous(self, written: str, candidates: list[_Candidate]) -> str:
        listed = "; ".join(c.label for c in candidates[:6])
        more = f" and {len(candidates) - 6} more" if len(candidates) > 6 else ""
        return (
            f"'{written}' fits {len(candidates)} places: {listed}{more}. "
            f"Write {{name: {written}, near: <a town nearby>}} or {{name: {written}, country: <code>}}, "
            "or pin the one meant in geo/places.yaml"
        )

    def _also(self, cities: list[City], prefix: str) -> str:
        if not cities:
            return ""
        return f"{prefix} " + "; ".join(self._city_label(c) for c in cities[:4])

    def _unknown(self, written: str) -> str:
        close = self.suggestions(written)
        if close:
            return f"unknown place '{written}' (did you mean {' or '.join(close)}?)"
        return (
            f"unknown place '{written}'; add it to geo/places.yaml, or give its point: "
            f"{{name: {written}, at: [longitude, latitude]}}"
        )

    def suggestions(self, written: str, limit: int = 3) -> list[str]:
        """Close names: curated ones first, described (`'Kulp' (Tuzluca, Iğdır, Turkey)`); GeoNames
        towns of the theatre only where no curated name is close."""
        curated: dict[str, str] = {}
        for place in self.curated.values():
            for name in place.names:
                curated.setdefault(fold(name.text), f"'{name.text}' ({self.describe(place)})")
        towns: dict[str, str] = {}
        if self.geonames is not None:
            for spelling in self.geonames.theatre_spellings():
                towns.setdefault(fold_exact(spelling), f"'{spelling}'")
        for owners in (curated, towns):
            from rapidfuzz import fuzz, process  # only for a name that is not found

            best = process.extract(
                fold(written), list(owners), scorer=fuzz.ratio, limit=limit, score_cutoff=SUGGEST_SCORE
            )
            if best:
                return list(dict.fromkeys(owners[key] for key, _score, _i in best))
        return []

    @staticmethod
    def describe(place: Place) -> str:
        return place.modern.get("en") if place.modern else place.names[0].text


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(_geod().inv(a[0], a[1], b[0], b[1])[2]) / 1000


@cache
def _geod() -> Geod:
    from pyproj import Geod  # imported when first needed: pyproj costs ~0.06 s to import

    return Geod(ellps="WGS84")


def describe_match(match: Match) -> str:
    """Several lines for `build_maps.py geocode`: the match, its source, the runners-up."""
    place = match.place
    source = {
        "yaml": "given in the YAML",
        "curated": f"curated (geo/places.yaml, id {place.id}"
        + (f", GeoNames {place.geonames_id})" if place.geonames_id else ")"),
        "geonames": f"GeoNames {place.geonames_id}",
    }[match.source]
    lines = [
        f"{match.written} → {place.name('tr')}"
        + (f" ({place.modern.get('en')})" if place.modern else "")
        + f": {latlon_text(match.point[1], match.point[0])}",
        f"  source: {source}",
        f"  confidence: {match.confidence} ({match.reason})",
    ]
    lines += [f"  also: {other}" for other in match.runners_up[:5]]
    return "\n".join(lines)
