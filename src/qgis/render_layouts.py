"""Renders print layouts of a QGIS project to PDF and PNG, headless. Embedded in
logiplan and run by `logiplan export-qgis --pdf` with QGIS's Python:

    python3 render_layouts.py PROJECT.qgs OUT_DIR "LAYOUT NAME=FILE_STEM" ...

Writes OUT_DIR/FILE_STEM.pdf and .png (150 dpi) per layout; exits 1 naming the
layout QGIS could not render.
"""
import os
import sys

from qgis.core import QgsApplication, QgsLayoutExporter, QgsProject, QgsRenderContext


def main():
    qgs, out_dir, wanted = sys.argv[1], sys.argv[2], [a.rsplit("=", 1) for a in sys.argv[3:]]
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    if not project.read(qgs):
        print("QGIS cannot read %s: %s" % (qgs, project.error()))
        return 1
    manager = project.layoutManager()
    failed = []
    for name, stem in wanted:
        layout = manager.layoutByName(name)
        if layout is None:
            failed.append("%s: no such layout in the project" % name)
            continue
        exporter = QgsLayoutExporter(layout)
        pdf = QgsLayoutExporter.PdfExportSettings()
        pdf.rasterizeWholeImage = False
        pdf.forceVectorOutput = True
        pdf.textRenderFormat = QgsRenderContext.TextFormatAlwaysText  # text a reader can search and copy
        result = exporter.exportToPdf(os.path.join(out_dir, stem + ".pdf"), pdf)
        if result != QgsLayoutExporter.Success:
            failed.append("%s: PDF export failed (%s)" % (name, exporter.errorMessage() or result))
            continue
        png = QgsLayoutExporter.ImageExportSettings()
        png.dpi = 150
        result = exporter.exportToImage(os.path.join(out_dir, stem + ".png"), png)
        if result != QgsLayoutExporter.Success:
            failed.append("%s: PNG export failed (%s)" % (name, exporter.errorMessage() or result))
            continue
        print("rendered %s -> %s.pdf, %s.png" % (name, stem, stem))
    project.clear()
    if failed:
        print("\n".join(failed))
    sys.stdout.flush()
    os._exit(1 if failed else 0)  # PyQGIS 3.22 may crash in its own teardown; the files are written


if __name__ == "__main__":
    sys.exit(main())
