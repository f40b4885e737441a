"""Each data layer's look in QGIS, as the QML that a GeoPackage's `layer_styles` table carries:
the atlas's holder and category colours, labels, map tips, and the temporal settings that make
QGIS's Temporal Controller play the war as soon as the file is dropped in.

Written for QGIS 3.22 (Debian 12) and read by every later QGIS: only the elements whose
defaults would be wrong are written, QGIS fills in the rest.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from mmatlas.core.holders import FAINT, HOLDERS, SOLID
from mmatlas.core.lang import Lang
from mmatlas.core.vocabulary import CATEGORIES, CATEGORY_COLOUR, category_name
from mmatlas.render.data_files.layers import DataLayer

QGIS_VERSION = "3.22.16-Białowieża"
# The layer's features are shown from `start` until just before `end_exclusive`: QGIS's
# default limit mode (include the beginning, exclude the end) then shows each last day.
START_FIELD, END_FIELD = "start", "end_exclusive"
INK = "35,35,35,255"
# Places and regions are not dated: always shown, whatever the time controller says.
UNDATED = frozenset({"places", "regions"})
LABELLED = {"places": "name", "regions": "name", "lines": "title"}
DOCTYPE = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
# Control areas whose date of change is not exact are drawn fainter, as in the atlas.
CONTROL_CLASS = "concat(\"holder\", if(\"uncertain\", '-faint', ''))"


def layer_qml(layer: DataLayer, lang: Lang) -> str:
    """The QML style document of one layer."""
    root = ET.Element(
        "qgis",
        {
            "version": QGIS_VERSION,
            "styleCategories": "AllStyleCategories",
            "labelsEnabled": _flag(layer.key in LABELLED),
        },
    )
    if layer.key not in UNDATED:
        _temporal(root)
    root.append(_renderer(layer, lang))
    if layer.key in LABELLED:
        root.append(_labeling(LABELLED[layer.key]))
    ET.SubElement(root, "previewExpression").text = f'"{LABELLED.get(layer.key, "title")}"'
    ET.SubElement(root, "mapTip").text = _map_tip(layer)
    ET.SubElement(root, "layerGeometryType").text = {"point": "0", "points": "0", "line": "1", "area": "2"}[
        layer.geometry
    ]
    ET.indent(root)
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        + ET.tostring(root, encoding="unicode")
        + "\n"
    )


def _temporal(root: ET.Element) -> None:
    temporal = ET.SubElement(
        root,
        "temporal",
        {
            "enabled": "1",
            "mode": "2",  # ModeFeatureDateTimeStartAndEndFromFields
            "startField": START_FIELD,
            "endField": END_FIELD,
            "limitMode": "0",  # include the beginning, exclude the end: QGIS's default
            "accumulate": "0",
            "durationField": "",
            "durationUnit": "min",
            "fixedDuration": "0",
            "startExpression": "",
            "endExpression": "",
        },
    )
    fixed = ET.SubElement(temporal, "fixedRange")
    ET.SubElement(fixed, "start")
    ET.SubElement(fixed, "end")


def _renderer(layer: DataLayer, lang: Lang) -> ET.Element:
    if layer.key == "control_areas":
        return _categorized(
            CONTROL_CLASS,
            [
                (f"{code}{suffix}", holder.name(lang) + note, _area(holder.colour, alpha, hollow=False))
                for code, holder in HOLDERS.items()
                for suffix, alpha, note in (("", SOLID, ""), ("-faint", FAINT, " (?)"))
            ],
        )
    if layer.key == "claims_and_zones":  # outlines only: they overlap the areas held
        return _categorized(
            "holder",
            [
                (code, holder.name(lang), _area(holder.colour, SOLID, hollow=True))
                for code, holder in HOLDERS.items()
            ],
        )
    if layer.key == "events":
        return _categorized(
            "category", [(c, category_name(c, lang), _marker(CATEGORY_COLOUR[c], 3.0)) for c in CATEGORIES]
        )
    single = {
        "journeys": _line(_rgba(CATEGORY_COLOUR["journey"]), 0.7, "dash"),
        "places": _marker("#555555", 1.6),
        "regions": _area("#555555", 0.0, hollow=True),
        "lines": _line("127,0,0,255", 0.8, "dash"),
        "fronts": _line(INK, 0.9, "solid"),
    }[layer.key]
    renderer = ET.Element("renderer-v2", {"type": "singleSymbol", "forceraster": "0", "symbollevels": "0"})
    symbols = ET.SubElement(renderer, "symbols")
    symbols.append(_named(single, "0"))
    return renderer


def _categorized(expression: str, classes: Iterable[tuple[str, str, ET.Element]]) -> ET.Element:
    renderer = ET.Element(
        "renderer-v2",
        {"type": "categorizedSymbol", "attr": expression, "forceraster": "0", "symbollevels": "0"},
    )
    categories = ET.SubElement(renderer, "categories")
    symbols = ET.SubElement(renderer, "symbols")
    for number, (value, text, symbol) in enumerate(classes):
        ET.SubElement(
            categories, "category", {"value": value, "label": text, "symbol": str(number), "render": "true"}
        )
        symbols.append(_named(symbol, str(number)))
    return renderer


def _named(symbol: ET.Element, name: str) -> ET.Element:
    symbol.set("name", name)
    return symbol


def _symbol(kind: str, layer_class: str, properties: dict[str, str]) -> ET.Element:
    symbol = ET.Element("symbol", {"type": kind, "alpha": "1", "clip_to_extent": "1", "force_rhr": "0"})
    layer = ET.SubElement(symbol, "layer", {"class": layer_class, "enabled": "1", "locked": "0", "pass": "0"})
    for key, value in properties.items():
        ET.SubElement(layer, "prop", {"k": key, "v": value})
    return symbol


def _area(colour: str, alpha: float, *, hollow: bool) -> ET.Element:
    return _symbol(
        "fill",
        "SimpleFill",
        {
            "color": _rgba(colour, alpha),
            "style": "no" if hollow else "solid",
            "outline_color": _rgba(colour),
            "outline_style": "dash" if hollow else "solid",
            "outline_width": "0.6" if hollow else "0.2",
            "outline_width_unit": "MM",
        },
    )


def _marker(colour: str, size_mm: float) -> ET.Element:
    return _symbol(
        "marker",
        "SimpleMarker",
        {
            "name": "circle",
            "color": _rgba(colour),
            "outline_color": "255,255,255,255",
            "outline_width": "0.3",
            "size": f"{size_mm:g}",
            "size_unit": "MM",
        },
    )


def _line(rgba: str, width_mm: float, style: str) -> ET.Element:
    return _symbol(
        "line",
        "SimpleLine",
        {"line_color": rgba, "line_style": style, "line_width": f"{width_mm:g}", "line_width_unit": "MM"},
    )


def _labeling(field: str) -> ET.Element:
    labeling = ET.Element("labeling", {"type": "simple"})
    settings = ET.SubElement(labeling, "settings", {"calloutType": "simple"})
    style = ET.SubElement(
        settings,
        "text-style",
        {"fieldName": field, "isExpression": "0", "fontSize": "9", "fontSizeUnit": "Point", "textColor": INK},
    )
    ET.SubElement(
        style,
        "text-buffer",
        {"bufferDraw": "1", "bufferSize": "0.8", "bufferSizeUnits": "MM", "bufferColor": "255,255,255,255"},
    )
    ET.SubElement(settings, "placement", {"placement": "6", "dist": "1", "distUnits": "MM"})  # around points
    return labeling


def _map_tip(layer: DataLayer) -> str:
    name = LABELLED.get(layer.key, "title")
    when = "" if layer.key in UNDATED else '<br>[% "when_label" %]'
    return f'<b>[% "{name}" %]</b>{when}'


def _rgba(colour: str, alpha: float = 1.0) -> str:
    """`#d62728` → `214,39,40,255`, QML's colour form."""
    if "," in colour:
        return colour
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"{red},{green},{blue},{round(alpha * 255)}"


def _flag(value: bool) -> str:
    return "1" if value else "0"
