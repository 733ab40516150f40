#!/usr/bin/python3
"""Opens an exported QGIS project in real QGIS, headless, and checks it: every
layer valid and non-empty, in its expected group, styled (not QGIS's default
single symbol), labels where we label; then renders the map to a PNG.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/qgis_check.py out/qgis/haiphong.qgs map.png

Exit 1 on any failure, listing them all. Needs Debian's python3-qgis (hence /usr/bin/python3).
"""
import os
import sys

from qgis.core import (QgsApplication, QgsCategorizedSymbolRenderer, QgsCoordinateTransform, QgsGraduatedSymbolRenderer, QgsLayerTreeGroup,
                       QgsLayoutItemLabel, QgsLayoutItemLegend, QgsLayoutItemMap, QgsLayoutItemPicture, QgsLayoutItemScaleBar,
                       QgsMapRendererParallelJob, QgsMapSettings, QgsProject, QgsRectangle, QgsRuleBasedRenderer,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

# Layer (GeoPackage table) -> the group it must be in. Tables not listed fail the check.
EXPECTED_GROUP = {
    "plan_task_sites": "Plan tasks", "plan_task_areas": "Plan tasks", "plan_task_corridors": "Plan tasks",
    "plan_tasks": "Plan tasks",
    "route": "Analyses", "critical_links": "Analyses", "lane_audit_segments": "Analyses",
    "service_area_polygons": "Analyses", "siting_facilities": "Analyses", "siting_allocation": "Analyses",
    "siting_scores": "Analyses", "assignment_links": "Analyses", "select_link_flows": "Analyses",
    "select_link_pairs": "Analyses", "corridor_segments": "Analyses", "corridor_bottlenecks": "Analyses",
    "lane_audit_paths": "Analyses", "service_area_edges": "Analyses", "route_steps": "Analyses", "matrix": "Analyses",
    "bridges": "Analyses", "articulation_points": "Analyses", "unreachable_pairs": "Analyses",
    "sites": "Facilities", "network_edges": "Network", "corridors": "Network", "areas": "Zones",
    "provinces": "Context", "coastline": "Context",
}
# Layers that must be present in the sample export.
REQUIRED = ["sites", "areas", "corridors", "network_edges", "plan_task_sites", "plan_task_areas", "plan_tasks"]
LABELLED = ["sites", "areas"]
STYLED = (QgsCategorizedSymbolRenderer, QgsGraduatedSymbolRenderer, QgsRuleBasedRenderer)


def table_of(layer):
    src = layer.source()
    return src.split("layername=")[1].split("|")[0] if "layername=" in src else src


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    qgs, png = sys.argv[1], sys.argv[2]
    app = QgsApplication([], False)
    app.initQgis()
    failures = []
    project = QgsProject.instance()
    if not project.read(qgs):
        sys.exit("QGIS cannot read %s: %s" % (qgs, project.error()))
    print("project %s: CRS %s" % (qgs, project.crs().authid()))
    root = project.layerTreeRoot()
    seen = []
    for layer in project.mapLayers().values():
        table = table_of(layer)
        seen.append(table)
        node = root.findLayer(layer.id())
        group = node.parent().name() if node and isinstance(node.parent(), QgsLayerTreeGroup) else ""
        problems = []
        if not layer.isValid():
            problems.append("not valid (source %s)" % layer.source())
        elif not isinstance(layer, QgsVectorLayer) or layer.featureCount() <= 0:
            problems.append("empty")
        if EXPECTED_GROUP.get(table) != group:
            problems.append("in group '%s', expected '%s'" % (group, EXPECTED_GROUP.get(table)))
        if layer.isValid() and layer.isSpatial():
            if not isinstance(layer.renderer(), STYLED):
                problems.append("default renderer (%s)" % layer.renderer().type())
            if table in LABELLED and not layer.labelsEnabled():
                problems.append("no labels")
        if not os.path.isabs(layer.source().split("|")[0]) or not layer.source().startswith(os.path.dirname(os.path.abspath(qgs))):
            problems.append("source not beside the project: %s" % layer.source())
        status = "ok" if not problems else "FAIL: " + "; ".join(problems)
        count = layer.featureCount() if layer.isValid() else -1
        renderer = layer.renderer().type() if layer.isValid() and layer.isSpatial() else "-"
        print("  %-12s %-24s %5d features  %-18s %s" % (group, table, count, renderer, status))
        if problems:
            failures.append("%s: %s" % (table, "; ".join(problems)))
    for table in REQUIRED:
        if table not in seen:
            failures.append("%s: missing from the project" % table)

    # The map sheets, as QGIS reads them: the overview and one per analysis, each
    # an A3 landscape page with a map of its layers (the first on the analysis'
    # results), a legend tied to it, a scale bar, a north arrow and a title.
    layouts = project.layoutManager().printLayouts()
    print("map sheets: %s" % ", ".join(l.name() for l in layouts))
    if len(layouts) < 2:
        failures.append("%d print layouts, expected the overview and one per analysis" % len(layouts))
    for layout in layouts:
        items = layout.items()
        maps = [i for i in items if isinstance(i, QgsLayoutItemMap)]
        legends = [i for i in items if isinstance(i, QgsLayoutItemLegend)]
        problems = []
        page = layout.pageCollection().page(0)
        if layout.pageCollection().pageCount() != 1 or round(page.pageSize().width()) != 420 or round(page.pageSize().height()) != 297:
            problems.append("not one A3 landscape page")
        if len(maps) != 1 or len(maps[0].layers()) < 3 or any(not l.isValid() for l in maps[0].layers()):
            problems.append("no map of at least 3 valid layers")
        if len(legends) != 1 or legends[0].linkedMap() is not (maps[0] if maps else None):
            problems.append("no legend linked to the map")
        if not any(isinstance(i, QgsLayoutItemScaleBar) and i.linkedMap() for i in items):
            problems.append("no scale bar")
        if not any(isinstance(i, QgsLayoutItemPicture) and "north_arrow" in i.picturePath() for i in items):
            problems.append("no north arrow")
        titles = [i.text() for i in items if isinstance(i, QgsLayoutItemLabel)]
        if not any("Hải Phòng" in t or ":" in t for t in titles) or not any("EPSG:" in t for t in titles):
            problems.append("no title or CRS note (%s)" % titles)
        status = "ok" if not problems else "FAIL: " + "; ".join(problems)
        print("  %-22s %d map layers  %s" % (layout.name(), len(maps[0].layers()) if maps else 0, status))
        if problems:
            failures.append("sheet %s: %s" % (layout.name(), "; ".join(problems)))

    # Render what is checked: the project's CRS, the extent of the zones with a margin.
    settings = QgsMapSettings()
    layers = [l for l in root.layerOrder() if l.isValid() and l.isSpatial()]
    settings.setLayers(layers)
    settings.setDestinationCrs(project.crs())
    extent = QgsRectangle(project.viewSettings().defaultViewExtent())
    if extent.isEmpty():
        failures.append("the project has no default view extent")
        zones = [l for l in layers if table_of(l) == "areas"] or layers
        extent = QgsCoordinateTransform(zones[0].crs(), project.crs(), project).transformBoundingBox(zones[0].extent())
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1600, 1100))
    settings.setBackgroundColor(QColor(250, 250, 245))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    if image.isNull() or not image.save(png, "PNG"):
        failures.append("cannot render or save %s" % png)
    else:
        # A blank map means nothing was drawn: count the pixels that differ from the background.
        drawn = sum(1 for x in range(0, image.width(), 8) for y in range(0, image.height(), 8)
                    if image.pixelColor(x, y) != QColor(250, 250, 245))
        print("rendered %s (%dx%d), %d of %d sampled pixels drawn" % (png, image.width(), image.height(), drawn,
                                                                   (image.width() // 8) * (image.height() // 8)))
        if drawn < 500:
            failures.append("the rendered map is almost empty (%d pixels drawn)" % drawn)
    app.exitQgis()
    if failures:
        print("qgis-check: %d failure(s):\n  %s" % (len(failures), "\n  ".join(failures)))
        return 1
    print("qgis-check: %d layers ok" % len(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
