#!/usr/bin/env python3
"""The bad-input catalogue: distinct bad inputs across every command.

Each case runs one logiplan command against a copy of the embedded sample
project and asserts three things:
  - the exit code (1 data, 2 arguments, 4 busy; never 3, an internal error);
  - that the message names where (the file, row, feature, key) and the problem;
  - that the project file is byte-for-byte what it was, with no -wal left over.

Usage: catalogue.py LOGIPLAN [--list]       (stdlib only)
"""
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
T = tempfile.mkdtemp(prefix="logiplan-bad-")
BASE = os.path.join(T, "base", "haiphong.sqlite")

# A few inputs shared by several cases.
GOOD_POINT = '{"type":"Feature","properties":{"name":"Cảng A"},"geometry":{"type":"Point","coordinates":[106.9,20.8]}}'


def fc(*features):
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


def point(props, lon=106.9, lat=20.8):
    import json
    return json.dumps({"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [lon, lat]}},
                      ensure_ascii=False)


PROFILE = ('"name":"p","vehicle_class":"hgv","modes":["road"],"max_speed_kmh":80,'
           '"lanes":{"may_use":["general","hgv"]}')
PLAN_HEAD = "TT,Nội dung,Thời hạn,Cơ quan chủ trì\n"
ROUTE = ["--from", "lach-huyen-port", "--to", "nam-dinh-vu-logistics-centre"]

# (name, files {name: text or bytes}, argv ({P} project, {T} folder), exit code, [substrings])
CASES = [
    # --- the project file itself
    ("init over an existing file", {}, ["init", "{P}"], 1, ["{P}: file exists (use --overwrite"]),
    ("init in a missing folder", {}, ["init", "{T}/none/x.sqlite"], 1, ["folder", "does not exist"]),
    ("no such project", {}, ["layers", "{T}/missing.sqlite"], 1, ["missing.sqlite: no such project file"]),
    ("not a logiplan file", {"other.sqlite": "SQLITE"}, ["layers", "{T}/other.sqlite"], 1, ["other.sqlite"]),
    ("a SQLite file of another program", {"other.db": b""}, ["layers", "{T}/other.db"], 1,
     ["other.db: not a logiplan project file"]),
    # --- import
    ("import: unknown kind", {"a.geojson": fc(GOOD_POINT)}, ["import", "{P}", "{T}/a.geojson", "--kind", "harbour"], 2,
     ["unknown kind 'harbour'"]),
    ("import: unknown kind in a field", {"a.geojson": fc(point({"name": "X", "kind": "harbour"}))},
     ["import", "{P}", "{T}/a.geojson"], 1, ["a.geojson: feature 0 'X'", "unknown kind 'harbour'"]),
    ("import: missing file", {}, ["import", "{P}", "{T}/none.geojson", "--kind", "icd"], 1, ["none.geojson: no such file"]),
    ("import: not a vector file", {"junk.geojson": b"\x89PNG\r\n\x1a\n garbage"},
     ["import", "{P}", "{T}/junk.geojson", "--kind", "icd"], 1, ["junk.geojson", "not a vector data source"]),
    ("import: CSV without a CRS", {"a.csv": "name,lon,lat\nA,106.9,20.8\n"}, ["import", "{P}", "{T}/a.csv", "--kind", "icd"],
     1, ["a.csv: layer 'a' has no coordinate reference system", "--src-crs"]),
    ("import: self-intersecting polygon", {"z.geojson": fc(
        '{"type":"Feature","properties":{"name":"Khu nơ"},"geometry":{"type":"Polygon","coordinates":'
        '[[[106.8,20.8],[106.9,20.9],[106.9,20.8],[106.8,20.9],[106.8,20.8]]]}}')},
     ["import", "{P}", "{T}/z.geojson", "--kind", "economic_zone"], 1, ["z.geojson: feature 0 'Khu nơ'", "Self-intersection"]),
    ("import: a line for a point kind", {"l.geojson": fc(
        '{"type":"Feature","properties":{"name":"Bến"},"geometry":{"type":"LineString","coordinates":[[106.8,20.8],[106.9,20.8]]}}')},
     ["import", "{P}", "{T}/l.geojson", "--kind", "terminal"], 1, ["l.geojson: feature 0 'Bến'", "not a line"]),
    ("import: empty name", {"a.geojson": fc(point({"name": ""}))}, ["import", "{P}", "{T}/a.geojson", "--kind", "icd"], 1,
     ["a.geojson: feature 0", "empty name", "--unnamed"]),
    ("import: id twice in the file", {"a.geojson": fc(point({"id": "x", "name": "A"}), point({"id": "x", "name": "B"}))},
     ["import", "{P}", "{T}/a.geojson", "--kind", "icd"], 1, ["a.geojson: feature 1 'B'", "id 'x' appears twice"]),
    ("import: id already in the project", {"a.geojson": fc(point({"id": "cat-bi-airport", "name": "Cát Bi"}))},
     ["import", "{P}", "{T}/a.geojson", "--kind", "airport"], 1, ["feature 0 'Cát Bi'", "id 'cat-bi-airport' is already in the project"]),
    ("import: lon not a number", {"a.csv": "name,lon,lat\nA,106.9,20.8\nB,abc,20.8\n"},
     ["import", "{P}", "{T}/a.csv", "--kind", "icd", "--src-crs", "wgs84"], 1, ["a.csv: row 3", "lon 'abc' is not a number"]),
    ("import: unknown status", {"a.geojson": fc(point({"name": "A", "status": "maybe"}))},
     ["import", "{P}", "{T}/a.geojson", "--kind", "icd"], 1, ["feature 0 'A'", "unknown status 'maybe'"]),
    ("import: corridor without a mode", {"c.geojson": fc(
        '{"type":"Feature","properties":{"name":"Hành lang"},"geometry":{"type":"LineString","coordinates":[[106.8,20.8],[106.9,20.8]]}}')},
     ["import", "{P}", "{T}/c.geojson", "--kind", "corridor_link"], 1, ["feature 0 'Hành lang'", "needs a mode"]),
    ("import: Latin-1 attribute", {"a.csv": b"name,lon,lat,ghi_chu\nA,106.9,20.8,caf\xe9\n"},
     ["import", "{P}", "{T}/a.csv", "--kind", "icd", "--src-crs", "wgs84"], 1,
     ["a.csv: row 2 'A'", "field 'ghi_chu' is not valid UTF-8", "--encoding"]),
    ("import: field name not UTF-8 (found by fuzzing)", {"a.csv": b"name,lon,lat,ghi_ch\xfa\nA,106.9,20.8,x\n"},
     ["import", "{P}", "{T}/a.csv", "--kind", "icd", "--src-crs", "wgs84"], 1, ["a.csv", "the name of field 4", "not valid UTF-8"]),
    ("import: Latin-1 name", {"a.csv": b"name,lon,lat\nCaf\xe9,106.9,20.8\n"},
     ["import", "{P}", "{T}/a.csv", "--kind", "icd", "--src-crs", "wgs84"], 1, ["a.csv: row 2", "field 'name' is not valid UTF-8"]),
    ("import: NUL byte in a name", {"a.csv": b"name,lon,lat\nA\x00B,106.9,20.8\n"},
     ["import", "{P}", "{T}/a.csv", "--kind", "icd", "--src-crs", "wgs84"], 1, ["a.csv: line 2 holds a NUL byte"]),
    ("import: UTF-16 file", {"a.csv": "name,lon,lat\nA,106.9,20.8\n".encode("utf-16")},
     ["import", "{P}", "{T}/a.csv", "--kind", "icd", "--src-crs", "wgs84"], 1, ["a.csv: line 1 holds a NUL byte", "UTF-16"]),
    ("import: WGS84 given as VN-2000", {"a.csv": "name,lon,lat\nHICT,106.90547,20.79833\n"},
     ["import", "{P}", "{T}/a.csv", "--kind", "terminal", "--src-crs", "vn2000-haiphong"], 1,
     ["a.csv: row 2 'HICT'", "outside the area of use of EPSG:9210", "--force-location"]),
    ("import: far outside Viet Nam", {"a.csv": "name,lon,lat\nPorto,-8.61,41.15\n"},
     ["import", "{P}", "{T}/a.csv", "--kind", "terminal", "--src-crs", "wgs84"], 1,
     ["a.csv: row 2 'Porto'", "outside Viet Nam and its border region"]),
    ("import: metres in a lon/lat CRS", {"a.csv": "name,lon,lat\nA,620093.2,2301058.6\n"},
     ["import", "{P}", "{T}/a.csv", "--kind", "icd", "--src-crs", "wgs84"], 1, ["a.csv: row 2 'A'", "are not longitude/latitude"]),
    ("import: unreadable WKT", {"a.csv": "name,wkt\nA,POINT(106.9\n"},
     ["import", "{P}", "{T}/a.csv", "--kind", "icd", "--src-crs", "wgs84", "--map", "wkt=wkt"], 1, ["a.csv: row 2", "WKT"]),
    ("import: invalid --where", {"a.geojson": fc(GOOD_POINT)},
     ["import", "{P}", "{T}/a.geojson", "--kind", "icd", "--where", "name ==== 'x'"], 2, ["--where", "is not a valid filter"]),
    ("import: --where matching nothing", {"a.geojson": fc(GOOD_POINT)},
     ["import", "{P}", "{T}/a.geojson", "--kind", "icd", "--where", "name = 'nobody'"], 1, ["a.geojson", "no features to import"]),
    ("import: unknown --map target", {"a.geojson": fc(GOOD_POINT)},
     ["import", "{P}", "{T}/a.geojson", "--kind", "icd", "--map", "colour=MAU"], 2, ["--map 'colour=MAU'"]),
    ("import: --map to a missing field", {"a.geojson": fc(GOOD_POINT)},
     ["import", "{P}", "{T}/a.geojson", "--kind", "icd", "--map", "name=TEN"], 1, ["a.geojson", "'TEN'"]),
    ("import: unknown CRS", {"a.geojson": fc(GOOD_POINT)},
     ["import", "{P}", "{T}/a.geojson", "--kind", "icd", "--src-crs", "mars"], 2, ["unknown CRS 'mars'"]),
    ("import: unknown encoding", {"a.csv": "name,lon,lat\nA,106.9,20.8\n"},
     ["import", "{P}", "{T}/a.csv", "--kind", "icd", "--src-crs", "wgs84", "--encoding", "KLINGON"], 2,
     ["unknown encoding 'KLINGON'"]),
    ("import: no geometry and no lon/lat", {"a.csv": "name,note\nA,x\n"},
     ["import", "{P}", "{T}/a.csv", "--kind", "icd", "--src-crs", "wgs84"], 1, ["a.csv", "no geometry and no lon/lat"]),
    ("import: into a locked project", {"a.geojson": fc(GOOD_POINT)}, ["import", "{P}", "{T}/a.geojson", "--kind", "icd"],
     4, ["{P}: the project is locked by another program", "Nothing was changed"]),
    # --- export and CRS
    ("export: unknown CRS", {}, ["export", "{P}", "{T}/x.gpkg", "--crs", "mars"], 2, ["unknown CRS 'mars'"]),
    ("crs transform: not a coordinate", {}, ["crs", "transform", "--from", "wgs84", "--to", "vn2000-haiphong", "abc"], 2,
     ["abc"]),
    # --- networks
    ("network build: exists", {"r.geojson": fc(
        '{"type":"Feature","properties":{"class":"primary"},"geometry":{"type":"LineString","coordinates":[[106.8,20.8],[106.9,20.8]]}}')},
     ["network", "build", "{P}", "--from", "{T}/r.geojson", "--mode", "road"], 1, ["network 'main' exists", "--overwrite"]),
    ("network build: unknown mode", {}, ["network", "build", "{P}", "--from", "{T}/r.geojson", "--mode", "air", "--overwrite"], 2,
     ["unknown mode 'air'"]),
    ("network build: missing source", {}, ["network", "build", "{P}", "--from", "{T}/none.osm.pbf", "--name", "n2"], 1,
     ["none.osm.pbf: no such file"]),
    ("network build: corrupt pbf", {"b.osm.pbf": b"\x00\x00\x00\x0d\x0a\x09OSMHeader garbage garbage"},
     ["network", "build", "{P}", "--from", "{T}/b.osm.pbf", "--name", "n2"], 1, ["b.osm.pbf: not a readable OSM file"]),
    ("network build: no routable ways", {"p.osm": '<?xml version="1.0"?><osm version="0.6"><node id="1" lat="20.8" lon="106.8"/>'
                                                  '<node id="2" lat="20.8" lon="106.9"/><way id="3"><nd ref="1"/><nd ref="2"/>'
                                                  '<tag k="highway" v="footway"/></way></osm>'},
     ["network", "build", "{P}", "--from", "{T}/p.osm", "--name", "n2"], 1, ["p.osm: no routable lines"]),
    ("network build: line layer without CRS", {"r.csv": "wkt,class\n\"LINESTRING(106.8 20.8,106.9 20.8)\",primary\n"},
     ["network", "build", "{P}", "--from", "{T}/r.csv", "--mode", "road", "--name", "n2"], 1, ["r.csv", "coordinate reference system"]),
    ("network build: negative speed in settings", {"s.json": '{"modes":{"road":{"primary":{"speed_kmh":-5}}}}'},
     ["network", "build", "{P}", "--from", "{T}/p.osm", "--name", "n2", "--settings", "{T}/s.json"], 1,
     ["s.json: modes.road.primary.speed_kmh: must be a positive number"]),
    ("network build: settings of the wrong type", {"s.json": '{"snap_tolerance_m":"one metre"}'},
     ["network", "build", "{P}", "--from", "{T}/p.osm", "--name", "n2", "--settings", "{T}/s.json"], 1,
     ["s.json: snap_tolerance_m: expected a number, got a string"]),
    ("network build: settings not JSON", {"s.json": "{modes:"},
     ["network", "build", "{P}", "--from", "{T}/p.osm", "--name", "n2", "--settings", "{T}/s.json"], 1, ["s.json: not valid JSON"]),
    ("network build: lane table with an unknown lane", {"lanes.csv": "name,lanes_forward\nĐường X,general|tram\n"},
     ["network", "build", "{P}", "--from", "{T}/r.geojson", "--mode", "road", "--name", "n2", "--lanes-table", "{T}/lanes.csv"],
     1, ["lanes.csv: row 2", "tram"]),
    ("network check: unknown network", {}, ["network", "check", "{P}", "--name", "other"], 1, ["no network 'other'"]),
    ("network restrict: edges that do not meet", {},
     ["network", "restrict", "{P}", "--kind", "no_u_turn", "--from-edge", "0", "--via-node", "999999", "--to-edge", "0"], 1,
     ["999999"]),
    # --- analyses
    ("route: unknown profile", {}, ["route", "{P}", *ROUTE, "--profile", "spaceship"], 2, ["unknown profile 'spaceship'"]),
    ("route: profile with a negative class speed", {"p.json": "{" + PROFILE + ',"class_speed_kmh":{"primary":-20}}'},
     ["route", "{P}", *ROUTE, "--profile", "{T}/p.json"], 1, ["p.json: class_speed_kmh.primary: must be a positive number"]),
    ("route: profile with a wrong type", {"p.json": '{"name":"p","vehicle_class":"hgv","modes":"road","max_speed_kmh":80}'},
     ["route", "{P}", *ROUTE, "--profile", "{T}/p.json"], 1, ["p.json: modes: expected a list"]),
    ("route: profile with an unknown vehicle class", {"p.json": '{"name":"p","vehicle_class":"tank","modes":["road"]}'},
     ["route", "{P}", *ROUTE, "--profile", "{T}/p.json"], 1, ["p.json: unknown vehicle_class 'tank'"]),
    ("route: profile number out of range (found by fuzzing)", {"p.json": '{"name":"p","max_speed_kmh":1e999}'},
     ["route", "{P}", *ROUTE, "--profile", "{T}/p.json"], 1, ["p.json: not valid JSON", "number overflow"]),
    ("route: profile not JSON", {"p.json": "{"}, ["route", "{P}", *ROUTE, "--profile", "{T}/p.json"], 1, ["p.json: not valid JSON"]),
    ("route: unknown place", {}, ["route", "{P}", "--from", "atlantis", "--to", "lach-huyen-port"], 2,
     ["unknown place 'atlantis'"]),
    ("route: unknown scenario", {}, ["route", "{P}", *ROUTE, "--scenario", "nope"], 1, ["no scenario 'nope'"]),
    ("route: unknown network", {}, ["route", "{P}", *ROUTE, "--network", "rail9"], 1, ["rail9"]),
    ("route: a place off the network", {}, ["route", "{P}", "--from", "104.5,21.0", "--to", "lach-huyen-port"], 1, ["104.5"]),
    ("route: bad --metric", {}, ["route", "{P}", *ROUTE, "--metric", "cheapest"], 2, ["--metric"]),
    ("route: into a locked project", {}, ["route", "{P}", *ROUTE], 4, ["{P}: the project is locked"]),
    ("matrix: unknown kind of place", {}, ["matrix", "{P}", "--from", "kind:spaceport", "--to", "kind:terminal"], 2,
     ["unknown kind 'spaceport'"]),
    ("service-area: negative cutoff", {}, ["service-area", "{P}", "--from", "lach-huyen-port", "--minutes", "-5"], 2, ["-5"]),
    ("lanes audit: unknown scenario in --compare", {},
     ["lanes", "audit", "{P}", "--from", "lach-huyen-port", "--to", "nam-dinh-vu-logistics-centre", "--compare", "base,nope"],
     1, ["no scenario 'nope'"]),
    # --- scenarios
    ("scenario create: name exists", {}, ["scenario", "create", "{P}", "port-lanes-2030"], 1, ["scenario 'port-lanes-2030' exists"]),
    ("scenario set-lanes: unknown lane type", {},
     ["scenario", "set-lanes", "{P}", "port-lanes-2030", "--edge", "1", "--forward", "general|tram"], 2, ["tram"]),
    ("scenario close: no such segment", {}, ["scenario", "close", "{P}", "port-lanes-2030", "--road", "Đường Không Có"], 1,
     ["no segment named 'Đường Không Có'"]),
    ("scenario add-link: one point", {}, ["scenario", "add-link", "{P}", "port-lanes-2030", "--line", "106.8,20.8", "--road-name", "X"],
     2, ["two points"]),
    ("scenario import: not JSON", {"s.json": "{"}, ["scenario", "import", "{P}", "{T}/s.json"], 1, ["s.json: not valid JSON"]),
    ("scenario import: number out of range (found by fuzzing)", {"s.json": '{"name":"s2","edits":[{"kind":"close_link","edge":5E5555}]}'},
     ["scenario", "import", "{P}", "{T}/s.json"], 1, ["s.json: not valid JSON", "number overflow"]),
    ("scenario import: edge id that is not a whole number", {"s.json": '{"name":"s2","edits":[{"kind":"close_link","edge":1e300}]}'},
     ["scenario", "import", "{P}", "{T}/s.json"], 1, ["s.json: edit 1: edge: expected a whole number, got 1e+300"]),
    ("scenario import: unknown edit kind", {"s.json": '{"name":"s2","edits":[{"kind":"paint"}]}'},
     ["scenario", "import", "{P}", "{T}/s.json"], 1, ["s.json: edit 1: unknown kind 'paint'"]),
    ("scenario import: edit field of the wrong type", {"s.json": '{"name":"s2","edits":[{"kind":"set_lanes","edge":1,"lanes_forward":2}]}'},
     ["scenario", "import", "{P}", "{T}/s.json"], 1, ["s.json: edit 1: lanes_forward: expected a string, got a number"]),
    ("scenario import: third edit names no segment",
     {"s.json": '{"name":"s2","edits":[{"kind":"close_link","edge":1},{"kind":"close_link","edge":2},'
                '{"kind":"close_link","source_id":"osm:way/0"}]}'},
     ["scenario", "import", "{P}", "{T}/s.json"], 1, ["s.json: edit 3", "no segment with source id 'osm:way/0'"]),
    ("scenario show: unknown", {}, ["scenario", "show", "{P}", "nope"], 1, ["no scenario 'nope'"]),
    # --- plan tasks
    ("tasks import: impossible --date", {"t.csv": PLAN_HEAD + "1,Việc một,2026,Sở Xây dựng\n"},
     ["tasks", "import", "{P}", "{T}/t.csv", "--plan", "p2", "--date", "2026-13-45"], 2, ["--date '2026-13-45' is not a date"]),
    ("tasks import: plan exists", {"t.csv": PLAN_HEAD + "1,Việc một,2026,Sở Xây dựng\n"},
     ["tasks", "import", "{P}", "{T}/t.csv", "--plan", "ctr-20-tu-2026"], 1, ["ctr-20-tu-2026"]),
    ("tasks import: duplicate TT", {"t.csv": PLAN_HEAD + "1,Việc một,2026,Sở Xây dựng\n1,Việc hai,2027,Sở Tài chính\n"},
     ["tasks", "import", "{P}", "{T}/t.csv", "--plan", "p2"], 1, ["t.csv: row 3", "1"]),
    ("tasks import: missing content", {"t.csv": PLAN_HEAD + "1,,2026,Sở Xây dựng\n"},
     ["tasks", "import", "{P}", "{T}/t.csv", "--plan", "p2"], 1, ["t.csv: row 2"]),
    ("tasks import: bad TT", {"t.csv": PLAN_HEAD + "1.a.?,Việc một,2026,Sở Xây dựng\n"},
     ["tasks", "import", "{P}", "{T}/t.csv", "--plan", "p2"], 1, ["t.csv: row 2", "1.a.?"]),
    ("tasks import: Windows-1258 text", {"t.csv": PLAN_HEAD.encode() + "1,Vi\u1ec7c m\u1ed9t,2026,S\u1edf\n".encode("utf-8").replace(
        "ệ".encode(), b"\xea\xf2")},
     ["tasks", "import", "{P}", "{T}/t.csv", "--plan", "p2"], 1, ["t.csv: row 2", "not UTF-8", "--encoding CP1258"]),
    ("tasks import: no header row", {"t.csv": "a,b,c\n1,2,3\n"}, ["tasks", "import", "{P}", "{T}/t.csv", "--plan", "p2"], 1,
     ["t.csv"]),
    ("tasks import: unknown --columns", {"t.csv": PLAN_HEAD + "1,Việc một,2026,Sở Xây dựng\n"},
     ["tasks", "import", "{P}", "{T}/t.csv", "--plan", "p2", "--columns", "colour=Màu"], 2, ["--columns", "colour=Màu"]),
    ("tasks import: CSV line past a GDAL limit", {"t.csv": PLAN_HEAD + "1,Việc một,2026,Sở Xây dựng\n2," + "x" * 5000 + ",2026,Sở\n"},
     ["tasks", "import", "{P}", "{T}/t.csv", "--plan", "p2"], 1, ["t.csv: layer 't': GDAL failed to read"]),
    ("tasks link: unknown feature", {}, ["tasks", "link", "{P}", "ctr-20-tu-2026:VI.43", "atlantis"], 1, ["atlantis"]),
    ("tasks link: unknown task", {}, ["tasks", "link", "{P}", "ctr-20-tu-2026:IX.99", "lach-huyen-port"], 1, ["IX.99"]),
    ("tasks list: not a date", {}, ["tasks", "list", "{P}", "--due-by", "someday"], 2, ["'someday' is not a date"]),
    ("tasks status: unknown status", {}, ["tasks", "status", "{P}", "ctr-20-tu-2026:VI.43", "sleeping"], 2, ["sleeping"]),
    # --- siting
    ("siting: --p above the candidates", {}, ["siting", "{P}", "--p", "9", "--demand-kind", "industrial_park",
                                            "--candidate-kind", "logistics_centre"], 2, ["--p 9 is more than the 3"]),
    ("siting: a cutoff nobody can meet", {}, ["siting", "{P}", "--model", "mclp", "--p", "1", "--cutoff", "1",
                                             "--demand", "lach-huyen-berths-1-2", "--candidates", "cat-bi-air-logistics-centre"], 1, ["a cutoff nobody can meet"]),
    ("siting: set cover with an uncoverable demand", {}, ["siting", "{P}", "--model", "lscp", "--cutoff", "2",
                                                          "--demand-kind", "industrial_park"], 1,
     ["no facility reaches it within the cutoff", "demand '"]),
    ("siting: a candidate off the network", {}, ["siting", "{P}", "--demand-kind", "industrial_park", "--candidates",
                                                "huu-nghi-border-gate"], 1, ["place 'Cửa khẩu quốc tế Hữu Nghị", "too far from the network"]),
    ("siting: weight that is not a number", {}, ["siting", "{P}", "--demand-kind", "terminal", "--weight", "note"],
     1, ["weight attribute 'note'", "not a number"]),
    ("siting: weight missing", {}, ["siting", "{P}", "--demand-kind", "terminal", "--weight", "capacity"], 1,
     ["has no capacity to weigh its demand by", "--weight-default"]),
    ("siting: unknown model", {}, ["siting", "{P}", "--model", "gravity"], 2, ["unknown model 'gravity'"]),
    ("siting: costs with a missing pair", {"c.csv": "demand,candidate,cost\nA,X,1\nB,Y,2\n"},
     ["siting", "--costs", "{T}/c.csv"], 1, ["c.csv: no row for demand 'A' and candidate 'Y'"]),
    ("siting: costs with a duplicate row", {"c.csv": "demand,candidate,cost\nA,X,1\nA,X,2\n"},
     ["siting", "--costs", "{T}/c.csv"], 1, ["c.csv: row 3: the pair demand 'A' – candidate 'X' repeats row 2"]),
    ("siting: costs not a number", {"c.csv": "demand,candidate,cost\nA,X,far\n"}, ["siting", "--costs", "{T}/c.csv"], 1,
     ["c.csv: row 2: cost 'far' is not a number"]),
    ("siting: negative weight", {"c.csv": "demand,candidate,cost\nA,X,1\n", "w.csv": "demand,weight\nA,-3\n"},
     ["siting", "--costs", "{T}/c.csv", "--weights", "{T}/w.csv"], 1, ["w.csv: row 2: weight -3 is negative"]),
    ("siting: capacities in TEU and tonnes mixed", {}, ["siting", "{P}", "--demand", "lach-huyen-berths-1-2", "--demand",
                                                       "tan-vu-terminal", "--weight", "capacity"], 1,
     ["demand weights mix", "TEU/yr", "t/yr", "--tonnes-per-teu"]),
    ("siting: a capacity that is not freight", {}, ["siting", "{P}", "--demand", "cat-bi-airport", "--weight", "capacity"],
     1, ["feature 'cat-bi-airport': capacity 4 M pax/yr", "is not freight"]),
    ("siting: a weight rule that cannot be read", {}, ["siting", "{P}", "--weight", "industrial_park=area_ha*lots"], 2,
     ["--weight 'industrial_park=area_ha*lots'", "factor"]),
    ("siting: grid without zones", {}, ["siting", "{P}", "--grid-km", "2"], 2, ["--grid-km makes a grid inside --zones"]),
    ("siting: unknown zone", {}, ["siting", "{P}", "--zones", "ftz-site-9"], 2, ["zone 'ftz-site-9': no area"]),
    ("siting: market share is not linear", {}, ["siting", "{P}", "--model", "market-share", "--decay", "power",
                                              "--demand-kind", "industrial_park", "--solver", "exact"], 2,
     ["market-share (the Huff model) is not a linear program"]),
    ("siting: linear decay without a reach", {}, ["siting", "{P}", "--model", "attendance", "--demand-kind",
                                                 "industrial_park"], 2, ["attendance with linear decay needs a --cutoff"]),
    ("siting: unknown decay", {}, ["siting", "{P}", "--model", "attendance", "--decay", "gaussian"], 2,
     ["--decay 'gaussian'"]),
    ("siting: cflp capacities short of the demand", {},
     ["siting", "{P}", "--model", "cflp", "--demand-kind", "industrial_park", "--weight", "area_ha",
      "--candidate-kind", "logistics_centre", "--capacity", "100"], 1,
     ["cflp: the candidates' capacities add up to 300, less than the demand weight"]),
    ("siting: cflp with the heuristic", {}, ["siting", "{P}", "--model", "cflp", "--solver", "heuristic"], 2,
     ["cflp is solved by CBC"]),
    ("siting: facilities table names an unknown candidate",
     {"c.csv": "demand,candidate,cost\nA,X,1\n", "f.csv": "candidate,fixed_cost,capacity\nY,10,5\n"},
     ["siting", "--costs", "{T}/c.csv", "--facilities", "{T}/f.csv", "--model", "cflp"], 1,
     ["f.csv: row 2: candidate 'Y' is not in"]),
    ("siting score: AHP matrix not reciprocal",
     {"ahp.csv": ",time:seaport,status\ntime:seaport,1,3\nstatus,3,1\n"},
     ["siting", "score", "{P}", "--criterion", "time:seaport", "--criterion", "status", "--ahp", "{T}/ahp.csv"], 1,
     ["ahp.csv: AHP matrix is not reciprocal: row 'time:seaport', column 'status' is 3",
      "it must be 1/3"]),
    ("siting score: AHP matrix inconsistent",
     {"ahp.csv": ",a,b,c\na,1,9,1/9\nb,1/9,1,9\nc,9,1/9,1\n"},
     ["siting", "score", "{P}", "--criterion", "time:seaport", "--criterion", "status", "--criterion", "area_ha",
      "--ahp", "{T}/ahp.csv"], 1, ["ahp.csv: no row or column for criterion 'time:seaport'"]),
    ("siting score: AHP consistency ratio above 0.1",
     {"ahp.csv": ",time:seaport,status,area_ha\ntime:seaport,1,9,1/9\nstatus,1/9,1,9\narea_ha,9,1/9,1\n"},
     ["siting", "score", "{P}", "--criterion", "time:seaport", "--criterion", "status", "--criterion", "area_ha",
      "--ahp", "{T}/ahp.csv"], 1, ["the AHP matrix is inconsistent: consistency ratio", "--force"]),
    ("siting score: AHP cell not a number",
     {"ahp.csv": ",time:seaport,status\ntime:seaport,1,three\nstatus,1/3,1\n"},
     ["siting", "score", "{P}", "--criterion", "time:seaport", "--criterion", "status", "--ahp", "{T}/ahp.csv"], 1,
     ["ahp.csv, line 2, column 'status': 'three' is not a positive number or fraction"]),
    ("siting score: unknown criterion", {}, ["siting", "score", "{P}", "--criterion", "beauty"], 2,
     ["--criterion 'beauty'"]),
    ("siting score: weights do not match the criteria", {},
     ["siting", "score", "{P}", "--criterion", "status", "--criterion", "tasks", "--criterion-weights", "1,2,3"], 2,
     ["--criterion-weights: 3 weights for 2 criteria"]),
    # --- demand and assignment
    ("demand import: unknown vehicle class", {"od.csv": "origin,destination,trips\nlach-huyen-port,dinh-vu-ip,10\n"},
     ["demand", "import", "{P}", "{T}/od.csv", "--name", "x", "--class", "tank"], 2, ["tank"]),
    ("demand import: unknown place", {"od.csv": "origin,destination,trips\nlach-huyen-port,atlantis,10\n"},
     ["demand", "import", "{P}", "{T}/od.csv", "--name", "x", "--class", "motorbike"], 1,
     ["od.csv: row 2: unknown place 'atlantis'"]),
    ("demand import: trips not a number", {"od.csv": "origin,destination,trips\nlach-huyen-port,dinh-vu-ip,many\n"},
     ["demand", "import", "{P}", "{T}/od.csv", "--name", "x", "--class", "motorbike"], 1,
     ["od.csv: row 2: trips 'many' is not a non-negative number"]),
    ("demand import: a pair twice", {"od.csv": "origin,destination,trips\na,b,1\na,b,2\n"},
     ["demand", "import", "{P}", "{T}/od.csv", "--name", "x", "--class", "motorbike"], 1, ["od.csv: row 3: a → b repeats row 2"]),
    ("demand generate: unknown period", {}, ["demand", "generate", "{P}", "--period", "week"], 2, ["--period 'week'"]),
    ("demand generate: throughput without a value", {}, ["demand", "generate", "{P}", "--throughput", "lach-huyen-port"], 2,
     ["--throughput 'lach-huyen-port': give ID=TEU per year"]),
    ("demand generate: settings with a negative PCU", {"s.json": '{"pcu": {"car": -1}}'},
     ["demand", "generate", "{P}", "--settings", "{T}/s.json"], 1, ["s.json: pcu.car: must be a positive number"]),
    ("assign: no such demand", {}, ["assign", "{P}", "--demand", "rush"], 1, ["no demand named 'rush'"]),
    ("assign: neither project nor TNTP", {}, ["assign", "--demand", "x"], 2, ["--tntp NET TRIPS"]),
    ("assign: unknown algorithm", {}, ["assign", "{P}", "--demand", "x", "--algorithm", "newton"], 2,
     ["unknown algorithm 'newton'"]),
    ("assign: TNTP link row short", {"n.tntp": "<NUMBER OF ZONES> 1\n<NUMBER OF NODES> 2\n<FIRST THRU NODE> 1\n"
                                              "<NUMBER OF LINKS> 1\n<END OF METADATA>\n1 2 100 ;\n", "t.tntp": ""},
     ["assign", "--tntp", "{T}/n.tntp", "{T}/t.tntp"], 1, ["n.tntp, line 6: 3 values"]),
    ("lanes audit: --volumes of a run that is not an assignment", {}, ["lanes", "audit", "{P}", "--volumes", "1"], 1,
     ["run 1 is a siting run, not an assignment"]),
    ("lanes audit: --volumes without motorbikes", {}, ["lanes", "audit", "{P}", "--volumes", "4"], 1,
     ["run 4 has no motorbike volumes"]),
    ("lanes audit: --volumes on another network version", {},
     ["lanes", "audit", "{P}", "--volumes", "4", "--scenario", "port-lanes-2030"], 1,
     ["run 4 was assigned on network version 1; audit the same network without --scenario"]),
    ("lanes audit: --volumes with --compare", {}, ["lanes", "audit", "{P}", "--volumes", "4", "--compare", "base,port-lanes-2030"],
     2, ["--volumes ranks one audit"]),
    ("assign: select-link on an edge the network lacks", {},
     ["assign", "{P}", "--demand", "port-trucks", "--select-link", "99999"], 2, ["--select-link '99999': the network has edges 0 to"]),
    ("assign: select-link with an unknown direction", {},
     ["assign", "{P}", "--demand", "port-trucks", "--select-link", "21:up"], 2, ["the direction is ab"]),
    ("assign: select-link with TNTP files", {"n.tntp": "", "t.tntp": ""},
     ["assign", "--tntp", "{T}/n.tntp", "{T}/t.tntp", "--select-link", "1"], 2, ["not with --tntp"]),
    ("assign: --compare with --scenario", {},
     ["assign", "{P}", "--demand", "port-trucks", "--compare", "base,port-lanes-2030", "--scenario", "port-lanes-2030"], 2,
     ["--compare names the scenarios"]),
    ("siting: --congested of a run that is not an assignment", {},
     ["siting", "{P}", "--demand-kind", "terminal", "--congested", "1"], 1, ["run 1 is a siting run, not an assignment"]),
    ("siting: --congested of a run on a scenario, siting on the base", {},
     ["siting", "{P}", "--demand-kind", "terminal", "--congested", "3"], 1,
     ["run 3 was assigned on scenario 'port-lanes-2030', and this study is on the base network"]),
    ("demand export: no such demand", {}, ["demand", "export", "{P}", "rush", "--out", "{T}/od.csv"], 1,
     ["no demand named 'rush'"]),
    # --- corridors
    ("corridor: unknown corridor", {}, ["corridor", "profile", "{P}", "nowhere"], 1,
     ["no corridor named 'nowhere' (corridors: hai-phong-lao-cai, lach-huyen-nam-dinh-vu)"]),
    ("corridor: define through one place", {}, ["corridor", "define", "{P}", "x", "--through", "dinh-vu-port"], 2,
     ["a corridor runs through two places or more"]),
    ("corridor: define through a kind", {}, ["corridor", "define", "{P}", "x", "--through", "kind:terminal", "dinh-vu-port"], 2,
     ["'kind:terminal' is several places"]),
    ("corridor: define a name that exists", {},
     ["corridor", "define", "{P}", "lach-huyen-nam-dinh-vu", "--through", "dinh-vu-port", "dinh-vu-ip"], 1,
     ["corridor 'lach-huyen-nam-dinh-vu' exists already (use --replace"]),
    ("corridor: define from a feature that is not a corridor", {},
     ["corridor", "define", "{P}", "x", "--from-feature", "dinh-vu-port"], 2,
     ["--from-feature 'dinh-vu-port' is in the sites layer, not a line of the corridors layer"]),
    ("corridor: unknown mode", {}, ["corridor", "define", "{P}", "x", "--through", "dinh-vu-port", "dinh-vu-ip", "--modes", "air"],
     2, ["mode 'air': road, rail or inland_waterway"]),
    ("corridor: a mode it was not defined with", {}, ["corridor", "profile", "{P}", "lach-huyen-nam-dinh-vu", "--mode", "rail"], 1,
     ["corridor 'lach-huyen-nam-dinh-vu' is defined for road, not rail"]),
    ("corridor: --volumes of a run that is not an assignment", {},
     ["corridor", "profile", "{P}", "lach-huyen-nam-dinh-vu", "--volumes", "1"], 1, ["run 1 is a siting run, not an assignment"]),
    ("corridor: --volumes of the base on a scenario", {},
     ["corridor", "profile", "{P}", "lach-huyen-nam-dinh-vu", "--volumes", "4", "--scenario", "port-lanes-2030"], 1,
     ["run 4 was assigned on network version 1; the corridor is traced on version 1, scenario port-lanes-2030"]),
    ("corridor: report in an unknown language", {}, ["corridor", "report", "{P}", "lach-huyen-nam-dinh-vu", "--out", "{T}/r",
                                                     "--lang", "fr"], 2, ["--lang"]),
    # --- QGIS export
    ("export-qgis: unknown CRS", {}, ["export-qgis", "{P}", "--out", "{T}/q", "--crs", "mars"], 2, ["unknown CRS 'mars'"]),
    ("export-qgis: unknown run", {}, ["export-qgis", "{P}", "--out", "{T}/q", "--runs", "9999"], 1, ["9999"]),
]

# Cases that need more than files: a GDAL limit through the environment, a lock held.
ENV = {
    "tasks import: CSV line past a GDAL limit": {"OGR_CSV_MAX_LINE_SIZE": "1000"},
}
LOCKED = {"import: into a locked project", "route: into a locked project"}


def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def make_base():
    os.makedirs(os.path.dirname(BASE))
    subprocess.run([BIN, "--no-progress", "demo", "--out", os.path.dirname(BASE)], check=True, capture_output=True)


def run_case(i, case):
    name, files, argv, code, wants = case
    folder = os.path.join(T, f"case{i:03d}")
    os.makedirs(folder)
    project = os.path.join(folder, "haiphong.sqlite")
    shutil.copyfile(BASE, project)
    for fname, content in files.items():
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(os.path.join(folder, fname), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
            f.write(content)
    # Files other cases of the same command rely on (a road layer, an OSM file).
    if not os.path.exists(os.path.join(folder, "r.geojson")):
        with open(os.path.join(folder, "r.geojson"), "w") as f:
            f.write(fc('{"type":"Feature","properties":{"class":"primary","name":"Đường X"},"geometry":{"type":"LineString",'
                       '"coordinates":[[106.8,20.8],[106.9,20.8]]}}'))
    if not os.path.exists(os.path.join(folder, "p.osm")):
        with open(os.path.join(folder, "p.osm"), "w") as f:
            f.write('<?xml version="1.0"?><osm version="0.6"><node id="1" lat="20.8" lon="106.8"/><node id="2" lat="20.8" '
                    'lon="106.9"/><way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/></way></osm>')
    before = digest(project)
    args = [a.replace("{P}", project).replace("{T}", folder) for a in argv]
    env = dict(os.environ, **ENV.get(name, {}), LOGIPLAN_BUSY_TIMEOUT="0.3")
    holder = None
    if name in LOCKED:
        holder = sqlite3.connect(project, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    try:
        r = subprocess.run([BIN, "--no-progress", *args], capture_output=True, text=True, errors="replace", env=env, timeout=120)
    finally:
        if holder:
            holder.execute("ROLLBACK")
            holder.close()
    out = r.stdout + r.stderr
    problems = []
    if r.returncode != code:
        problems.append(f"exit {r.returncode}, expected {code}")
    for w in wants:
        w = w.replace("{P}", project).replace("{T}", folder)
        if w not in out:
            problems.append(f"message lacks {w!r}")
    if digest(project) != before:
        problems.append("the project file changed")
    for extra in ("-wal", "-journal"):
        if os.path.exists(project + extra) and os.path.getsize(project + extra) > 0:
            problems.append(f"left {os.path.basename(project + extra)} behind")
    return problems, out.strip()


def main():
    if "--list" in sys.argv:
        for c in CASES:
            print(c[0])
        return 0
    make_base()
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names)), "case names must be distinct"
    passed = failed = 0
    t0 = time.time()
    for i, case in enumerate(CASES):
        problems, out = run_case(i, case)
        if problems:
            failed += 1
            print(f"FAIL {case[0]}: {'; '.join(problems)}\n     output: {out[:600]}")
        else:
            passed += 1
            if os.environ.get("VERBOSE"):
                print(f"ok   {case[0]}: {out[:300]}")
    shutil.rmtree(T, ignore_errors=True)
    print(f"bad-input catalogue: {len(CASES)} cases in {time.time() - t0:.1f} s, project unchanged after each that passed")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
