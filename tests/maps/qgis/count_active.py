"""Run by Debian's python3 with QGIS (python3-qgis), not by the project's venv: opens a
GeoPackage as a QGIS user does (each layer with its default style from the file) and prints,
as JSON, what QGIS's Temporal Controller would show on each day given, which layer's area holds
each point given, and the sub-layers QGIS splits each GeoJSON file given into.

    python3 count_active.py atlas.gpkg 1920-09-01 1923-10-29 [LON,LAT ...] [FILE.geojson ...]
"""

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsDateTimeRange,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime


def main() -> None:
    path, *rest = sys.argv[1:]
    geojson = [a for a in rest if a.endswith(".geojson")]
    days = [a for a in rest if "," not in a and a not in geojson]
    points = [tuple(float(v) for v in a.split(",")) for a in rest if "," in a]
    application = QgsApplication([], False)
    application.initQgis()
    metadata = QgsProviderRegistry.instance().providerMetadata("ogr")
    report: dict[str, dict[str, object]] = {"layers": {}, "sublayers": {}}
    # As QGIS's browser and drag-and-drop see a file: a mixed one is offered as several layers.
    resolve = Qgis.SublayerQueryFlags(Qgis.SublayerQueryFlag.ResolveGeometryType)
    resolve |= Qgis.SublayerQueryFlag.CountFeatures
    for file in geojson:
        found = metadata.querySublayers(file, resolve)
        report["sublayers"][Path(file).name] = [
            [QgsWkbTypes.displayString(s.wkbType()), s.featureCount()] for s in found
        ]
    for sublayer in metadata.querySublayers(path):
        name = sublayer.name()
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        # What QGIS desktop does with a layer dropped on it (QgisApp/QgsAppLayerHandling::
        # postProcessAddedLayer): load its default style, here from the file's layer_styles.
        layer.loadDefaultStyle()
        properties = layer.temporalProperties()
        entry = {
            "valid": layer.isValid(),
            "crs": layer.crs().authid(),
            "geometry": layer.geometryType(),
            "features": layer.featureCount(),
            "renderer": layer.renderer().type() if layer.renderer() else None,
            "labels": layer.labelsEnabled(),
            "temporal": properties.isActive(),
            "start_field": properties.startField(),
            "end_field": properties.endField(),
            "limit_mode": int(properties.limitMode()),
            "active": {},
            "holders_at": {},
        }
        if layer.renderer() is not None and layer.renderer().type() == "categorizedSymbol":
            renderer = layer.renderer()
            entry["categories"] = {c.value(): c.symbol().color().name() for c in renderer.categories()}
            entry["classified_by"] = renderer.classAttribute()
        for day in days:
            year, month, date = (int(v) for v in day.split("-"))
            begin = QDateTime(QDate(year, month, date), QTime(0, 0))
            # A one-day step of the Temporal Controller: [day 00:00, next day 00:00).
            frame = QgsDateTimeRange(begin, begin.addDays(1), True, False)
            request = QgsFeatureRequest()
            if properties.isActive():
                context = QgsVectorLayerTemporalContext()
                context.setLayer(layer)
                request.setFilterExpression(properties.createFilterString(context, frame))
            features = list(layer.getFeatures(request))
            entry["active"][day] = len(features)
            if name == "control_areas":
                entry["holders_at"][day] = {
                    f"{lon},{lat}": sorted(
                        f["holder"]
                        for f in features
                        if f.geometry().contains(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
                    )
                    for lon, lat in points
                }
        report["layers"][name] = entry
    print(json.dumps(report, sort_keys=True))
    sys.stdout.flush()
    # QGIS 3.22 crashes while exiting (DESIGN.md): leave before its teardown.
    os._exit(0)


main()
