#!/usr/bin/python3
"""Lane tags in real OSM data change strict (dedicated-lane) routing as they should.

Segments picked, and why:
- Hà Nội, way 37862082, the Kim Liên underpass (Hầm chui Kim Liên): one-way, lanes=2 with
  motorcar:lanes=designated|no and motorcycle:lanes=no|designated, i.e. a lane for cars and a lane
  for motorbikes. A motorbike on --lanes strict must get through it on its dedicated lane.
- Heidelberg, way 23567307 (Reichskanzler-Müller-Straße, B 37): one-way, lanes=2 with
  access:lanes=yes|yes|no and bicycle:lanes=yes|yes|designated, a cycle lane beside two motor lanes.
  Rudimentary vehicles may use cycle lanes (networks/profiles/rudimentary.json), so their strict route
  along it succeeds; a motorbike's strict route there does not (no lane of its own).
- In each city, the first primary road edge (by source id) with no lane tags whose ends touch no
  edge with a dedicated lane: strict routing has nothing to use there, ordinary routing does.

Usage: lanes_check.py LOGIPLAN SHARED_DIR"""
import json, os, sqlite3, subprocess, sys, tempfile

logiplan, shared = sys.argv[1], sys.argv[2]
passed = failed = 0


def check(ok, what):
    global passed, failed
    passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    print(f"  {'ok' if ok else 'FAIL'}: {what}")


def route(project, a, b, profile, lanes):
    out = subprocess.run([logiplan, "route", project, "--from", a, "--to", b, "--profile", profile, "--lanes", lanes,
                          "--metric", "shortest", "--json", "--no-store", "--max-snap", "1"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def ends(db, edge):
    rows = db.execute("SELECT X(a.geom), Y(a.geom), X(b.geom), Y(b.geom) FROM network_edges e"
                      " JOIN network_nodes a ON a.node = e.from_node JOIN network_nodes b ON b.node = e.to_node"
                      " WHERE e.edge = ?", (edge,)).fetchone()
    return f"{rows[0]!r},{rows[1]!r}", f"{rows[2]!r},{rows[3]!r}"


cases = {
    "vn-hanoi-inner-drive-2025.osm.pbf": ("osm:way/37862082", "motorbike", "motorcycle"),
    "de-heidelberg.osm.pbf": ("osm:way/23567307", "rudimentary", "bicycle"),
}
for f, (way, profile, lane) in cases.items():
    print(f"{f}:")
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "p.sqlite")
        subprocess.run([logiplan, "init", project], check=True, capture_output=True)
        subprocess.run([logiplan, "--no-progress", "network", "build", project, "--from", os.path.join(shared, "data/osm", f)],
                       check=True, capture_output=True)
        db = sqlite3.connect(project)
        db.enable_load_extension(True)
        db.load_extension("mod_spatialite")
        edges = db.execute("SELECT edge, length_m, lane_use_fwd FROM network_edges WHERE source_id = ? AND forward = 1"
                           " ORDER BY edge", (way,)).fetchall()
        check(len(edges) > 0 and all(lane in e[2].split("|") for e in edges),
              f"{way}: {len(edges)} edges, forward lanes {[e[2] for e in edges]}")
        edge, length, _ = max(edges, key=lambda e: e[1])
        a, b = ends(db, edge)
        r = route(project, a, b, profile, "strict")
        best = r["routes"][0] if r["routes"] else None
        check(best is not None and best["mixed_m"] == 0 and abs(best["dedicated_m"] - length) < 1e-6,
              f"{profile} --lanes strict along {way} (edge {edge}, {length:.1f} m): "
              f"{'dedicated %.1f m, mixed %.1f m' % (best['dedicated_m'], best['mixed_m']) if best else 'no path'}")
        if profile == "rudimentary":
            r2 = route(project, a, b, "motorbike", "strict")
            check(not r2["routes"] and "strict_gap" in r2, f"motorbike --lanes strict along {way}: no path (a cycle lane is not its own)")
        # A primary edge without lane tags, far from every dedicated lane.
        dedicated_nodes = {n for row in db.execute(
            "SELECT from_node, to_node FROM network_edges WHERE lane_use_fwd LIKE ? OR lane_use_bwd LIKE ?",
            (f"%{lane}%", f"%{lane}%")) for n in row}
        for e, fn, tn, sid in db.execute("SELECT edge, from_node, to_node, source_id FROM network_edges WHERE class = 'primary'"
                                         " AND lanes_fwd = 0 AND lanes_bwd = 0 AND forward = 1 AND from_node <> to_node"
                                         " ORDER BY source_id, edge"):
            if fn not in dedicated_nodes and tn not in dedicated_nodes:
                break
        a, b = ends(db, e)
        strict = route(project, a, b, profile, "strict")
        ignore = route(project, a, b, profile, "ignore")
        check(not strict["routes"] and ignore["routes"] and ignore["routes"][0]["mixed_m"] > 0,
              f"untagged primary edge {e} ({sid}): strict has no path, ordinary routing does "
              f"({ignore['routes'][0]['mixed_m'] if ignore['routes'] else 0:.1f} m mixed)")

print(f"lanes: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
