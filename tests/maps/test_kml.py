"""The KMZ as Google Earth opens it: one folder per layer, every placemark dated for the time
slider, the atlas's colours, balloons whose text stays text, and the same bytes every build."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import html5lib
import pyogrio
import pytest
from shapely.geometry import LinearRing, Point, Polygon

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.holders import HOLDERS
from mmatlas.core.vocabulary import CATEGORY_COLOUR
from mmatlas.render.atlas.interactive import PERIOD_END, PERIOD_START
from mmatlas.render.data_files.kml import atlas_kmz
from mmatlas.render.data_files.layers import DataLayer, data_layers
from mmatlas.render.i18n import label

NS = {"k": "http://www.opengis.net/kml/2.2"}
TITLE = "Millî Mücadele Atlası"
# Before the Turkish army took Kars (30 October 1920): Armenia held it that day.
KARS_DAY = dt.date(1920, 9, 1)
HOSTILE = '<script>alert("x")</script> & "Kars" <b>'


@pytest.fixture(scope="module")
def layers(catalogue: Catalogue) -> list[DataLayer]:
    return data_layers(catalogue, "tr")


@pytest.fixture(scope="module")
def kmz(layers: list[DataLayer]) -> bytes:
    return atlas_kmz(layers, "tr", TITLE)


@pytest.fixture(scope="module")
def document(kmz: bytes) -> ET.Element:
    return _document(kmz)


def _document(kmz: bytes) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(kmz)) as archive:
        root = ET.fromstring(archive.read("doc.kml"))
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    found = root.find("k:Document", NS)
    assert found is not None
    return found


def _folder(document: ET.Element, key: str) -> ET.Element:
    found = document.find(f"k:Folder[@id='{key}']", NS)
    assert found is not None, key
    return found


def _placemark(document: ET.Element, key: str, feature_id: str) -> ET.Element:
    found = _folder(document, key).find(f"k:Placemark[@id='{key}-{feature_id}']", NS)
    assert found is not None, (key, feature_id)
    return found


def _span(placemark: ET.Element) -> tuple[dt.datetime, dt.datetime]:
    begin, end = (
        placemark.findtext("k:TimeSpan/k:begin", None, NS),
        placemark.findtext("k:TimeSpan/k:end", None, NS),
    )
    assert begin and end, placemark.get("id")
    return dt.datetime.fromisoformat(begin), dt.datetime.fromisoformat(end)


def _shown(placemark: ET.Element, moment: dt.datetime) -> bool:
    """Whether Google Earth's slider at `moment` shows the placemark: KML spans include both ends."""
    begin, end = _span(placemark)
    return begin <= moment <= end


def _at(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)


def _style(document: ET.Element, placemark: ET.Element) -> ET.Element:
    url = placemark.findtext("k:styleUrl", "", NS)
    assert url.startswith("#"), url
    found = document.find(f"k:Style[@id='{url[1:]}']", NS)
    assert found is not None, url
    return found


def _polygons(placemark: ET.Element) -> list[Polygon]:
    def ring(element: ET.Element) -> list[tuple[float, float]]:
        text = element.findtext("k:LinearRing/k:coordinates", "", NS)
        return [(float(x), float(y)) for x, y in (pair.split(",") for pair in text.split())]

    return [
        Polygon(ring(outer), [ring(inner) for inner in polygon.findall("k:innerBoundaryIs", NS)])
        for polygon in placemark.iter("{http://www.opengis.net/kml/2.2}Polygon")
        for outer in polygon.findall("k:outerBoundaryIs", NS)
    ]


def _bgr(colour: str) -> str:
    """`#d62728` → `2827d6`, the colour part of KML's aabbggrr."""
    return colour[5:7] + colour[3:5] + colour[1:3]


def test_kmz_is_one_deflated_doc_kml_with_its_icon_inside(kmz: bytes, document: ET.Element) -> None:
    with zipfile.ZipFile(io.BytesIO(kmz)) as archive:
        entries = archive.infolist()
        names = [e.filename for e in entries]
        assert names[0] == "doc.kml" and names.count("doc.kml") == 1
        assert all(e.compress_type == zipfile.ZIP_DEFLATED for e in entries)
        # Nothing needs the network: every icon is a file in the KMZ.
        hrefs = {h.text for h in document.iter("{http://www.opengis.net/kml/2.2}href")}
        assert hrefs and hrefs <= set(names), hrefs
    assert document.findtext("k:name", None, NS) == TITLE


def test_one_folder_per_layer_with_its_title_and_every_feature(
    layers: list[DataLayer], document: ET.Element
) -> None:
    folders = document.findall("k:Folder", NS)
    assert [f.get("id") for f in folders] == [layer.key for layer in layers]
    for folder, layer in zip(folders, layers, strict=True):
        assert folder.findtext("k:name", None, NS) == label(layer.label_key, "tr")
        assert len(folder.findall("k:Placemark", NS)) == len(layer.features) > 0, layer.key


def test_googles_own_kml_library_reads_the_folders_as_layers(
    layers: list[DataLayer], kmz: bytes, tmp_path: Path
) -> None:
    """GDAL's LIBKML driver is Google's libkml, the reader behind Google Earth."""
    path = tmp_path / "atlas.kmz"
    path.write_bytes(kmz)
    names = [str(name) for name, _ in pyogrio.list_layers(path)]
    assert names == [label(layer.label_key, "tr") for layer in layers]
    for name, layer in zip(names, layers, strict=True):
        info = pyogrio.read_info(path, layer=name)
        assert info["driver"] == "LIBKML" and info["features"] == len(layer.features), name


def test_every_placemark_is_dated_and_places_span_every_date(
    layers: list[DataLayer], document: ET.Element
) -> None:
    placemarks = list(document.iter("{http://www.opengis.net/kml/2.2}Placemark"))
    assert len(placemarks) == sum(len(layer.features) for layer in layers)
    spans = [_span(p) for p in placemarks]
    assert all(begin <= end for begin, end in spans)
    # Places are not dated: shown at every moment the slider can reach, the atlas's period too.
    first, last = min(b for b, _ in spans), max(e for _, e in spans)
    assert first <= _at(PERIOD_START) and _at(PERIOD_END, 23, 59) <= last
    for placemark in _folder(document, "places").findall("k:Placemark", NS):
        assert _span(placemark) == (first, last), placemark.get("id")


def test_a_one_day_event_is_shown_all_that_day_and_only_then(
    layers: list[DataLayer], document: ET.Element
) -> None:
    events = next(layer for layer in layers if layer.key == "events")
    one_day = [f for f in events.features if f["properties"]["start"] == f["properties"]["end"]]
    assert one_day
    feature = one_day[0]
    day = dt.date.fromisoformat(feature["properties"]["start"])
    placemark = _placemark(document, "events", feature["id"])
    assert all(_shown(placemark, _at(day, hour, minute)) for hour, minute in ((0, 0), (12, 0), (23, 59)))
    assert not _shown(placemark, _at(day + dt.timedelta(days=1)))
    assert not _shown(placemark, _at(day) - dt.timedelta(seconds=1))


def test_kars_on_1_september_1920_is_drawn_in_armenias_colour(
    layers: list[DataLayer], document: ET.Element
) -> None:
    places = _folder(document, "places").findall("k:Placemark", NS)
    kars_text = next(p for p in places if p.findtext("k:name", None, NS) == "Kars")
    kars = Point(*map(float, kars_text.findtext("k:Point/k:coordinates", "", NS).split(",")))
    moment = _at(KARS_DAY, 12)
    drawn = [
        p
        for p in _folder(document, "control_areas").findall("k:Placemark", NS)
        if _shown(p, moment) and any(polygon.covers(kars) for polygon in _polygons(p))
    ]
    assert len(drawn) == 1, [p.get("id") for p in drawn]
    # The same area as the layer's feature that lists Kars among its towns that day.
    control = next(layer for layer in layers if layer.key == "control_areas")
    feature = next(
        f
        for f in control.features
        if "Kars" in f["properties"]["towns"]
        and f["properties"]["start"] <= KARS_DAY.isoformat() <= f["properties"]["end"]
    )
    assert feature["properties"]["holder"] == "armenia"
    assert drawn[0].get("id") == f"control_areas-{feature['id']}"
    style = _style(document, drawn[0])
    fill, outline = (
        style.findtext("k:PolyStyle/k:color", "", NS),
        style.findtext("k:LineStyle/k:color", "", NS),
    )
    armenia = _bgr(HOLDERS["armenia"].colour)
    assert fill[2:] == armenia and 0.2 <= int(fill[:2], 16) / 255 <= 0.5, fill  # see-through
    assert outline == f"ff{armenia}", outline


def test_events_wear_their_categorys_colour(layers: list[DataLayer], document: ET.Element) -> None:
    events = next(layer for layer in layers if layer.key == "events")
    for feature in events.features:
        style = _style(document, _placemark(document, "events", feature["id"]))
        colour = style.findtext("k:IconStyle/k:color", "", NS)
        assert colour == "ff" + _bgr(CATEGORY_COLOUR[feature["properties"]["category"]]), feature["id"]


def test_polygons_wind_counter_clockwise_and_coordinates_have_four_decimals_at_most(
    document: ET.Element,
) -> None:
    number = re.compile(r"-?\d+(\.\d{1,4})?")
    count = 0
    for polygon in document.iter("{http://www.opengis.net/kml/2.2}Polygon"):
        text = polygon.findtext("k:outerBoundaryIs/k:LinearRing/k:coordinates", "", NS)
        pairs = [pair.split(",") for pair in text.split()]
        assert all(len(p) == 2 and number.fullmatch(p[0]) and number.fullmatch(p[1]) for p in pairs), text[
            :80
        ]
        assert LinearRing([(float(x), float(y)) for x, y in pairs]).is_ccw, text[:80]
        count += 1
    assert count > 500


def _hostile_layer() -> DataLayer:
    properties: dict[str, Any] = {
        "id": "hostile",
        "title": HOSTILE,
        "summary": "<img src=x onerror=alert(1)>",
        "when_label": "1 September 1920",
        "start": "1920-09-01",
        "end": "1920-09-01",
        "category": "battle",
        "colour": CATEGORY_COLOUR["battle"],
        "sources": ["A & B (1920). <i>Title</i>", "]]> </description>"],
    }
    feature = {
        "type": "Feature",
        "id": "hostile",
        "geometry": {"type": "MultiPoint", "coordinates": [[43.0956, 40.6013]]},
        "properties": properties,
    }
    return DataLayer("events", "data_layer_events", "points", [feature])


def test_text_from_the_yaml_stays_text() -> None:
    placemark = _placemark(_document(atlas_kmz([_hostile_layer()], "en", HOSTILE)), "events", "hostile")
    assert placemark.findtext("k:name", None, NS) == HOSTILE
    balloon = html5lib.parseFragment(placemark.findtext("k:description", "", NS), namespaceHTMLElements=False)
    tags = {element.tag for element in balloon.iter()}
    assert not tags & {"script", "img", "i"}, tags
    text = "".join(balloon.itertext())
    assert HOSTILE in text and "<img src=x onerror=alert(1)>" in text
    assert [li.text for li in balloon.iter("li")] == ["A & B (1920). <i>Title</i>", "]]> </description>"]
    assert "Sources:" in text  # the balloon's words in the file's language


def test_two_builds_are_byte_identical(layers: list[DataLayer], kmz: bytes) -> None:
    again = atlas_kmz(layers, "tr", TITLE)
    assert again == kmz
    with zipfile.ZipFile(io.BytesIO(kmz)) as archive:
        assert {e.date_time for e in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
