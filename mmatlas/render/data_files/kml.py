"""The data layers as one KMZ (`data/atlas.kmz`) that Google Earth (Pro and Web) opens: a folder
per layer, a placemark per feature dated for the time slider, coloured as in the atlas, with a
balloon of its date, description and sources.

XML and zip written by the standard library (ElementTree, zipfile), coordinates by GEOS;
byte-identical for the same input. Needs no network: the one icon is drawn here and carried
inside the KMZ.
"""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from functools import partial
from typing import Any

import numpy as np
import shapely
from PIL import Image, ImageDraw

from mmatlas.core.lang import Lang
from mmatlas.render.atlas.features import Feature
from mmatlas.render.atlas.interactive import CENTRE, PERIOD_END, PERIOD_START
from mmatlas.render.data_files.layers import DataLayer
from mmatlas.render.i18n import label

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
# Google's extension namespace: only for the opening view's day (gx:TimeSpan).
GX_NAMESPACE = "http://www.google.com/kml/ext/2.2"
ICON = "files/dot.png"
# Zip entries carry a time; the earliest a zip can hold keeps the file byte-identical.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
INK = "#232323"
# Layers of one colour whatever the feature's own (as in the GeoPackage's QGIS style).
FIXED_COLOUR = {"places": "#555555", "regions": "#555555", "lines": "#7f0000"}
# They overlap the areas held: outlines only, so the holder underneath stays visible.
HOLLOW = frozenset({"regions", "claims_and_zones"})
# An area's fill: the atlas's holder colour over the imagery, lighter where the day of change
# is not exact; its outline stays opaque.
FILL, FAINT_FILL = 0.45, 0.25
# What the balloon shows, in the order of the atlas's popups: (property, its message key).
FIELDS: tuple[tuple[str, str | None], ...] = (
    ("when_label", "date"),
    ("summary", None),
    ("category_label", "kind"),
    ("places", "places"),
    ("actors", "actors"),
    ("holder_label", "holder"),
    ("kind_label", "kind"),
    ("sides", "sides"),
    ("precision_label", "precision"),
    ("certainty_label", "certainty"),
    ("modern", "place_today"),
    ("names", "place_names"),
    ("note", "note"),
)


def atlas_kmz(layers: Sequence[DataLayer], lang: Lang, title: str) -> bytes:
    """The KMZ file's bytes: `doc.kml` and the icon it names."""
    return _zip({"doc.kml": _kml(layers, lang, title), ICON: _dot_png()})


def _kml(layers: Sequence[DataLayer], lang: Lang, title: str) -> bytes:
    # Plain tags under a default namespace attribute: the file reads as Google's own examples do,
    # without ElementTree's process-wide prefix registry.
    root = ET.Element("kml", {"xmlns": KML_NAMESPACE, "xmlns:gx": GX_NAMESPACE})
    document = ET.SubElement(root, "Document")
    _text(document, "name", title)
    _text(document, "open", "1")
    document.append(_opening_view())
    styles: dict[tuple[str, str], ET.Element] = {}
    undated = _undated_span(layers)
    folders = [_folder(layer, lang, styles, undated) for layer in layers]
    document.extend(styles[key] for key in sorted(styles))
    document.extend(folders)
    kml: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return kml


def _opening_view() -> ET.Element:
    """The theatre from Thrace to the Caucasus on the day of the Armistice of Mudros: opened on
    the whole range, Google Earth's slider would draw every day's areas on top of each other."""
    view = ET.Element("LookAt")
    view.append(_time_span(PERIOD_START.isoformat(), PERIOD_START.isoformat(), tag="gx:TimeSpan"))
    latitude, longitude = CENTRE
    for tag, value in (("longitude", longitude), ("latitude", latitude), ("range", 2_200_000)):
        _text(view, tag, str(value))
    return view


def _undated_span(layers: Sequence[DataLayer]) -> tuple[str, str]:
    """The span given to places, which are not dated: the atlas's period, widened to every dated
    feature's days. An undated placemark would be shown at all times anyway, but a span narrower
    than the slider's range would hide the places on its ends (events from January 1918 on)."""
    dated = [f["properties"] for layer in layers for f in layer.features if f["properties"].get("start")]
    # ISO days compare as text.
    first = min([PERIOD_START.isoformat(), *(p["start"] for p in dated)])
    last = max([PERIOD_END.isoformat(), *(p.get("end") or p["start"] for p in dated)])
    return first, last


def _folder(
    layer: DataLayer, lang: Lang, styles: dict[tuple[str, str], ET.Element], undated: tuple[str, str]
) -> ET.Element:
    folder = ET.Element("Folder", {"id": layer.key})
    _text(folder, "name", label(layer.label_key, lang))
    _text(folder, "visibility", "1")
    for feature, shape in zip(layer.features, layer.shapes, strict=True):
        folder.append(_placemark(feature, shape, layer, lang, styles, undated))
    return folder


def _placemark(
    feature: Feature,
    shape: shapely.Geometry,
    layer: DataLayer,
    lang: Lang,
    styles: dict[tuple[str, str], ET.Element],
    undated: tuple[str, str],
) -> ET.Element:
    properties: dict[str, Any] = feature["properties"]
    placemark = ET.Element("Placemark", {"id": f"{layer.key}-{feature['id']}"})
    _text(placemark, "name", _title(feature))
    placemark.append(_snippet(properties, _title(feature)))
    _text(placemark, "description", _description(feature, lang))
    start = properties.get("start")
    placemark.append(_time_span(start, properties.get("end") or start) if start else _time_span(*undated))
    key = _style_key(layer, properties)
    if key not in styles:
        styles[key] = _style(*key)
    _text(placemark, "styleUrl", f"#{_style_id(*key)}")
    placemark.append(_geometry(shape))
    return placemark


def _snippet(properties: dict[str, Any], title: str) -> ET.Element:
    """The line under the name in Google Earth's list: the date, or a place's name today where it
    differs. Left out, it would be the description's first lines, which repeat the name."""
    words = properties.get("when_label") or properties.get("modern") or ""
    words = "" if words == title else str(words)
    snippet = ET.Element("Snippet", {"maxLines": "1" if words else "0"})
    snippet.text = words
    return snippet


def _time_span(first: str, last: str, *, tag: str = "TimeSpan") -> ET.Element:
    """From the first day's start to the last day's final second, in UTC (in KML a time without
    a zone is the viewer's local time). KML spans include both ends: ending at the next midnight
    (`end_exclusive`) would draw an area and the one that replaces it together at that instant,
    where the slider's day steps land; a plain date would end the span as the last day begins,
    hiding a one-day event."""
    span = ET.Element(tag)
    _text(span, "begin", f"{first}T00:00:00Z")
    _text(span, "end", f"{last}T23:59:59Z")
    return span


def _title(feature: Feature) -> str:
    properties = feature["properties"]
    return str(properties.get("title") or properties.get("name") or feature["id"])


# Styles -------------------------------------------------------------------------------------


def _style_key(layer: DataLayer, properties: dict[str, Any]) -> tuple[str, str]:
    """(kind, colour): one shared Style per pair."""
    colour = (FIXED_COLOUR.get(layer.key) or properties.get("colour") or INK).lower()
    if layer.geometry in ("point", "points"):
        return ("place" if layer.key == "places" else "event"), colour
    if layer.geometry == "line":
        return "line", colour
    if layer.key in HOLLOW:
        return "outline", colour
    return ("faint" if properties.get("uncertain") else "area"), colour


def _style_id(kind: str, colour: str) -> str:
    return f"{kind}-{colour.removeprefix('#')}"


def _style(kind: str, colour: str) -> ET.Element:
    style = ET.Element("Style", {"id": _style_id(kind, colour)})
    if kind in ("event", "place"):
        icon = ET.SubElement(style, "IconStyle")
        _text(icon, "color", _kml_colour(colour))
        _text(icon, "scale", "0.8" if kind == "event" else "0.5")
        _text(ET.SubElement(icon, "Icon"), "href", ICON)
        ET.SubElement(icon, "hotSpot", {"x": "0.5", "y": "0.5", "xunits": "fraction", "yunits": "fraction"})
        _text(ET.SubElement(style, "LabelStyle"), "scale", "0.8" if kind == "event" else "0.7")
    else:
        line = ET.SubElement(style, "LineStyle")
        _text(line, "color", _kml_colour(colour))
        _text(line, "width", {"line": "3", "outline": "2"}.get(kind, "1"))
        if kind != "line":
            poly = ET.SubElement(style, "PolyStyle")
            if kind == "outline":
                _text(poly, "fill", "0")
            else:
                _text(poly, "color", _kml_colour(colour, FILL if kind == "area" else FAINT_FILL))
    # The balloon is the description alone: it begins with the escaped title, and Google Earth
    # Pro's default balloon adds driving directions, which mean nothing here.
    _text(ET.SubElement(style, "BalloonStyle"), "text", "$[description]")
    return style


def _kml_colour(colour: str, opacity: float = 1.0) -> str:
    """`#d62728` → `ff2827d6`: KML writes alpha, blue, green, red."""
    red, green, blue = colour[1:3], colour[3:5], colour[5:7]
    return f"{round(opacity * 255):02x}{blue}{green}{red}"


def _dot_png() -> bytes:
    """A white disc with a dark rim. Google Earth tints an icon by multiplying its colours with
    the style's: the white takes the category's colour and the rim stays dark. (Its default
    pushpin is yellow, which turns a blue into black.)"""
    size, fine = 32, 8  # drawn 8× larger and scaled down: smooth edges
    big = Image.new("RGBA", (size * fine, size * fine), (255, 255, 255, 0))
    draw = ImageDraw.Draw(big)
    draw.ellipse((fine, fine, (size - 1) * fine, (size - 1) * fine), fill=(51, 51, 51, 255))
    draw.ellipse((4 * fine, 4 * fine, (size - 4) * fine, (size - 4) * fine), fill=(255, 255, 255, 255))
    buffer = io.BytesIO()
    big.resize((size, size), Image.Resampling.LANCZOS).save(buffer, format="PNG")
    return buffer.getvalue()


# The balloon ---------------------------------------------------------------------------------


def _description(feature: Feature, lang: Lang) -> str:
    """HTML built from escaped values only: the YAML's text can never become markup."""
    properties = feature["properties"]
    parts = [f"<h3>{_escaped(_title(feature))}</h3>"]
    for key, message_key in FIELDS:
        words = _words(key, properties.get(key))
        if not words:
            continue
        if message_key is None:
            parts.append(f"<p>{_escaped(words)}</p>")
        else:
            parts.append(f"<p><b>{_escaped(label(message_key, lang))}:</b> {_escaped(words)}</p>")
    sources: list[str] = properties.get("sources") or []
    if properties.get("date_variants"):
        variants = [properties, *properties["date_variants"]]
        parts.append(_list(label("disagree", lang), [_variant(v) for v in variants], "ul"))
    if sources:
        parts.append(_list(label("sources", lang), sources, "ol"))
    return "".join(parts)


def _escaped(text: str) -> str:
    """Text made safe inside an HTML element (the balloon has no attributes from the data):
    `<`, `>` and `&` escaped, apostrophes left readable for anyone reading the KML itself."""
    return html.escape(text, quote=False)


def _words(key: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if key == "names":  # a place's names, each with the years it was used
        return ", ".join(_period_name(name) for name in value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _period_name(name: dict[str, Any]) -> str:
    since, until = name.get("from"), name.get("until")
    if since is None and until is None:
        return str(name["text"])
    return f"{name['text']} ({'' if since is None else since}–{'' if until is None else until})"


def _variant(variant: dict[str, Any]) -> str:
    """A date the sources give, as the atlas lists it: the date — its sources (note)."""
    text = f"{variant.get('when_label', '')} — {'; '.join(variant.get('sources') or [])}"
    return f"{text} ({variant['note']})" if variant.get("note") else text


def _list(heading: str, items: Sequence[str], tag: str) -> str:
    entries = "".join(f"<li>{_escaped(item)}</li>" for item in items)
    return f"<p><b>{_escaped(heading)}:</b></p><{tag}>{entries}</{tag}>"


# Geometry ------------------------------------------------------------------------------------


def _geometry(exact: shapely.Geometry) -> ET.Element:
    """A feature's shape as KML's geometry; a multi-part one of one part as that part alone."""
    # Rounded before WKT is written: GEOS writes a number that rounds to 0 as `1e-5`.
    shape = shapely.transform(exact, partial(np.round, decimals=4))
    parts = shapely.get_parts(shape)
    kind = parts[0].geom_type  # a GeoJSON multi-part geometry holds parts of one type
    if kind == "Polygon":
        elements = _polygons(parts)
    elif kind in ("Point", "LineString"):
        elements = [_simple(kind, coordinates) for coordinates in _coordinates(parts)]
    else:
        raise ValueError(f"no KML for a {kind}")
    if len(elements) == 1:
        return elements[0]
    multi = ET.Element("MultiGeometry")
    multi.extend(elements)
    return multi


def _simple(kind: str, coordinates: str) -> ET.Element:
    element = ET.Element(kind) if kind == "Point" else _tessellated(kind)
    _text(element, "coordinates", coordinates)
    return element


def _polygons(parts: np.ndarray) -> list[ET.Element]:
    polygons = [_tessellated("Polygon") for _ in parts]
    rings, owners = shapely.get_rings(parts, return_index=True)  # each exterior, then its holes
    for coordinates, owner in zip(_coordinates(rings), owners.tolist(), strict=True):
        polygon = polygons[owner]
        side = "outerBoundaryIs" if polygon.find("outerBoundaryIs") is None else "innerBoundaryIs"
        _text(ET.SubElement(ET.SubElement(polygon, side), "LinearRing"), "coordinates", coordinates)
    return polygons


def _tessellated(kind: str) -> ET.Element:
    """Lines and areas follow the globe's surface between vertices, as on the atlas's map,
    instead of cutting straight through it."""
    element = ET.Element(kind)
    _text(element, "tessellate", "1")
    return element


def _coordinates(shapes: np.ndarray) -> list[str]:
    """Each shape's `lon,lat lon,lat …` with at most 4 decimals (about 10 m, the atlas's grid),
    through GEOS's WKT writer: several times faster than formatting each float in Python."""
    texts: list[str] = shapely.to_wkt(shapes, rounding_precision=4, trim=True).tolist()
    # `LINESTRING (26.1 40.2, 26.3 40.1)` → `26.1,40.2 26.3,40.1`
    return [t[t.index("(") + 1 : -1].replace(", ", "\0").replace(" ", ",").replace("\0", " ") for t in texts]


# Files ---------------------------------------------------------------------------------------


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _zip(files: dict[str, bytes]) -> bytes:
    """A zip of `files` in their order (Google Earth reads the first .kml), deflated, with fixed
    times and attributes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # Unix, wherever it is built
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    return buffer.getvalue()
