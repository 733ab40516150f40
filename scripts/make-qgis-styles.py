#!/usr/bin/python3
"""Writes the QGIS styles in layers/*.qml with PyQGIS, so they are valid for the
QGIS that reads them (Debian 12: 3.22). Run it after changing a style, review
the diff, commit the QML files: logiplan embeds them in its exports.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/make-qgis-styles.py layers
"""
import os
import sys

from qgis.core import (QgsApplication, QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsGraduatedSymbolRenderer,
                       QgsLineSymbol, QgsMarkerSymbol, QgsPalLayerSettings, QgsProperty, QgsRendererCategory,
                       QgsRendererRange, QgsRuleBasedRenderer, QgsSymbolLayer,
                       QgsTextBufferSettings, QgsTextFormat,
                       QgsUnitTypes, QgsVectorLayer, QgsVectorLayerSimpleLabeling)
from qgis.PyQt.QtGui import QColor, QFont

FONT = "DejaVu Sans"  # has every Vietnamese glyph; QGIS falls back to a similar font elsewhere
HOLLOW = "\"status\" IN ('planned', 'proposed', 'approved')"


def labels(field, size=8.0, max_scale_denominator=None, italic=False, colour="#202020", placement=None):
    s = QgsPalLayerSettings()
    s.fieldName = field
    s.isExpression = not field.isidentifier()
    fmt = QgsTextFormat()
    font = QFont(FONT)
    font.setItalic(italic)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setColor(QColor(colour))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(0.8)
    buf.setColor(QColor(255, 255, 255, 220))
    fmt.setBuffer(buf)
    s.setFormat(fmt)
    if placement is not None:
        s.placement = placement
    if max_scale_denominator:
        # Shown only when zoomed in beyond 1:max_scale_denominator.
        s.scaleVisibility = True
        s.minimumScale = max_scale_denominator
        s.maximumScale = 1
    return QgsVectorLayerSimpleLabeling(s)


def layer(geometry, fields):
    uri = geometry + "?crs=EPSG:4326" + "".join("&field=%s:%s" % f for f in fields)
    return QgsVectorLayer(uri, "style", "memory")


def save(lyr, folder, name):
    path = os.path.join(folder, name + ".qml")
    msg, ok = lyr.saveNamedStyle(path)
    if not ok:
        sys.exit("cannot write %s: %s" % (path, msg))
    print("wrote", path)


def marker(shape, colour, size):
    sym = QgsMarkerSymbol.createSimple({"name": shape, "color": colour, "outline_color": colour, "size": str(size),
                                        "outline_width": "0.5"})
    # Planned, proposed and approved facilities are drawn hollow: what exists is solid.
    sym.symbolLayer(0).setDataDefinedProperty(
        QgsSymbolLayer.PropertyFillColor,
        QgsProperty.fromExpression("CASE WHEN %s THEN '255,255,255,230' ELSE '%s' END" % (HOLLOW, colour)))
    return sym


def sites(folder):
    lyr = layer("Point", [("kind", "string"), ("status", "string"), ("name", "string")])
    kinds = [("seaport", "Cảng biển", "square", "0,51,153,255", 4.2),
             ("terminal", "Bến cảng", "circle", "31,120,180,255", 2.6),
             ("logistics_centre", "Trung tâm logistics", "diamond", "230,97,1,255", 4.0),
             ("icd", "Cảng cạn (ICD)", "triangle", "140,81,10,255", 3.4),
             ("industrial_park", "Khu công nghiệp", "square", "118,42,131,255", 2.8),
             ("airport", "Cảng hàng không", "star", "20,20,20,255", 4.5),
             ("border_gate", "Cửa khẩu", "cross_fill", "215,25,28,255", 4.0),
             ("rail_station", "Ga đường sắt", "circle", "77,77,77,255", 3.0)]
    cats = [QgsRendererCategory(k, marker(shape, colour, size), label) for k, label, shape, colour, size in kinds]
    lyr.setRenderer(QgsCategorizedSymbolRenderer("kind", cats))
    lyr.setLabeling(labels("name", 7.5, 120000))
    lyr.setLabelsEnabled(True)
    save(lyr, folder, "sites")


def areas(folder):
    lyr = layer("MultiPolygon", [("kind", "string"), ("status", "string"), ("name", "string")])
    cats = [
        QgsRendererCategory("free_trade_zone", QgsFillSymbol.createSimple(
            {"color": "255,170,0,70", "outline_color": "204,102,0,255", "outline_width": "0.7",
             "outline_style": "dash"}), "Khu thương mại tự do"),
        QgsRendererCategory("economic_zone", QgsFillSymbol.createSimple(
            {"color": "51,160,44,35", "outline_color": "35,110,30,255", "outline_width": "0.6"}), "Khu kinh tế"),
        QgsRendererCategory("", QgsFillSymbol.createSimple(
            {"color": "150,150,150,40", "outline_color": "90,90,90,255", "outline_width": "0.4"}), "Khác"),
    ]
    lyr.setRenderer(QgsCategorizedSymbolRenderer("kind", cats))
    lyr.setLabeling(labels("name", 8, 600000, italic=True, colour="#1b4d1b", placement=QgsPalLayerSettings.Horizontal))
    lyr.setLabelsEnabled(True)
    save(lyr, folder, "areas")


def line(colour, width, style="solid"):
    return QgsLineSymbol.createSimple({"line_color": colour, "line_width": str(width), "line_style": style,
                                       "capstyle": "round", "joinstyle": "round"})


def corridors(folder):
    lyr = layer("MultiLineString", [("mode", "string"), ("status", "string"), ("name", "string")])
    cats = [QgsRendererCategory("road", line("153,0,0,200", 1.6), "Đường bộ"),
            QgsRendererCategory("rail", line("0,0,0,220", 1.2, "dash"), "Đường sắt"),
            QgsRendererCategory("inland_waterway", line("31,120,180,220", 1.4), "Đường thủy nội địa"),
            QgsRendererCategory("sea", line("100,170,230,220", 1.2, "dot"), "Hàng hải")]
    lyr.setRenderer(QgsCategorizedSymbolRenderer("mode", cats))
    lyr.setLabeling(labels("name", 7.5, 250000, placement=QgsPalLayerSettings.Line))
    lyr.setLabelsEnabled(True)
    save(lyr, folder, "corridors")


def network_edges(folder):
    lyr = layer("LineString", [("mode", "string"), ("class", "string"), ("name", "string"), ("lane_status", "string")])
    root = QgsRuleBasedRenderer.Rule(None)
    width = "CASE WHEN \"class\" IN ('motorway', 'trunk', 'expressway') THEN 1.5 ELSE 1.0 END"
    rules = [
        ("Làn riêng xe máy / xe thô sơ (dedicated)", "\"mode\" = 'road' AND \"lane_status\" = 'dedicated'", "0,158,115,255", 1.6, "solid"),
        ("Làn riêng một chiều (partial)", "\"mode\" = 'road' AND \"lane_status\" = 'partial'", "240,200,0,255", 1.4, "solid"),
        ("Làn hỗn hợp (mixed)", "\"mode\" = 'road' AND \"lane_status\" = 'mixed'", "213,62,79,255", 1.0, "solid"),
        ("Đường sắt", "\"mode\" = 'rail'", "30,30,30,255", 0.9, "dash"),
        ("Đường thủy nội địa", "\"mode\" = 'inland_waterway'", "31,120,180,255", 1.0, "solid"),
        ("Hàng hải", "\"mode\" = 'sea'", "100,170,230,255", 0.9, "dot"),
    ]
    for label, expr, colour, w, style in rules:
        sym = line(colour, w, style)
        if "road" in expr:
            sym.symbolLayer(0).setDataDefinedProperty(
                QgsSymbolLayer.PropertyStrokeWidth,
                QgsProperty.fromExpression("%s * %s" % (width, w)))
        rule = QgsRuleBasedRenderer.Rule(sym, 0, 0, expr, label)
        root.appendChild(rule)
    lyr.setRenderer(QgsRuleBasedRenderer(root))
    lyr.setLabeling(labels("name", 7, 60000, placement=QgsPalLayerSettings.Line))
    lyr.setLabelsEnabled(True)
    save(lyr, folder, "network_edges")


STATUSES = [("not_started", "Chưa thực hiện", "120,120,120"), ("in_progress", "Đang thực hiện", "230,120,0"),
            ("done", "Đã hoàn thành", "0,150,60"), ("cancelled", "Hủy", "30,30,30")]


def plan_tasks(folder):
    pts = layer("MultiPoint", [("task", "string"), ("status", "string"), ("code", "string")])
    cats = []
    for value, label, rgb in STATUSES:
        sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": "255,255,255,0", "outline_color": rgb + ",255",
                                           "size": "6", "outline_width": "0.8"})
        cats.append(QgsRendererCategory(value, sym, label))
    pts.setRenderer(QgsCategorizedSymbolRenderer("status", cats))
    pts.setLabeling(labels("task", 6.5, 80000, colour="#7a3b00"))
    pts.setLabelsEnabled(True)
    save(pts, folder, "plan_task_sites")

    polys = layer("MultiPolygon", [("task", "string"), ("status", "string")])
    cats = []
    for value, label, rgb in STATUSES:
        sym = QgsFillSymbol.createSimple({"color": rgb + ",25", "outline_color": rgb + ",255", "outline_width": "0.5",
                                         "outline_style": "dot"})
        cats.append(QgsRendererCategory(value, sym, label))
    polys.setRenderer(QgsCategorizedSymbolRenderer("status", cats))
    save(polys, folder, "plan_task_areas")

    lines = layer("MultiLineString", [("task", "string"), ("status", "string")])
    cats = [QgsRendererCategory(v, line(rgb + ",120", 3.0), label) for v, label, rgb in STATUSES]
    lines.setRenderer(QgsCategorizedSymbolRenderer("status", cats))
    save(lines, folder, "plan_task_corridors")


def one_rule(lyr, sym, label):
    """A single symbol as a rule-based renderer with one labelled rule: the legend says what it is."""
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, "", label))
    lyr.setRenderer(QgsRuleBasedRenderer(root))


def graduated(lyr, field, colours, widths=None, fill=False, breaks=None):
    ranges = []
    for i, (lo, hi) in enumerate(breaks):
        if fill:
            sym = QgsFillSymbol.createSimple({"color": colours[i], "outline_color": "40,40,90,200", "outline_width": "0.3"})
        else:
            sym = line(colours[i], widths[i])
        ranges.append(QgsRendererRange(lo, hi, sym, "%g – %g" % (lo, hi)))
    r = QgsGraduatedSymbolRenderer(field, ranges)
    lyr.setRenderer(r)


def analyses(folder):
    route = layer("MultiLineString", [("rank", "integer"), ("time_min", "double")])
    cats = [QgsRendererCategory(1, line("200,0,200,230", 2.4), "Tuyến 1 (nhanh nhất)"),
            QgsRendererCategory(2, line("150,80,220,200", 1.8, "dash"), "Tuyến 2"),
            QgsRendererCategory(3, line("120,120,220,180", 1.4, "dash"), "Tuyến 3")]
    route.setRenderer(QgsCategorizedSymbolRenderer("rank", cats))
    save(route, folder, "route")

    sa = layer("MultiPolygon", [("minutes", "double")])
    graduated(sa, "minutes", ["8,81,156,70", "49,130,189,45", "107,174,214,35", "189,215,231,30"], fill=True,
              breaks=[(0, 15), (15, 30), (30, 45), (45, 600)])
    save(sa, folder, "service_area_polygons")

    crit = layer("MultiLineString", [("extra_min", "double"), ("pairs_cut", "integer")])
    graduated(crit, "extra_min", ["254,204,92,255", "253,141,60,255", "240,59,32,255", "189,0,38,255"],
              widths=[1.2, 1.8, 2.4, 3.2], breaks=[(0, 2), (2, 5), (5, 15), (15, 100000)])
    save(crit, folder, "critical_links")

    gaps = layer("MultiLineString", [("paths", "integer")])
    graduated(gaps, "paths", ["252,187,161,255", "252,106,74,255", "203,24,29,255", "103,0,13,255"],
              widths=[1.4, 2.0, 2.6, 3.4], breaks=[(0, 2), (2, 5), (5, 10), (10, 100000)])
    save(gaps, folder, "lane_audit_segments")

    # The other result layers, so that export-qgis leaves none unstyled.
    steps = layer("MultiLineString", [("name", "string")])
    one_rule(steps, line("120,0,120,200", 1.0), "Chặng của tuyến (route step)")
    save(steps, folder, "route_steps")

    matrix = layer("LineString", [("time_min", "double"), ("reachable", "integer")])
    graduated(matrix, "time_min", ["26,150,65,160", "166,217,106,160", "253,174,97,160", "215,25,28,160"],
              widths=[0.4, 0.5, 0.6, 0.7], breaks=[(0, 15), (15, 30), (30, 60), (60, 100000)])
    save(matrix, folder, "matrix")

    sa_edges = layer("MultiLineString", [("minutes", "double")])
    graduated(sa_edges, "minutes", ["8,81,156,255", "49,130,189,255", "107,174,214,255", "189,215,231,255"],
              widths=[1.2, 1.0, 0.8, 0.6], breaks=[(0, 15), (15, 30), (30, 45), (45, 600)])
    save(sa_edges, folder, "service_area_edges")

    paths = layer("MultiLineString", [("fully_separated", "integer")])
    paths.setRenderer(QgsCategorizedSymbolRenderer("fully_separated", [
        QgsRendererCategory(1, line("26,150,65,180", 0.8), "Toàn tuyến có làn riêng (fully separated)"),
        QgsRendererCategory(0, line("215,25,28,180", 0.8, "dash"), "Còn đoạn làn hỗn hợp (mixed somewhere)")]))
    save(paths, folder, "lane_audit_paths")

    bridges = layer("MultiLineString", [("name", "string")])
    one_rule(bridges, line("230,85,13,255", 2.2), "Đoạn không có đường vòng (bridge)")
    save(bridges, folder, "bridges")

    cut = layer("Point", [("node", "integer")])
    one_rule(cut, QgsMarkerSymbol.createSimple({"name": "diamond", "color": "230,85,13,255", "outline_color": "60,20,0,255",
                                                "size": "3.2", "outline_width": "0.3"}), "Nút xung yếu (articulation point)")
    save(cut, folder, "articulation_points")

    unreachable = layer("LineString", [("origin", "string")])
    one_rule(unreachable, line("120,120,120,200", 0.6, "dash"), "Cặp OD không đi được (unreachable)")
    save(unreachable, folder, "unreachable_pairs")


def siting(folder):
    fac = layer("Point", [("chosen", "integer"), ("role", "string"), ("name", "string")])
    chosen = QgsMarkerSymbol.createSimple({"name": "star", "color": "230,97,1,255", "outline_color": "90,30,0,255",
                                           "size": "6.0", "outline_width": "0.4"})
    other = QgsMarkerSymbol.createSimple({"name": "circle", "color": "255,255,255,200", "outline_color": "120,120,120,255",
                                          "size": "2.6", "outline_width": "0.5"})
    fac.setRenderer(QgsCategorizedSymbolRenderer("chosen", [QgsRendererCategory(1, chosen, "Được chọn (chosen)"),
                                                            QgsRendererCategory(0, other, "Ứng viên không chọn")]))
    fac.setLabeling(labels("CASE WHEN \"chosen\" = 1 THEN \"name\" END", 8.5, None, colour="#7a3300"))
    fac.setLabelsEnabled(True)
    save(fac, folder, "siting_facilities")

    alloc = layer("LineString", [("cost", "double")])
    graduated(alloc, "cost", ["116,196,118,220", "254,196,79,220", "253,141,60,220", "215,48,39,220"],
              widths=[0.5, 0.7, 0.9, 1.1], breaks=[(0, 10), (10, 20), (20, 40), (40, 100000)])
    save(alloc, folder, "siting_allocation")

    scores = layer("Point", [("score", "double"), ("rank", "integer"), ("name", "string")])
    ranges = []
    for (lo, hi), colour, size in zip([(0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 1.0001)],
                                      ["215,48,39,255", "252,141,89,255", "145,207,96,255", "26,152,80,255"],
                                      [2.4, 3.2, 4.2, 5.4]):
        sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "outline_color": "40,40,40,255",
                                            "size": str(size), "outline_width": "0.3"})
        ranges.append(QgsRendererRange(lo, hi, sym, "%g – %g" % (lo, min(hi, 1))))
    scores.setRenderer(QgsGraduatedSymbolRenderer("score", ranges))
    scores.setLabeling(labels("\"rank\" || '. ' || \"name\"", 7.5, 200000))
    scores.setLabelsEnabled(True)
    save(scores, folder, "siting_scores")


def flows(folder):
    lyr = layer("MultiLineString", [("vc_max", "double"), ("pcu_ab", "double"), ("pcu_ba", "double")])
    # Colour by the worse direction's V/C, width by the PCU volume (both directions).
    ranges = []
    for (lo, hi), colour in zip([(0, 0.5), (0.5, 0.8), (0.8, 1.0), (1.0, 1.2), (1.2, 1000)],
                                ["26,150,65,255", "166,217,106,255", "253,174,97,255", "244,109,67,255", "165,0,38,255"]):
        sym = line(colour, 1.0)
        sym.symbolLayer(0).setDataDefinedProperty(
            QgsSymbolLayer.PropertyStrokeWidth,
            QgsProperty.fromExpression('0.4 + 4.0 * sqrt((coalesce("pcu_ab", 0) + coalesce("pcu_ba", 0)) / 4000.0)'))
        ranges.append(QgsRendererRange(lo, hi, sym, "V/C %g – %g" % (lo, hi) if hi < 1000 else "V/C > %g" % lo))
    lyr.setRenderer(QgsGraduatedSymbolRenderer("vc_max", ranges))
    save(lyr, folder, "assignment_links")

    # Select-link: the roads its trips drive (width by their PCU) and the OD pairs (desire lines).
    sel = layer("MultiLineString", [("pcu_ab", "double"), ("pcu_ba", "double"), ("share_max", "double")])
    ranges = []
    for (lo, hi), colour in zip([(0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 1.0001)],
                                ["203,201,226,230", "158,154,200,230", "117,107,177,230", "84,39,143,230"]):
        sym = line(colour, 1.0)
        sym.symbolLayer(0).setDataDefinedProperty(
            QgsSymbolLayer.PropertyStrokeWidth,
            QgsProperty.fromExpression('0.4 + 4.0 * sqrt((coalesce("pcu_ab", 0) + coalesce("pcu_ba", 0)) / 4000.0)'))
        ranges.append(QgsRendererRange(lo, hi, sym, "%d – %d %% của lưu lượng đoạn" % (100 * lo, min(100, 100 * hi))))
    sel.setRenderer(QgsGraduatedSymbolRenderer("share_max", ranges))
    save(sel, folder, "select_link_flows")

    pairs = layer("LineString", [("pcu", "double"), ("origin_name", "string"), ("destination_name", "string")])
    ranges = []
    for (lo, hi), width in zip([(0, 10), (10, 50), (50, 200), (200, 1e9)], [0.3, 0.6, 1.0, 1.6]):
        ranges.append(QgsRendererRange(lo, hi, line("230,97,1,170", width, "dash"),
                                       "%g – %g PCU" % (lo, hi) if hi < 1e9 else "> %g PCU" % lo))
    pairs.setRenderer(QgsGraduatedSymbolRenderer("pcu", ranges))
    save(pairs, folder, "select_link_pairs")


def corridor_studies(folder):
    # A corridor's profile: its segments coloured by the plan's lane status, bottlenecks by kind.
    seg = layer("MultiLineString", [("lane_status", "string"), ("name", "string"), ("from_km", "double")])
    cats = [QgsRendererCategory("dedicated", line("26,150,65,255", 2.6), "Làn riêng xe máy / thô sơ (dedicated)"),
            QgsRendererCategory("partial", line("253,174,97,255", 2.6), "Một chiều có làn riêng (partial)"),
            QgsRendererCategory("mixed", line("215,25,28,255", 2.6), "Làn hỗn hợp (mixed)"),
            QgsRendererCategory("rail", line("60,60,60,255", 2.0, "dash"), "Đường sắt (rail)"),
            QgsRendererCategory("inland_waterway", line("43,131,186,255", 2.0, "dash"), "Đường thủy (inland waterway)")]
    seg.setRenderer(QgsCategorizedSymbolRenderer("lane_status", cats))
    seg.setLabeling(labels("\"name\" || ' (km ' || format_number(\"from_km\", 1) || ')'", 7.5, 100000))
    seg.setLabelsEnabled(True)
    save(seg, folder, "corridor_segments")

    bot = layer("Point", [("kind", "string"), ("detail", "string")])
    shapes = [("lane_drop", "triangle", "230,97,1,255", "Giảm làn (lane drop)"),
              ("speed_drop", "diamond", "253,174,97,255", "Giảm tốc (speed drop)"),
              ("single_lane", "square", "166,97,26,255", "Một làn (single lane)"),
              ("mixed_lanes", "circle", "215,25,28,255", "Làn hỗn hợp trên tuyến cảng – TTLG (mixed lanes)"),
              ("network_bridge", "cross2", "80,80,80,255", "Đoạn không có đường vòng (network bridge)"),
              ("high_vc", "star", "165,0,38,255", "V/C cao (high V/C)")]
    cats = [QgsRendererCategory(k, QgsMarkerSymbol.createSimple({"name": shape, "color": colour, "outline_color": "40,40,40,255",
                                                                 "size": "4.0", "outline_width": "0.4"}), label)
            for k, shape, colour, label in shapes]
    bot.setRenderer(QgsCategorizedSymbolRenderer("kind", cats))
    save(bot, folder, "corridor_bottlenecks")


def context(folder):
    # Map context under the model: provinces as land on the map sheet's sea-blue background (so the
    # coast shows), Hải Phòng outlined; the coastline drawn over them.
    prov = layer("MultiPolygon", [("name", "string"), ("iso", "string")])
    root = QgsRuleBasedRenderer.Rule(None)
    for expr, fill_colour, outline, width, label in [
            ("\"iso\" = 'VN-HP'", "246,243,234,255", "90,90,90,255", 0.8, "TP. Hải Phòng"),
            ("ELSE", "240,238,232,255", "150,150,150,255", 0.35, "Tỉnh, thành phố khác (provinces)")]:
        sym = QgsFillSymbol.createSimple({"color": fill_colour, "outline_color": outline, "outline_width": str(width),
                                          "outline_style": "dash" if expr == "ELSE" else "solid"})
        rule = QgsRuleBasedRenderer.Rule(sym, 0, 0, "" if expr == "ELSE" else expr, label)
        if expr == "ELSE":
            rule.setIsElse(True)
        root.appendChild(rule)
    prov.setRenderer(QgsRuleBasedRenderer(root))
    prov.setLabeling(labels("name", 9.0, None, True, "#707070"))
    prov.setLabelsEnabled(True)
    save(prov, folder, "provinces")

    coast = layer("MultiLineString", [("kind", "string")])
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(line("70,130,180,255", 0.6), 0, 0, "",
                                                          "Đường bờ biển, biên giới (coastline, border)"))
    coast.setRenderer(QgsRuleBasedRenderer(root))
    save(coast, folder, "coastline")


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "layers"
    app = QgsApplication([], False)
    app.initQgis()
    for make in (sites, areas, corridors, network_edges, plan_tasks, analyses, siting, flows, corridor_studies, context):
        make(folder)
    app.exitQgis()


if __name__ == "__main__":
    main()
