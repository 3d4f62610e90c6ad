#!/usr/bin/python3
"""pack.gpkg opened the way a planner opens it: through QGIS's own Python API, headless.

Runs `coverplan run` on a project, then checks in QGIS that every layer of pack.gpkg loads with
the feature count of its GeoJSON file and with its default style from the GeoPackage (the rules,
colours and labels of the printed maps), that every feature falls under exactly one rule of its
layer, and renders the styled county to a PNG (kept beside the pack, for a person to look at).

  /usr/bin/python3 tests/qgis/test_pack_in_qgis.py COVERPLAN PROJECT SCRATCH_DIR

Exit 0 when every check passes; each failure is printed.
"""
import os
import shutil
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsExpression,
                       QgsExpressionContext, QgsExpressionContextUtils, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsProject, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def rules_of(layer):
    renderer = layer.renderer()
    if renderer is None or renderer.type() != "RuleRenderer":
        return []
    return list(renderer.rootRule().children())


def partition_failures(layer, rules):
    """Features that match no rule or more than one (a wrong field name in a filter matches none)."""
    context = QgsExpressionContext()
    context.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    expressions = [QgsExpression(r.filterExpression()) if r.filterExpression() else None for r in rules]
    for e in expressions:
        if e is not None:
            e.prepare(context)
    bad = 0
    for feature in layer.getFeatures():
        context.setFeature(feature)
        matched = sum(1 for e in expressions if e is None or bool(e.evaluate(context)))
        bad += matched != 1
    return bad


def label_settings(layer):
    """The layer's labelling as QGIS itself saves it (the XML QGIS writes back)."""
    doc = QDomDocument()
    layer.exportNamedStyle(doc)
    return doc.toString()


def main():
    coverplan, project, scratch = sys.argv[1:4]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    pack = os.path.join(scratch, "pack")
    run = subprocess.run([coverplan, "run", project, "-o", pack, "--date", "2026-01-15", "--no-maps"],
                         capture_output=True, text=True)
    check(run.returncode == 0, "coverplan run exits 0 (%d): %s" % (run.returncode, run.stderr.strip()[-300:]))
    if run.returncode != 0:
        return
    gpkg = os.path.join(pack, "pack.gpkg")

    expected = {
        # layer: (rule labels in order, labelled by field)
        "villages": (["≤ 15 分钟", "15–30 分钟", "30–45 分钟", "> 45 分钟", "无法到达"], "name"),
        "coverage_areas": (["15 分钟内可达", "30 分钟内可达", "45 分钟内可达"], None),
        "gaps": (["超过 15 分钟的区域（缺口）", "超过 30 分钟的区域（缺口）", "超过 45 分钟的区域（缺口）"], None),
        "isochrones": (["15 分钟等时线", "30 分钟等时线", "45 分钟等时线"], None),
        "townships": (["镇（街）界"], "name"),
        "assignments": (["站点—服务村连线"], None),
        "access": (None, None),  # its classes are the quartiles of the data: checked below
        "tours": (["走访路线"], None),
        "closed_roads": (["封闭路段"], None),
        "critical_links": (["隔断区域内无站点", "隔断区域内有站点"], "link"),
        "detour_links": (["绕行路段"], "link"),
        "outreach_tours": (["排查路线"], None),
        "violations": (["错误", "警告", "提示"], "rule"),
        "sites": (["现有社工站", "现有社工点", "规划社工站", "规划社工点"], "name"),
        "plan": (["现有社工站", "现有社工点", "规划社工站", "规划社工点"], "name"),
    }
    whole = QgsVectorLayer(gpkg, "pack", "ogr")
    tables = sorted(s.split("!!::!!")[1] for s in whole.dataProvider().subLayers())
    # (QGIS lists the spatial tables; layer_styles, an attribute table, it reads the styles from.)
    check(tables == sorted(expected), "pack.gpkg holds every layer of the folder: %s" % tables)

    layers = {}
    for name, (labels, label_field) in expected.items():
        layer = QgsVectorLayer("%s|layername=%s" % (gpkg, name), name, "ogr")
        layers[name] = layer
        check(layer.isValid(), "%s loads in QGIS" % name)
        geojson = QgsVectorLayer(os.path.join(pack, name + ".geojson"), name, "ogr")
        check(layer.featureCount() == geojson.featureCount() and layer.featureCount() > 0,
              "%s: %d features, as %s.geojson (%d)" % (name, layer.featureCount(), name, geojson.featureCount()))
        rules = rules_of(layer)
        if labels is not None:
            check([r.label() for r in rules] == labels, "%s: its default style's rules %s" % (name, [r.label() for r in rules]))
        if rules:
            bad = partition_failures(layer, rules)
            check(bad == 0, "%s: every feature under exactly one rule (%d not)" % (name, bad))
        check(layer.labelsEnabled() == (label_field is not None), "%s: labels %s" % (name, "on" if label_field else "off"))
        if label_field:
            xml = label_settings(layer)
            check('fieldName="%s"' % label_field in xml and 'fontFamily="Noto Sans CJK SC"' in xml and 'bufferDraw="1"' in xml,
                  "%s: labelled by %s in Noto Sans CJK SC with a white band" % (name, label_field))

    # Colours and symbols of the printed maps (report/map/style.hpp).
    village_rules = rules_of(layers["villages"])
    if village_rules:
        check(village_rules[0].symbol().color().name() == "#f2f7e0", "villages: the first band's fill is the maps' palest tone")
        check(village_rules[3].symbol().color().name() == "#d64d2e", "villages: beyond the last band in the maps' red")
    site_rules = rules_of(layers["sites"])
    if site_rules:
        shapes = [r.symbol().symbolLayer(0).shape() for r in site_rules]
        from qgis.core import QgsSimpleMarkerSymbolLayerBase as Marker
        check(shapes == [Marker.Square, Marker.Circle, Marker.Square, Marker.Circle], "sites: stations squares, points circles")
        check(site_rules[2].symbol().color() == QColor(255, 255, 255), "sites: planned sites drawn white with a coloured outline")
    access_rules = rules_of(layers["access"])
    if access_rules:
        labels = [r.label() for r in access_rules]
        check(labels[0] == "无社工可及" and len(labels) >= 2 and all(l.endswith(" 名/千人") for l in labels[1:]),
              "access: none in reach, then classes of social workers per 1,000: %s" % labels)
        greys = [QColor(r.symbol().color()).lightness() for r in access_rules[1:]]
        check(greys == sorted(greys) and len(set(greys)) == len(greys), "access: less access reads darker: %s" % greys)
    gap_rules = rules_of(layers["gaps"])
    if gap_rules:
        check([r.active() for r in gap_rules] == [True, False, False], "gaps: the first band shown, the others a tick away")

    # The styled county, rendered as QGIS draws it.
    settings = QgsMapSettings()
    order = ["plan", "violations", "townships", "gaps", "villages"]
    settings.setLayers([layers[n] for n in order])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    transform = QgsCoordinateTransform(layers["villages"].crs(), settings.destinationCrs(), QgsProject.instance())
    settings.setExtent(transform.transformBoundingBox(layers["villages"].extent()))
    settings.setOutputSize(QSize(1200, 900))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    png = os.path.join(scratch, "county_in_qgis.png")
    image.save(png)
    coloured = sum(1 for y in range(0, image.height(), 10) for x in range(0, image.width(), 10)
                   if image.pixelColor(x, y) != QColor(255, 255, 255))
    share = coloured / ((image.height() // 10 + 1) * (image.width() // 10 + 1))
    check(share > 0.2, "the rendered county is drawn (%.0f %% of pixels not white): %s" % (100 * share, png))


if __name__ == "__main__":
    runtime = os.path.join(sys.argv[3] + "-runtime")  # Qt wants a private runtime folder
    os.makedirs(runtime, mode=0o700, exist_ok=True)
    os.chmod(runtime, 0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", runtime)
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    main()  # its layers are released on return, before QGIS exits (else exitQgis crashes)
    app.exitQgis()
    print("%d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)
