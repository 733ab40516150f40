#!/usr/bin/python3
"""Checks logiplan's routing on real OSM extracts against networkx (Debian's
python3-networkx, a second, node-based Dijkstra): for a fixed set of random OD
pairs, `logiplan matrix` costs (shortest: metres; fastest: seconds) must equal
networkx's to 1e-6 relative, unreachable pairs must agree, and so must the counts
of weakly and strongly connected components for the profile.

The networkx graph is rebuilt here from the stored network's columns with the car
profile's rules (road mode; access not no/private; a lane the car may use when
lanes are known; speed capped at 120 km/h). The extracts have no turn
restrictions, so node-based and edge-based searches must agree.

Usage: routing_check.py LOGIPLAN SHARED_DIR FILE..."""
import json, os, random, sqlite3, subprocess, sys, tempfile
import networkx as nx

logiplan, shared, files = sys.argv[1], sys.argv[2], sys.argv[3:]
passed = failed = 0


def check(ok, what):
    global passed, failed
    passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    print(f"  {'ok' if ok else 'FAIL'}: {what}")


def car_graph(db):
    g = nx.DiGraph()
    rows = db.execute("SELECT from_node, to_node, length_m, forward, backward, speed_fwd_kmh, speed_bwd_kmh, access,"
                      " lane_use_fwd, lane_use_bwd, mode FROM network_edges").fetchall()
    def usable(allowed, speed, lanes, access, mode):
        if not allowed or mode != "road" or access in ("no", "private") or not speed or speed <= 0: return False
        return lanes == "" or "general" in lanes.split("|")
    for a, b, length, fwd, bwd, sf, sb, access, lf, lb, mode in rows:
        for (u, v, ok, speed, lanes) in ((a, b, fwd, sf, lf), (b, a, bwd, sb, lb)):
            if not usable(ok, speed, lanes, access, mode): continue
            time = length / (min(speed, 120.0) / 3.6)
            # Parallel edges: keep the best of each metric separately.
            if g.has_edge(u, v):
                d = g[u][v]
                d["length"] = min(d["length"], length)
                d["time"] = min(d["time"], time)
            else:
                g.add_edge(u, v, length=length, time=time)
    return g


for f in files:
    print(f"{f}:")
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "p.sqlite")
        subprocess.run([logiplan, "init", project], check=True, capture_output=True)
        subprocess.run([logiplan, "--no-progress", "network", "build", project, "--from", os.path.join(shared, "data/osm", f)],
                       check=True, capture_output=True)
        db = sqlite3.connect(project)
        g = car_graph(db)
        db.enable_load_extension(True)
        db.load_extension("mod_spatialite")
        pos = {n: (lon, lat) for n, lon, lat in db.execute("SELECT node, X(geom), Y(geom) FROM network_nodes")}
        random.seed(20261123)
        nodes = sorted(n for n in g.nodes if g.out_degree(n) > 0 and g.in_degree(n) > 0)
        origins = random.sample(nodes, 10)
        destinations = random.sample(nodes, 10)
        spec = lambda n: f"{pos[n][0]!r},{pos[n][1]!r}"
        for metric, weight, field in (("shortest", "length", "length_m"), ("fastest", "time", "time_s")):
            cmd = [logiplan, "matrix", project, "--profile", "car", "--metric", metric, "--json", "--no-store", "--max-snap", "1"]
            for o in origins: cmd += ["--from", spec(o)]
            for d in destinations: cmd += ["--to", spec(d)]
            out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            cells = out["cells"]
            worst, disagreements, unreachable = 0.0, 0, 0
            for i, o in enumerate(origins):
                dist = nx.single_source_dijkstra_path_length(g, o, weight=weight)
                for j, d in enumerate(destinations):
                    ours = cells[i * len(destinations) + j][field]
                    theirs = dist.get(d)
                    if ours is None or theirs is None:
                        unreachable += theirs is None
                        disagreements += (ours is None) != (theirs is None)
                        continue
                    if theirs == 0:
                        disagreements += ours != 0
                        continue
                    worst = max(worst, abs(ours - theirs) / theirs)
            check(len(cells) == 100 and disagreements == 0 and worst <= 1e-6,
                  f"{metric}: {len(cells)} OD pairs ({unreachable} unreachable in both), worst relative difference {worst:.1e}")
        conn = json.loads(subprocess.run([logiplan, "connectivity", project, "--profile", "car", "--json", "--no-store",
                                          "--max-snap", "1", "--from", spec(origins[0]), "--to", spec(destinations[0])],
                                         check=True, capture_output=True, text=True).stdout)
        weak, strong = nx.number_weakly_connected_components(g), nx.number_strongly_connected_components(g)
        check(conn["weak_components"] == weak and conn["strong_components"] == strong,
              f"components: logiplan {conn['weak_components']} weak / {conn['strong_components']} strong, "
              f"networkx {weak} / {strong}")

print(f"routing: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
