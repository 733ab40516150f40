"""The logiplan algorithms: one table entry per command, one class running them.

Each entry names the command, its parameters (parameters.Param), and what comes
back: result layers (written by the command's --out to a GeoPackage that carries
their QGIS styles, then loaded) and the command's --json summary (the SUMMARY
output, a JSON string), so scripts get exactly the CLI's figures.
"""
import json
import os

from qgis.core import (QgsProcessing, QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingException,
                       QgsProcessingOutputFile, QgsProcessingOutputFolder, QgsProcessingOutputString,
                       QgsProcessingParameterFileDestination, QgsProviderRegistry, QgsVectorLayer)

from . import cli_runner
from .parameters import CRS_NAMES, PROFILES, Param

KINDS = ["seaport", "terminal", "logistics_centre", "free_trade_zone", "economic_zone", "icd", "industrial_park",
         "border_gate", "airport", "rail_station", "corridor_link"]


class Spec:
    def __init__(self, alg_id, title, group, command, params, out=None, json_flag="--json", fixed=(), help_command=None):
        self.id, self.title, self.group, self.command = alg_id, title, group, command
        self.params, self.out, self.json_flag, self.fixed = params, out, json_flag, list(fixed)
        self.help_command = help_command or command


def project():
    return Param("PROJECT", None, "project", "logiplan project file (.sqlite)", optional=False)


def analysis(store=True):
    """The options every network analysis shares (cli/analysis_options.cpp)."""
    params = [
        Param("NETWORK", "--network", "text", "Network name", default="main"),
        Param("PROFILE", "--profile", "enum", "Vehicle profile", default="container_truck", choices=PROFILES),
        Param("METRIC", "--metric", "enum", "Metric", default="fastest", choices=["fastest", "shortest"]),
        Param("LANES", "--lanes", "enum", "Dedicated lanes (strict: only dedicated; prefer: mixed lanes cost more)",
              default="ignore", choices=["ignore", "strict", "prefer"]),
        Param("MIXED_PENALTY", "--mixed-penalty", "number", "With lanes 'prefer': cost factor of a mixed-lane metre",
              default=5.0),
        Param("SCENARIO", "--scenario", "text", "Scenario (its edits over the base network)"),
        Param("MAX_SNAP", "--max-snap", "number", "Metres a place may lie from the network (empty: the network's)"),
    ]
    if store:
        params.append(Param("STORE", "--no-store", "noflag", "Record the run in the project file", default=True))
    return params


def places(name, flag, label, required=False):
    return Param(name, flag, "text", label + " (feature ids, names, kind:KIND or lon,lat; several separated by ';')",
                 optional=not required, many=True)


ALGORITHMS = [
    Spec("import", "Import features", "Project", ["import"], [
        project(),
        Param("INPUT", None, "source", "Features to import", optional=False),
        Param("KIND", "--kind", "enum", "Kind of every feature (not given: from a 'kind' field)", choices=[""] + KINDS),
        Param("MAP", "--map", "text", "Field mapping TARGET=FIELD[,...] (e.g. name=ten,status=phanloai)"),
        Param("SRC_CRS", "--src-crs", "text", "Source CRS, overriding the layer's (EPSG code or vn2000-haiphong)"),
        Param("WHERE", "--where", "text", "Import only features matching this OGR SQL filter"),
        Param("UNNAMED", "--unnamed", "enum", "Features with an empty name", default="fail",
              choices=["fail", "skip", "label"]),
        Param("ON_DUPLICATE", "--on-duplicate", "enum", "When a feature id is already in the project", default="fail",
              choices=["fail", "skip", "replace"]),
        Param("MAKE_VALID", "--make-valid", "flag", "Repair invalid geometries instead of refusing them"),
    ]),
    Spec("networkbuild", "Build a network", "Network", ["network", "build"], [
        project(),
        Param("SOURCE_FILE", "--from", "file", "OSM file (.osm.pbf, .osm) or any line file"),
        Param("SOURCE_LAYER", "--from", "source", "Or a line layer", geometry=QgsProcessing.TypeVectorLine),
        Param("MODE", "--mode", "enum", "Mode (not given: road for OSM)", choices=["", "road", "rail",
                                                                                   "inland_waterway", "sea"]),
        Param("SRC_CRS", "--src-crs", "text", "Line layers: source CRS when the layer has none"),
        Param("NODE_CROSSINGS", "--node-crossings", "flag", "Line layers: make a junction wherever lines cross"),
        Param("NAME", "--name", "text", "Network name", default="main"),
        Param("OVERWRITE", "--overwrite", "flag", "Rebuild a network of the same name"),
    ], json_flag=None),
    Spec("networkcheck", "Check a network", "Network", ["network", "check"], [
        project(), Param("NAME", "--name", "text", "Network name", default="main"),
    ], out="--problems"),
    Spec("route", "Route", "Analyses", ["route"], [
        project(),
        Param("FROM", "--from", "text", "Origin: feature id, name or lon,lat", optional=False),
        Param("TO", "--to", "text", "Destination: feature id, name or lon,lat", optional=False),
    ] + analysis(), out="--out"),
    Spec("matrix", "OD matrix", "Analyses", ["matrix"], [
        project(), places("FROM", "--from", "Origins"), places("TO", "--to", "Destinations"),
        Param("FROM_KIND", "--from-kind", "text", "Origins: all features of these kinds (';'-separated; default "
              "seaport)", many=True),
        Param("TO_KIND", "--to-kind", "text", "Destinations: all features of these kinds (default logistics_centre)",
              many=True),
    ] + analysis(), out="--out"),
    Spec("servicearea", "Service area", "Analyses", ["service-area"], [
        project(), places("FROM", "--from", "Origins", required=True),
        Param("MINUTES", "--minutes", "text", "Cutoffs in minutes, ';'-separated (15;30;60)", default="15;30;60",
              optional=False, many=True),
        Param("BUFFER", "--buffer", "number", "Metres around the reached network that make the polygon", default=150.0),
    ] + analysis(), out="--out"),
    Spec("connectivity", "Connectivity", "Analyses", ["connectivity"], [
        project(), places("FROM", "--from", "Origins"), places("TO", "--to", "Destinations"),
        Param("FROM_KIND", "--from-kind", "text", "Origins: all features of these kinds (default seaport)", many=True),
        Param("TO_KIND", "--to-kind", "text", "Destinations: kinds (default logistics_centre)", many=True),
    ] + analysis(), out="--out"),
    Spec("criticallinks", "Critical links", "Analyses", ["critical-links"], [
        project(), places("FROM", "--from", "Origins"), places("TO", "--to", "Destinations"),
        Param("FROM_KIND", "--from-kind", "text", "Origins: kinds (default seaport)", many=True),
        Param("TO_KIND", "--to-kind", "text", "Destinations: kinds (default logistics_centre)", many=True),
        Param("MAX_LINKS", "--max-links", "integer", "Test only the N links most OD paths use (empty: all)"),
    ] + analysis(), out="--out"),
    Spec("lanesaudit", "Dedicated-lane audit", "Analyses", ["lanes", "audit"], [
        project(),
        Param("NETWORK", "--network", "text", "Network name", default="main"),
        Param("SCENARIO", "--scenario", "text", "Audit a scenario instead of the base network"),
        Param("COMPARE", "--compare", "text", "Compare two states: base,SCENARIO"),
        Param("PROFILES", "--profile", "text", "Vehicle classes, ';'-separated (default motorbike;rudimentary;"
              "container_truck)", many=True),
        places("FROM", "--from", "Origins (default kind:seaport)"),
        places("TO", "--to", "Destinations (default kind:logistics_centre)"),
        Param("MIXED_PENALTY", "--mixed-penalty", "number", "When no separated path exists: cost of a mixed metre",
              default=5.0),
        Param("VOLUMES", "--volumes", "integer", "An assignment run whose volumes rank the upgrade list"),
    ], out="--out"),
    Spec("siting", "Logistics-centre siting", "Studies", ["siting"], [
        project(),
        Param("MODEL", "--model", "enum", "Model", default="pmedian",
              choices=["pmedian", "mclp", "lscp", "pcenter", "cflp", "attendance", "market-share"]),
        Param("P", "--p", "integer", "Facilities to open (required ones included)", default=1),
        Param("CUTOFF", "--cutoff", "number", "Coverage standard or reach: minutes (fastest) or km (shortest)"),
        places("DEMAND", "--demand", "Demand places"),
        Param("DEMAND_KIND", "--demand-kind", "text", "Demand: all features of these kinds (default terminal)",
              many=True),
        Param("WEIGHT", "--weight", "text", "Demand weight: FIELD, or KIND=FIELD*FACTOR; ';'-separated", many=True),
        Param("WEIGHT_DEFAULT", "--weight-default", "number", "Weight of a demand feature that has none"),
        Param("TONNES_PER_TEU", "--tonnes-per-teu", "number", "Tonnes per TEU (terminals given in TEU/yr)"),
        places("CANDIDATES", "--candidates", "Candidate sites"),
        Param("CANDIDATE_KIND", "--candidate-kind", "text", "Candidates: all features of these kinds", many=True),
        Param("ZONES", "--zones", "text", "Zones as candidates (area ids or kind:free_trade_zone)", many=True),
        Param("GRID_KM", "--grid-km", "number", "With zones: a candidate every N km inside each zone"),
        places("REQUIRED", "--required", "Facilities that stay open"),
        places("COMPETITORS", "--competitors", "Other operators' centres (market-share)"),
        Param("DROP_UNREACHABLE", "--drop-unreachable", "flag", "Leave out demand no candidate reaches"),
        Param("TIME_LIMIT", "--time-limit", "number", "Seconds for the solver", default=60.0),
    ] + analysis(), out="--out"),
    Spec("corridorprofile", "Corridor profile", "Studies", ["corridor", "profile"], [
        project(),
        Param("CORRIDOR", None, "text", "Corridor name (logiplan corridor list)", optional=False),
        Param("SCENARIO", "--scenario", "text", "On this scenario's network"),
        Param("MODE", "--mode", "enum", "Mode", default="road", choices=["road", "rail", "inland_waterway"]),
        Param("VOLUMES", "--volumes", "integer", "An assignment run: V/C per segment"),
        Param("STORE", "--no-store", "noflag", "Record the profile as a run", default=True),
    ], out="--out"),
    Spec("sitingscore", "Siting: multi-criteria scores", "Studies", ["siting", "score"], [
        project(),
        places("CANDIDATES", "--candidates", "Candidate sites"),
        Param("CANDIDATE_KIND", "--candidate-kind", "text", "Candidates: all features of these kinds", many=True),
        Param("ZONES", "--zones", "text", "Zones as candidates (area ids or kind:free_trade_zone)", many=True),
        Param("GRID_KM", "--grid-km", "number", "With zones: a candidate every N km inside each zone"),
        Param("CRITERIA", "--criterion", "text", "Criteria, ';'-separated: time:KIND, access:MODE, in:KIND, area_ha, "
              "status, tasks, attr:NAME ('-' before one turns its direction)", optional=False, many=True),
        Param("WEIGHTS", "--criterion-weights", "text", "One weight per criterion, ';'-separated", many=True),
        Param("AHP", "--ahp", "file", "Or a pairwise-comparison matrix (CSV) to derive the weights from"),
    ] + analysis(), out="--out"),
    Spec("corridordefine", "Define a corridor", "Studies", ["corridor", "define"], [
        project(),
        Param("CORRIDOR", None, "text", "Corridor name", optional=False),
        places("THROUGH", "--through", "Places in order (two or more)"),
        Param("FROM_FEATURE", "--from-feature", "text", "Or a corridor feature (corridor_link) whose ends are the places"),
        Param("MODES", "--modes", "text", "Modes, comma-separated (road,rail,inland_waterway)"),
        Param("PROFILE", "--profile", "enum", "Road vehicle profile", default="container_truck", choices=PROFILES),
        Param("NETWORK", "--network", "text", "Network name", default="main"),
        Param("BUFFER_KM", "--buffer-km", "number", "Context buffer (km)", default=2.0),
        Param("REPLACE", "--replace", "flag", "Replace a corridor of the same name"),
    ], json_flag=None),
    Spec("corridormodes", "Corridor: time and km by mode", "Studies", ["corridor", "modes"], [
        project(), Param("CORRIDOR", None, "text", "Corridor name", optional=False),
        Param("SCENARIO", "--scenario", "text", "On this scenario's network"),
    ]),
    Spec("corridorresilience", "Corridor resilience", "Studies", ["corridor", "resilience"], [
        project(), Param("CORRIDOR", None, "text", "Corridor name", optional=False),
        Param("SCENARIO", "--scenario", "text", "On this scenario's network"),
        Param("MODE", "--mode", "enum", "Mode", default="road", choices=["road", "rail", "inland_waterway"]),
        Param("ALTERNATIVES", "--alternatives", "integer", "Alternative paths between the ends", default=3),
    ]),
    Spec("corridorcompare", "Corridor: base and scenarios", "Studies", ["corridor", "compare"], [
        project(), Param("CORRIDOR", None, "text", "Corridor name", optional=False),
        Param("SCENARIOS", "--scenarios", "text", "base and scenario names, comma-separated (base,port-lanes-2030)",
              optional=False),
        Param("MODE", "--mode", "enum", "Mode", default="road", choices=["road", "rail", "inland_waterway"]),
    ]),
    Spec("corridorreport", "Corridor report (HTML)", "Studies", ["corridor", "report"], [
        project(), Param("CORRIDOR", None, "text", "Corridor name", optional=False),
        Param("FOLDER", "--out", "folder", "Folder for NAME.html", optional=False),
        Param("SCENARIO", "--scenario", "text", "On this scenario's network"),
        Param("MODE", "--mode", "enum", "Mode", default="road", choices=["road", "rail", "inland_waterway"]),
        Param("VOLUMES", "--volumes", "integer", "An assignment run: V/C per segment"),
        Param("LANG", "--lang", "enum", "Language", default="vi", choices=["vi", "en"]),
    ], json_flag=None),
    Spec("demandgenerate", "Port truck demand", "Studies", ["demand", "generate"], [
        project(),
        Param("NAME", "--name", "text", "Name of the demand", default="port-trucks"),
        Param("PERIOD", "--period", "enum", "Period", default="day", choices=["day", "peak_hour"]),
        Param("PROFILE", "--profile", "enum", "Vehicle profile of the trucks", default="container_truck",
              choices=PROFILES),
        Param("NETWORK", "--network", "text", "Network name", default="main"),
        Param("SCENARIO", "--scenario", "text", "Travel times on this scenario"),
        Param("REPLACE", "--replace", "flag", "Replace a demand of the same name"),
    ], json_flag=None),
    Spec("assign", "Traffic assignment", "Studies", ["assign"], [
        project(),
        Param("DEMAND", "--demand", "text", "The demand to assign (logiplan demand list)", optional=False),
        Param("NETWORK", "--network", "text", "Network name", default="main"),
        Param("SCENARIO", "--scenario", "text", "Assign on this scenario's network"),
        Param("ALGORITHM", "--algorithm", "enum", "Algorithm", default="bfw",
              choices=["bfw", "cfw", "fw", "msa", "aon", "incremental"]),
        Param("GAP", "--gap", "number", "Stop at this relative gap", default=0.0001),
        Param("MAX_ITER", "--max-iter", "integer", "Stop after this many iterations", default=500),
        Param("DROP_UNREACHABLE", "--drop-unreachable", "flag", "Leave out OD pairs with no path"),
        Param("STORE", "--no-store", "noflag", "Record the run in the project file", default=True),
    ], out="--out", fixed=["--quiet"]),
    Spec("scenarioimport", "Import a scenario", "Network", ["scenario", "import"], [
        project(), Param("FILE", None, "file", "Scenario JSON {name, network, description, edits}", optional=False,
                         extension="json"),
    ], json_flag=None),
    Spec("scenariolist", "List scenarios", "Network", ["scenario", "list"], [project()], json_flag=None),
    Spec("tasksimport", "Import a plan's task table", "Plan tasks", ["tasks", "import"], [
        project(), Param("FILE", None, "file", "Task table: CSV (UTF-8), XLSX or ODS", optional=False),
        Param("PLAN", "--plan", "text", "Plan code, one word (kh-logistics-2026)", optional=False),
        Param("TITLE", "--title", "text", "Plan title"),
        Param("ISSUER", "--issuer", "text", "Issuing body"),
        Param("DATE", "--date", "text", "Date issued: YYYY, YYYY-MM or YYYY-MM-DD"),
        Param("ENCODING", "--encoding", "text", "Encoding of a CSV that is not UTF-8 (CP1258)"),
        Param("REPLACE", "--replace", "flag", "Replace the plan if imported before"),
    ], json_flag=None),
    Spec("taskslist", "List plan tasks", "Plan tasks", ["tasks", "list"], [
        project(),
        Param("PLAN", "--plan", "text", "Only this plan (code)"),
        Param("AGENCY", "--agency", "text", "Lead or partner agency contains this"),
        Param("STATUS", "--status", "enum", "Status", choices=["", "not_started", "in_progress", "done", "cancelled"]),
        Param("DUE_BY", "--due-by", "text", "Deadline on or before (2030, Quý II/2026, 2026-06-30)"),
        Param("NEAR", "--near", "text", "Linked places near this feature"),
        Param("WITHIN", "--within", "number", "Distance for 'near', km", default=0.0),
        Param("TEXT", "--text", "text", "Content contains these words"),
    ]),
    Spec("taskssuggest", "Suggest task–place links", "Plan tasks", ["tasks", "suggest"], [
        project(), Param("PLAN", "--plan", "text", "Only this plan"), Param("TASK", "--task", "text", "Only this task"),
        Param("MIN_SCORE", "--min-score", "number", "Lowest score kept, 0..1", default=0.5),
    ]),
    Spec("exportqgis", "Export a QGIS project with map sheets", "Project", ["export-qgis"], [
        project(),
        Param("FOLDER", "--out", "folder", "Output folder", optional=False),
        Param("NAME", "--name", "text", "File name stem (default: the project file's)"),
        Param("CRS", "--crs", "enum", "The QGIS project's CRS", default="vn2000-haiphong", choices=CRS_NAMES),
        Param("OVERWRITE", "--overwrite", "flag", "Replace existing files", default=True),
        Param("LANG", "--lang", "enum", "Language of the map sheets", default="vi", choices=["vi", "en"]),
        Param("CONTEXT", "--context", "file", "Province polygons drawn under the model (geoBoundaries ADM1 GeoJSON)"),
        Param("PDF", "--pdf", "flag", "Render every map sheet to PDF and PNG", default=False),
    ], json_flag=None),
]


class LogiplanAlgorithm(QgsProcessingAlgorithm):
    def __init__(self, spec):
        super().__init__()
        self.spec = spec

    def createInstance(self):  # noqa: N802
        return LogiplanAlgorithm(self.spec)

    def name(self):
        return self.spec.id

    def displayName(self):  # noqa: N802
        return self.spec.title

    def group(self):
        return self.spec.group

    def groupId(self):  # noqa: N802
        return self.spec.group.lower().replace(" ", "")

    def shortHelpString(self):  # noqa: N802
        text = cli_runner.help_text(self.spec.help_command)
        if not text:
            return "logiplan %s (its help appears here once the logiplan program is found)." % " ".join(
                self.spec.command)
        return "<pre>%s</pre>" % text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def initAlgorithm(self, config=None):  # noqa: N802
        for p in self.spec.params:
            self.addParameter(p.definition())
        if self.spec.out:
            self.addParameter(QgsProcessingParameterFileDestination(
                "OUTPUT", "Result layers", "GeoPackage (*.gpkg)", optional=False, createByDefault=True))
            self.addOutput(QgsProcessingOutputString("LAYERS", "Result layers loaded (';'-separated)"))
        self.addOutput(QgsProcessingOutputString("SUMMARY", "Summary (the command's JSON, or its text)"))
        for p in self.spec.params:
            if p.kind == "folder":
                self.addOutput(QgsProcessingOutputFolder(p.name + "_OUT", p.label))
        if self.spec.id == "exportqgis":
            self.addOutput(QgsProcessingOutputFile("QGS", "QGIS project"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        args = list(self.spec.command)
        for p in self.spec.params:
            if p.kind == "source":  # written to a temporary file: say so, it may take a moment
                feedback.setProgressText("writing %s to a temporary file" % p.label)
            args += p.arguments(self, parameters, context, feedback)
        if self.spec.id == "networkbuild" and "--from" not in args:
            raise QgsProcessingException("Build a network: give an OSM or line file, or a line layer")
        out_path = None
        if self.spec.out:
            out_path = self.parameterAsFileOutput(parameters, "OUTPUT", context)
            if not out_path.lower().endswith(".gpkg"):
                out_path += ".gpkg"
            if os.path.exists(out_path):
                os.remove(out_path)
            args += [self.spec.out, out_path]
        if self.spec.json_flag:
            args.append(self.spec.json_flag)
        args += self.spec.fixed
        stdout = cli_runner.run(args, feedback, (0.0, 95.0))
        results = {"SUMMARY": stdout}
        if self.spec.json_flag:
            try:
                results["SUMMARY"] = json.dumps(json.loads(stdout), ensure_ascii=False)
            except ValueError:
                raise QgsProcessingException("logiplan %s printed no JSON:\n%s" % (" ".join(self.spec.command),
                                                                                   stdout[:2000]))
        else:
            feedback.pushInfo(stdout)
        if out_path:
            loaded = self._load_results(out_path, context)
            results.update({"OUTPUT": out_path, "LAYERS": ";".join(loaded)})
        for p in self.spec.params:
            if p.kind == "folder":
                results[p.name + "_OUT"] = self.parameterAsString(parameters, p.name, context)
        if self.spec.id == "exportqgis":
            folder = self.parameterAsString(parameters, "FOLDER", context)
            qgs = [f for f in os.listdir(folder) if f.endswith(".qgs")]
            results["QGS"] = os.path.join(folder, qgs[0]) if len(qgs) == 1 else ""
        feedback.setProgress(100)
        return results

    def _load_results(self, path, context):
        """Each result layer of the GeoPackage, loaded on completion with the style
        logiplan stored in it (QGIS reads the layer_styles table by itself)."""
        if not os.path.exists(path):
            return []  # nothing to draw (an empty result)
        names = []
        for sub in QgsProviderRegistry.instance().querySublayers(path):
            if sub.name() and sub.name() != "layer_styles":
                names.append(sub.name())
        for name in names:
            # Made here, not from the URI by Processing, which would skip the default style.
            title = "%s — %s" % (self.spec.title, name)
            layer = QgsVectorLayer("%s|layername=%s" % (path, name), title, "ogr")
            if not layer.isValid():
                raise QgsProcessingException("%s: cannot open layer %s" % (path, name))
            context.temporaryLayerStore().addMapLayer(layer)
            context.addLayerToLoadOnCompletion(layer.id(), QgsProcessingContext.LayerDetails(title, context.project(),
                                                                                             "OUTPUT"))
        return names
