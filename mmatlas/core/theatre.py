"""Where the war and its diplomacy took place: what ranks one same-named town above another."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


# Anatolia, Thrace and the Aegean, the Caucasus to Baku, and the Levant down to Aqaba (the
# Black Sea ports north of 45° N, Odesa among them, count as near the theatre).
THEATRE_BOX = Box(west=19.0, south=29.0, east=50.5, north=45.0)

# The conference and treaty towns outside the box, by GeoNames id: a 'Paris' or 'Moscow' in a
# source on this period is one of these, not a namesake.
VENUES: dict[int, str] = {
    524901: "Moscow",  # Bekir Sami mission; Treaty of Moscow, 1921
    2643743: "London",  # London Conference, 1921
    2988507: "Paris",  # Peace Conference, 1919
    2969679: "Versailles",
    3169070: "Rome",
    2659994: "Lausanne",  # Conference and Treaty, 1922–1923
    2974678: "Sèvres",  # Treaty of Sèvres, 1920
    3167777: "Sanremo",  # San Remo Conference, 1920
    1138958: "Kabul",  # Turkish–Afghan relations, 1921
    3176219: "Genoa",  # Genoa Conference, 1922
    2950159: "Berlin",
}


# Ankara, from which the geocoder measures "near the war" and the report flags far-off names.
ANKARA = (32.8543, 39.9199)  # lon, lat (GeoNames 323786)
# Within this distance of Ankara lie the Balkans, southern Russia, the Levant and Egypt: a
# namesake here outranks one on another continent (Odesa, Ukraine over Odessa, Texas).
NEAR_THEATRE_KM = 2500.0
EARTH_RADIUS_KM = 6371.0
# `geocode --report` flags every name put farther than this from Ankara, for a reader to audit.
FAR_KM = 1500.0


def latlon_text(lat: float, lon: float) -> str:
    """`40.79 N, 43.85 E`: hemispheres spelt out, as atlases print them."""
    return f"{abs(lat):.4f} {'N' if lat >= 0 else 'S'}, {abs(lon):.4f} {'E' if lon >= 0 else 'W'}"


def km_from_ankara(lon: float, lat: float) -> float:
    """Great-circle distance on a sphere: plenty for ranking namesakes and flagging far names."""
    lon0, lat0 = map(math.radians, ANKARA)
    lon1, lat1 = math.radians(lon), math.radians(lat)
    cos = math.sin(lat0) * math.sin(lat1) + math.cos(lat0) * math.cos(lat1) * math.cos(lon1 - lon0)
    return EARTH_RADIUS_KM * math.acos(max(-1.0, min(1.0, cos)))
