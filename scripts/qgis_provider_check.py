#!/usr/bin/python3
"""Loads logiplan's QGIS Processing provider (qgis-plugin/logiplan) in headless
QGIS and checks it against the CLI:

- every algorithm is listed, each with the CLI's --help as its help;
- route, lanes audit and siting run through processing.run(...) on a copy of
  the sample give the same figures as the same commands run by the CLI, and
  their result layers are loaded styled (processing.runAndLoadResults);
- bad input: a layer with no CRS, a cancelled run and a missing logiplan
  binary each end in a QgsProcessingException that says so, and the project
  file holds the same rows as before.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/qgis_provider_check.py LOGIPLAN PROJECT.sqlite [OSM.pbf]
    LOGIPLAN_PLUGIN_PARENT=DIR ...     # the folder holding the unpacked plugin (default: qgis-plugin/)

OSM.pbf, when given, is built into a network to have a run long enough to
cancel midway. Exit 1 on any failure, listing them all.
"""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# The plugin as installed from its zip (qgis-check.sh unpacks it here), else the repository's folder.
sys.path[:0] = [os.environ.get("LOGIPLAN_PLUGIN_PARENT", os.path.join(HERE, "..", "qgis-plugin")),
                "/usr/share/qgis/python/plugins"]

from qgis.core import (QgsApplication, QgsCategorizedSymbolRenderer, QgsFeature, QgsGeometry, QgsGraduatedSymbolRenderer,  # noqa: E402
                       QgsPointXY, QgsProcessingException, QgsProcessingFeedback, QgsProject, QgsRuleBasedRenderer,
                       QgsVectorLayer)

failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what)
    if not ok:
        failures.append(what)


def content(path):
    """A digest of every row of every logiplan table (SpatiaLite's own bookkeeping left out)."""
    db = sqlite3.connect(path)
    h = hashlib.sha256()
    for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        if t.startswith(("sqlite_", "idx_", "spatialite_history", "sql_statements_log", "geometry_columns_",
                         "vector_layers_", "spatial_ref_sys", "SpatialIndex", "ElementaryGeometries", "KNN")):
            continue
        try:
            rows = db.execute('SELECT * FROM "%s"' % t).fetchall()
        except sqlite3.OperationalError:
            continue
        h.update(t.encode())
        for r in sorted(repr(r) for r in rows):
            h.update(r.encode())
    db.close()
    return h.hexdigest()


def figures(value):
    """A result without what differs from run to run: timings, stored run ids, written files."""
    if isinstance(value, dict):
        return {k: figures(v) for k, v in value.items()
                if not k.endswith("seconds") and k not in ("run_id", "run", "files")}
    if isinstance(value, list):
        return [figures(v) for v in value]
    return value


def cli_json(binary, args):
    out = subprocess.run([binary, "--no-progress"] + args + ["--json"], capture_output=True, encoding="utf-8")
    if out.returncode != 0:
        raise RuntimeError("%s failed: %s" % (args, out.stderr))
    return json.loads(out.stdout)


def expect_error(binary, alg, params, words, project, feedback=None):
    import processing
    before = content(project)
    try:
        processing.run(alg, params, feedback=feedback or QgsProcessingFeedback())
        check(False, "%s with bad input fails" % alg)
    except QgsProcessingException as e:
        message = str(e)
        check(all(w in message for w in words), "%s: error says %s: %s" % (alg, " / ".join(words),
                                                                           message.replace("\n", " | ")[:300]))
    # The next program to open the project rolls back what a killed one left.
    subprocess.run([binary, "--no-progress", "layers", project], capture_output=True)
    check(content(project) == before, "%s: the project holds the same rows as before" % alg)


class CancelMidway(QgsProcessingFeedback):
    """Cancels once the run reports progress past a point (or at once)."""

    def __init__(self, at):
        super().__init__()
        self.at, self.seen = at, 0.0
        self.progressChanged.connect(self._progress)
        if at <= 0:
            self.cancel()

    def _progress(self, p):
        self.seen = max(self.seen, p)
        if p >= self.at:
            self.cancel()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, sample = os.path.abspath(sys.argv[1]), sys.argv[2]
    osm = sys.argv[3] if len(sys.argv) > 3 and os.path.exists(sys.argv[3]) else None
    os.environ["LOGIPLAN_BIN"] = binary
    work = tempfile.mkdtemp(prefix="logiplan-provider-")
    project = os.path.join(work, "haiphong.sqlite")
    shutil.copy(sample, project)

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing
    Processing.initialize()
    import processing
    from logiplan.plugin import LogiplanPlugin
    from logiplan.algorithms import ALGORITHMS
    plugin = LogiplanPlugin()
    plugin.initProcessing()
    registry = QgsApplication.processingRegistry()

    print("algorithms:")
    listed = sorted(a.id() for a in registry.algorithms() if a.provider() and a.provider().id() == "logiplan")
    print("  " + ", ".join(listed))
    check(listed == sorted("logiplan:" + s.id for s in ALGORITHMS) and len(listed) >= 25,
          "%d algorithms listed, one per table entry" % len(listed))
    route_alg = registry.algorithmById("logiplan:route")
    check("Fastest or shortest route" in route_alg.shortHelpString() and "EXAMPLE" in route_alg.shortHelpString(),
          "route's help is the CLI's --help")

    print("route:")
    params = {"PROJECT": project, "FROM": "lach-huyen-port", "TO": "nam-dinh-vu-logistics-centre", "PROFILE": 3,
              "LANES": 2, "STORE": False, "OUTPUT": os.path.join(work, "route.gpkg")}
    got = processing.run("logiplan:route", params)
    summary = figures(json.loads(got["SUMMARY"]))
    cli = cli_json(binary, ["route", project, "--from", "lach-huyen-port", "--to", "nam-dinh-vu-logistics-centre",
                            "--profile", "motorbike", "--lanes", "prefer", "--no-store"])
    cli = figures(cli)
    check(summary == cli, "route: the provider's summary equals the CLI's JSON (%.1f min, %.2f km)"
          % (cli["routes"][0]["time_s"] / 60, cli["routes"][0]["length_m"] / 1000))
    layer = QgsVectorLayer(got["OUTPUT"] + "|layername=route", "route", "ogr")
    lengths = [f["length_km"] for f in layer.getFeatures()] if layer.isValid() else []
    check(len(lengths) == 1 and abs(lengths[0] * 1000 - cli["routes"][0]["length_m"]) < 1,
          "route: the route layer's length_km equals the CLI's (%s)" % lengths)

    print("lanes audit:")
    before_runs = sqlite3.connect(project).execute("SELECT count(*) FROM analysis_runs").fetchone()[0]
    got = processing.run("logiplan:lanesaudit", {"PROJECT": project, "OUTPUT": os.path.join(work, "audit.gpkg")})
    summary = json.loads(got["SUMMARY"])
    cli = cli_json(binary, ["lanes", "audit", project])
    check(figures(summary) == figures(cli), "lanes audit: the provider's figures equal the CLI's (%.1f mixed km, %d pairs)"
          % (cli["mixed_km"], len(cli["pairs"])))
    after_runs = sqlite3.connect(project).execute("SELECT count(*) FROM analysis_runs").fetchone()[0]
    check(after_runs == before_runs + 2, "lanes audit: the provider's run and the CLI's are recorded")
    check("lane_audit_segments" in got["LAYERS"].split(";"), "lanes audit: layers %s" % got["LAYERS"])

    print("siting:")
    siting_args = ["--model", "pmedian", "--p", "1", "--demand-kind", "terminal", "--demand-kind", "industrial_park",
                   "--weight", "capacity", "--weight", "industrial_park=area_ha*10000", "--tonnes-per-teu", "12",
                   "--weight-default", "0", "--zones", "kind:free_trade_zone", "--zones", "kind:economic_zone",
                   "--grid-km", "2", "--no-store"]
    got = processing.run("logiplan:siting", {
        "PROJECT": project, "MODEL": 0, "P": 1, "DEMAND_KIND": "terminal;industrial_park",
        "WEIGHT": "capacity;industrial_park=area_ha*10000", "TONNES_PER_TEU": 12, "WEIGHT_DEFAULT": 0,
        "ZONES": "kind:free_trade_zone;kind:economic_zone", "GRID_KM": 2, "STORE": False,
        "OUTPUT": os.path.join(work, "siting.gpkg")})
    summary = json.loads(got["SUMMARY"])
    cli = cli_json(binary, ["siting", project] + siting_args)
    check(figures(summary) == figures(cli), "siting: the provider's answer equals the CLI's (objective %s, chosen %s)"
          % (cli.get("objective"), cli.get("chosen", cli.get("open"))))

    print("corridor:")
    got = processing.run("logiplan:corridormodes", {"PROJECT": project, "CORRIDOR": "hai-phong-lao-cai"})
    cli = cli_json(binary, ["corridor", "modes", project, "hai-phong-lao-cai"])
    check(figures(json.loads(got["SUMMARY"])) == figures(cli), "corridor modes: the provider's figures equal the CLI's")

    print("results loaded styled:")
    QgsProject.instance().clear()
    processing.runAndLoadResults("logiplan:route", dict(params, OUTPUT=os.path.join(work, "route2.gpkg")))
    loaded = {l.name(): l for l in QgsProject.instance().mapLayers().values()}
    check(any(n.endswith("— route") for n in loaded), "route: layers loaded into the project: %s" % sorted(loaded))
    styled = [n for n, l in loaded.items()
              if isinstance(l.renderer(), (QgsCategorizedSymbolRenderer, QgsGraduatedSymbolRenderer, QgsRuleBasedRenderer))]
    check(len(styled) == len(loaded) > 0, "route: every loaded layer carries logiplan's style (%s)" % sorted(styled))

    print("bad input:")
    nocrs = QgsVectorLayer("Point?crs=&field=name:string", "depots without CRS", "memory")  # an empty crs=: none
    f = QgsFeature(nocrs.fields())
    f["name"] = "Kho thử"
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(106.7, 20.85)))
    nocrs.dataProvider().addFeatures([f])
    QgsProject.instance().addMapLayer(nocrs)
    expect_error(binary, "logiplan:import", {"PROJECT": project, "INPUT": nocrs.id(), "KIND": 7},
                 ["depots without CRS", "no coordinate reference system"], project)
    expect_error(binary, "logiplan:route", {"PROJECT": project, "FROM": "nowhere-at-all", "TO": "dinh-vu-port",
                                     "OUTPUT": os.path.join(work, "bad.gpkg")}, ["nowhere-at-all", "exit 2"], project)
    if osm:
        feedback = CancelMidway(20)
        expect_error(binary, "logiplan:networkbuild", {"PROJECT": project, "SOURCE_FILE": osm, "NAME": "cancel-me"},
                     ["cancelled", "as it was"], project, feedback)
        check(feedback.seen >= 20, "the build was cancelled midway (progress %.0f %%)" % feedback.seen)
    expect_error(binary, "logiplan:route", {"PROJECT": project, "FROM": "dinh-vu-port", "TO": "lach-huyen-port",
                                     "OUTPUT": os.path.join(work, "x.gpkg")}, ["cancelled"], project,
                 CancelMidway(0))
    saved_path = os.environ.pop("PATH", "")
    os.environ["LOGIPLAN_BIN"] = "/nonexistent/logiplan"
    try:
        expect_error(binary, "logiplan:route", {"PROJECT": project, "FROM": "dinh-vu-port", "TO": "lach-huyen-port",
                                         "OUTPUT": os.path.join(work, "y.gpkg")},
                     ["logiplan binary not found", "/nonexistent/logiplan", "LOGIPLAN_BIN"], project)
    finally:
        os.environ["PATH"], os.environ["LOGIPLAN_BIN"] = saved_path, binary

    QgsProject.instance().clear()
    plugin.unload()
    shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("qgis-provider-check: %d failure(s):\n  %s" % (len(failures), "\n  ".join(failures)))
        return 1
    print("qgis-provider-check: all passed")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # PyQGIS 3.22 can crash in its own teardown once Processing has run (exitQgis);
    # the checks are done and printed, so leave without it.
    os._exit(code)
