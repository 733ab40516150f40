#!/usr/bin/python3
"""Checks the map sheets `logiplan export-qgis --pdf` rendered, as a person
would look at them: each PDF is one A3 landscape page; turned into a PNG with
pdftoppm, its map frame is drawn (many colours, not a blank or single-colour
box); its text (pdftotext) has the title, the legend with its entries, the
scale bar's km, the CRS, the date and the sources.

    /usr/bin/python3 scripts/sheet_check.py EXPORT_DIR NAME [--lang vi|en] [--context] [--docs DIR]

--context: the province attribution must be in every footer. --docs: also
write DIR/sheet-overview.png and DIR/sheet-lane-audit.png for the README.
Needs poppler-utils and PyQt (python3-qgis brings it). Exit 1 on any failure.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

from qgis.PyQt.QtGui import QImage

# The map frame on the A3 sheet, mm (src/qgis/print_layout.cpp): x 10-310, y 30-262.
MAP_MM = (10.0, 30.0, 310.0, 262.0)
EXPECTED = {"overview", "route", "service-area", "lane-audit", "critical-links", "siting", "corridor", "assignment"}

failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what)
    if not ok:
        failures.append(what)


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, encoding="utf-8", errors="replace").stdout


def map_frame_stats(png):
    image = QImage(png)
    w, h = image.width(), image.height()
    x0, y0, x1, y1 = (int(MAP_MM[0] / 420 * w) + 3, int(MAP_MM[1] / 297 * h) + 3, int(MAP_MM[2] / 420 * w) - 3,
                      int(MAP_MM[3] / 297 * h) - 3)
    colours, inked, total = set(), 0, 0
    for y in range(y0, y1, 2):
        for x in range(x0, x1, 2):
            c = image.pixel(x, y) & 0xFFFFFF
            colours.add(c >> 3 & 0x1F1F1F)  # 5 bits a channel: antialiasing shades fold together
            total += 1
            if c not in (0xFFFFFF, 0xD6E6F2, 0xFAFAF5):  # white, the sea-blue or paper background
                inked += 1
    return len(colours), inked / max(total, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("name")
    ap.add_argument("--lang", default="vi")
    ap.add_argument("--context", action="store_true")
    ap.add_argument("--docs")
    a = ap.parse_args()
    vi = a.lang == "vi"
    pdfs = sorted(glob.glob(os.path.join(a.folder, a.name + "-*.pdf")))
    stems = {os.path.basename(p)[len(a.name) + 1:-4] for p in pdfs}
    check(stems == EXPECTED, "one sheet per analysis and the overview: %s" % sorted(stems))
    tmp = tempfile.mkdtemp(prefix="logiplan-sheets-")
    for pdf in pdfs:
        stem = os.path.basename(pdf)[len(a.name) + 1:-4]
        print("%s:" % stem)
        info = run("pdfinfo", pdf)
        pages = re.search(r"Pages:\s+(\d+)", info)
        check(pages and pages.group(1) == "1" and "(A3)" in info and re.search(r"Page size:\s+1191 x 842", info),
              "%s: one A3 landscape page" % stem)
        png_base = os.path.join(tmp, stem)
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", pdf, png_base], check=True)
        colours, inked = map_frame_stats(png_base + ".png")
        check(colours >= 12 and inked >= 0.02, "%s: the map frame is drawn (%d colours, %.0f %% inked)"
              % (stem, colours, 100 * inked))
        text = run("pdftotext", "-layout", pdf, "-")
        words = ["Chú giải" if vi else "Legend", "km", "EPSG:9210", "logiplan",
                 "Ngày lập" if vi else "Date", "Dữ liệu: dự án" if vi else "Data: project"]
        if a.context:
            words.append("geoBoundaries.org")
        missing = [w for w in words if w not in text]
        check(not missing, "%s: title, legend, scale, CRS, date and sources present%s"
              % (stem, "" if not missing else " (missing %s)" % missing))
        legend_entries = text.count("\n")  # a legend of a few layers with their classes: many lines
        check(legend_entries >= 15, "%s: %d lines of text (legend entries, notes)" % (stem, legend_entries))
        if a.docs and stem in ("overview", "lane-audit"):
            os.makedirs(a.docs, exist_ok=True)
            subprocess.run(["pdftoppm", "-r", "45", "-png", "-singlefile", pdf,
                            os.path.join(a.docs, "sheet-" + stem)], check=True)
            print("  wrote %s" % os.path.join(a.docs, "sheet-%s.png" % stem))
    if failures:
        print("sheet-check: %d failure(s):\n  %s" % (len(failures), "\n  ".join(failures)))
        return 1
    print("sheet-check: %d sheets ok" % len(pdfs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
