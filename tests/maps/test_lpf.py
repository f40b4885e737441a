"""The gazetteer in Linked Places Format: valid against a schema written from the specification,
every place once, names in time with their citations, GeoNames links, the same bytes every run."""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError
from shapely.geometry import shape

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import LANGS, Lang
from mmatlas.gazetteer.places import Place
from mmatlas.render.data_files.lpf import PLACE_BASE, REGION, SETTLEMENT, places_lpf

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "linked_places.schema.json"
REGIONS = {"anadolu", "dogu-cephesi", "dogu-trakya", "kilikya"}
Document = dict[str, Any]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def text(catalogue: Catalogue) -> str:
    return places_lpf(catalogue, "tr")


@pytest.fixture(scope="module")
def document(text: str) -> Document:
    loaded: Document = json.loads(text)
    return loaded


def _feature(document: Document, place_id: str) -> Document:
    found: list[Document] = [f for f in document["features"] if f["@id"] == f"{PLACE_BASE}{place_id}"]
    assert len(found) == 1, place_id
    return found[0]


def _problems(validator: Draft202012Validator, document: Document) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(document)]


def test_the_schema_states_what_it_was_written_from() -> None:
    comment = json.loads(SCHEMA.read_text(encoding="utf-8"))["$comment"]
    assert "https://github.com/LinkedPasts/linked-places-format" in comment
    assert "README.md" in comment
    assert "becd36efc2657c769f72514900872d2856eb0722" in comment


@pytest.mark.parametrize("lang", LANGS)
def test_the_file_is_valid_linked_places(
    catalogue: Catalogue, validator: Draft202012Validator, lang: Lang
) -> None:
    document = json.loads(places_lpf(catalogue, lang))
    assert _problems(validator, document) == []


def test_every_place_is_there_once(catalogue: Catalogue, document: Document) -> None:
    ids = Counter(f["@id"] for f in document["features"])
    assert [i for i, n in ids.items() if n > 1] == []
    assert set(ids) == {f"{PLACE_BASE}{place_id}" for place_id in catalogue.places}
    assert len(catalogue.places) > 500  # curated towns and regions, and GeoNames towns


def test_gumru_carries_its_period_names_with_their_years(document: Document) -> None:
    gumru = _feature(document, "gumru")
    assert gumru["properties"]["title"] == "Gümrü"
    names = {(n["toponym"], n["lang"]): n for n in gumru["names"]}
    # Gümrü in Turkish sources, with no years; Alexandropol until 1924, Leninakan 1924–1990.
    assert "when" not in names["Gümrü", "tr"]
    assert names["Alexandropol", "en"]["when"]["timespans"] == [
        {"start": {"latest": "1918"}, "end": {"in": "1924"}}
    ]
    assert names["Leninakan", "ru"]["when"]["timespans"] == [{"start": {"in": "1924"}, "end": {"in": "1990"}}]
    assert names["Leninakan", "ru"]["when"]["label"] == "1924–1990"
    # Still in use: the end is bounded by the year of the latest source (GeoNames), not left open.
    gyumri = names["Gyumri", "hy"]["when"]["timespans"][0]
    assert gyumri["start"] == {"in": "1991"}
    assert int(gyumri["end"]["earliest"]) >= 1991


def test_the_english_title_is_the_period_name(catalogue: Catalogue) -> None:
    english = json.loads(places_lpf(catalogue, "en"))
    assert _feature(english, "gumru")["properties"]["title"] == "Alexandropol"


def test_every_name_cites_the_places_sources(catalogue: Catalogue, document: Document) -> None:
    for feature in document["features"]:
        place = catalogue.places[feature["@id"].removeprefix(PLACE_BASE)]
        wanted = list(dict.fromkeys(catalogue.cite(s, "tr") for s in place.sources))
        for name in feature["names"]:
            assert [c["label"] for c in name["citations"]] == wanted, (place.id, name["toponym"])


def test_places_with_a_geonames_id_link_to_it(catalogue: Catalogue, document: Document) -> None:
    assert {"type": "closeMatch", "identifier": "gn:616635"} in _feature(document, "gumru")["links"]
    assert _feature(document, "gumru")["properties"]["ccodes"] == ["AM"]
    for feature in document["features"]:
        place = catalogue.places[feature["@id"].removeprefix(PLACE_BASE)]
        links = [link["identifier"] for link in feature.get("links", [])]
        assert links == ([f"gn:{place.geonames_id}"] if place.geonames_id else []), place.id


def test_regions_are_regions_and_towns_settlements(catalogue: Catalogue, document: Document) -> None:
    by_type: dict[str, set[str]] = {}
    for feature in document["features"]:
        for kind in feature.get("types", []):
            by_type.setdefault(kind["identifier"], set()).add(feature["@id"].removeprefix(PLACE_BASE))
    assert by_type[REGION.identifier] == REGIONS
    assert by_type[SETTLEMENT.identifier] == {p.id for p in catalogue.places.values() if p.geonames_id}
    kilikya = _feature(document, "kilikya")
    assert kilikya["properties"]["fclasses"] == ["L"]
    assert kilikya["geometry"]["certainty"] == "less-certain"


def test_polygons_run_counter_clockwise_on_the_grid(document: Document) -> None:
    for place_id in REGIONS:
        geometry = _feature(document, place_id)["geometry"]
        assert geometry["type"] == "Polygon"
        assert shape(geometry).exterior.is_ccw, place_id
    numbers = [x for f in document["features"] for x in _floats(f["geometry"]["coordinates"])]
    assert numbers and all(round(x, 4) == x for x in numbers)


def _floats(value: Any) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, list):
        return [x for item in value for x in _floats(item)]
    return []


def test_the_same_catalogue_gives_the_same_bytes(catalogue: Catalogue, text: str) -> None:
    assert places_lpf(catalogue, "tr") == text
    assert text.endswith('],"type":"FeatureCollection"}\n')


def _drop_toponym(doc: Document) -> None:
    del doc["features"][0]["names"][0]["toponym"]


def _bad_link_type(doc: Document) -> None:
    doc["features"][0]["links"] = [{"type": "sameAs", "identifier": "gn:616635"}]


def _link_without_prefix(doc: Document) -> None:
    doc["features"][0]["links"] = [{"type": "closeMatch", "identifier": "616635"}]


def _timespan_without_start(doc: Document) -> None:
    doc["features"][0]["when"] = {"timespans": [{"end": {"in": "1923"}}]}


def _no_name_cited(doc: Document) -> None:
    for name in doc["features"][0]["names"]:
        name["citations"] = []


def _no_title(doc: Document) -> None:
    del doc["features"][0]["properties"]["title"]


def _bad_certainty(doc: Document) -> None:
    doc["features"][0]["geometry"]["certainty"] = "high"


def _misspelt_element(doc: Document) -> None:
    doc["features"][0]["link"] = doc["features"][0].pop("links", [])


def _no_context(doc: Document) -> None:
    del doc["@context"]


@pytest.mark.parametrize(
    "breaking",
    [
        _drop_toponym,
        _bad_link_type,
        _link_without_prefix,
        _timespan_without_start,
        _no_name_cited,
        _no_title,
        _bad_certainty,
        _misspelt_element,
        _no_context,
    ],
)
def test_the_schema_rejects_a_broken_file(
    document: Document, validator: Draft202012Validator, breaking: Callable[[Document], None]
) -> None:
    # One feature (the first, ABD) is enough, and valid before it is broken.
    one = {**document, "features": [copy.deepcopy(document["features"][0])]}
    assert _problems(validator, one) == []
    breaking(one)
    assert _problems(validator, one) != []


def test_a_stated_kind_gives_the_feature_class(catalogue: Catalogue) -> None:
    """Countries drawn at their capitals, Kocatepe, the Sakarya battlefield and the anchorage off
    İnebolu say what they are in geo/places.yaml; WHG requires a feature class (LPF 1.3)."""
    features = {f["@id"].rsplit("/", 1)[1]: f for f in json.loads(places_lpf(catalogue, "tr"))["features"]}
    stated = {"abd": "A", "rusya": "A", "kocatepe": "T", "sakarya-battlefield": "L", "inebolu-offshore": "H"}
    for place_id, fclass in stated.items():
        assert features[place_id]["properties"]["fclasses"] == [fclass], place_id
        assert "types" not in features[place_id]  # no AAT concept is claimed for these kinds
    untyped = {k for k, f in features.items() if "fclasses" not in f["properties"]}
    assert untyped and all(k.startswith("at-") for k in untyped)  # points given inline only


def test_a_kind_is_read_as_the_legend_words_it_and_a_slip_is_explained() -> None:
    base = {
        "id": "x",
        "names": [{"text": "X", "lang": "tr"}],
        "geonames_id": 1,
        "sources": [{"ref": "geonames"}],
    }
    assert Place.model_validate({**base, "kind": "Savaş alanı"}).kind == "battlefield"
    with pytest.raises(ValidationError, match=r"unknown kind 'ülk' \(did you mean 'ulke' \(country\)"):
        Place.model_validate({**base, "kind": "ülk"})
