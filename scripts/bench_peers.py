#!/usr/bin/python3
"""Helpers of scripts/bench-peers.sh (Debian's python3, for igraph).

  bench_peers.py candidates DIR P M  OSM nodes both networks have, shuffled, for peer_queries to choose from
  bench_peers.py points DIR P M      the pairs and matrix points peer_queries chose, as pgRouting vertices
  bench_peers.py igraph DIR       igraph's Dijkstra on pgRouting's graph: times and distances (JSON)
  bench_peers.py report DIR       the figures, the ratios and the agreement of the distances
"""
import json
import os
import random
import sqlite3
import statistics
import sys
import time


def candidates(d, pairs, matrix):
    """Every pgRouting vertex that is an OSM node of logiplan's network, shuffled (seed 15); peer_queries
    takes the first ones it can place for the profile and writes them to chosen.txt."""
    vertices = []
    for line in open(f"{d}/pg_vertices.tsv"):
        vid, osm, lon, lat = line.split("\t")
        vertices.append((int(osm), int(vid), float(lon), float(lat)))
    db = sqlite3.connect(f"{d}/p.sqlite")
    ours = {r[0] for r in db.execute("SELECT osm_id FROM network_nodes WHERE osm_id IS NOT NULL")}
    common = sorted(v for v in vertices if v[0] in ours)
    random.Random(15).shuffle(common)
    common = common[:max(1000, 5 * (2 * pairs + matrix))]  # enough to find 2P + M placeable ones
    with open(f"{d}/candidates.txt", "w") as f, open(f"{d}/candidate_vids.tsv", "w") as g:
        f.write(f"{pairs} {matrix}\n")
        for _, vid, lon, lat in common:
            f.write(f"{lon:.7f} {lat:.7f}\n")
            g.write(f"{lon:.7f} {lat:.7f}\t{vid}\n")
    print(f"  points: {len(ours)} OSM nodes in logiplan's network, {len(vertices)} pgRouting vertices; "
          f"{len(common)} common ones drawn (seed 15) as candidates")


def points(d, pairs, matrix):
    """The points peer_queries chose, as pgRouting vertex ids and as coordinates."""
    vid = dict(l.rstrip("\n").split("\t") for l in open(f"{d}/candidate_vids.tsv"))
    chosen = [l.strip() for l in open(f"{d}/chosen.txt") if l.strip()]
    with open(f"{d}/pair_vids.txt", "w") as f, open(f"{d}/process_pairs.txt", "w") as g:
        for p in range(pairs):
            a, b = chosen[2 * p], chosen[2 * p + 1]
            f.write(f"{vid[a]} {vid[b]}\n")
            if p < 20:
                g.write(f"{a} {b}\n")
    m = chosen[2 * pairs:2 * pairs + matrix]
    with open(f"{d}/matrix_points.txt", "w") as f:
        f.write("".join(p.replace(" ", ",") + "\n" for p in m))
    with open(f"{d}/matrix_vids.txt", "w") as f:
        f.write(" ".join(vid[p] for p in m) + "\n")


def run_igraph(d):
    import igraph
    edges, weights, n = [], [], 0
    for line in open(f"{d}/pg_ways.tsv"):
        s, t, cost, reverse, length = line.split("\t")
        s, t, length = int(s), int(t), float(length)
        n = max(n, s + 1, t + 1)
        if float(cost) >= 0:
            edges.append((s, t)); weights.append(length)
        if float(reverse) >= 0:
            edges.append((t, s)); weights.append(length)
    t0 = time.perf_counter()
    g = igraph.Graph(n=n, edges=edges, directed=True)
    g.es["w"] = weights
    build_ms = (time.perf_counter() - t0) * 1000
    pairs = [tuple(map(int, l.split())) for l in open(f"{d}/pair_vids.txt")]
    times, lengths = [], []
    for s, t in pairs:
        t0 = time.perf_counter()
        v = g.distances(source=[s], target=[t], weights="w", mode="out")[0][0]
        times.append((time.perf_counter() - t0) * 1000)
        lengths.append(v if v != float("inf") else -1)
    vids = list(map(int, open(f"{d}/matrix_vids.txt").read().split()))
    t0 = time.perf_counter()
    m = g.distances(source=vids, target=vids, weights="w", mode="out")
    matrix_ms = (time.perf_counter() - t0) * 1000
    reached = sum(1 for i, row in enumerate(m) for j, v in enumerate(row) if i != j and v != float("inf"))
    total = sum(v for i, row in enumerate(m) for j, v in enumerate(row) if i != j and v != float("inf"))
    print(json.dumps({"build_ms": build_ms, "query_median_ms": statistics.median(times), "pair_length_m": lengths,
                      "matrix_ms": matrix_ms, "matrix_reached": reached, "matrix_sum_m": total, "vertices": n, "arcs": len(edges)}))


def median_file(path):
    return statistics.median(float(l) for l in open(path) if l.strip())


def report(d):
    lp_wall, lp_kb = map(float, open(f"{d}/lp.time").read().split()[-2:])
    o2p_wall, o2p_kb = map(float, open(f"{d}/o2p.time").read().split()[-2:])
    osmium_s = float(open(f"{d}/osmium.ms").read()) / 1000
    lp = json.load(open(f"{d}/lp.json"))
    ig = json.load(open(f"{d}/igraph.json"))
    values, times = [], []
    for line in open(f"{d}/pg_session.txt"):
        line = line.strip()
        if line.startswith("Time:"):
            times.append(float(line.split()[1]))
        elif line and not line.startswith("Timing"):
            values.append(line)
    pairs = len(lp["pair_length_m"])
    pg_len = [float(v) for v in values[:pairs]]
    pg_query = statistics.median(times[:pairs])
    pg_matrix = times[pairs]
    pg_count, pg_sum = values[pairs].split("|")
    rows = [
        ("network build (s; peak MB)", f"{lp_wall:.1f}; {lp_kb / 1024:.0f}",
         f"{o2p_wall:.1f} (+{osmium_s:.1f} .pbf→.osm); {o2p_kb / 1024:.0f} (PostgreSQL's own not counted)",
         o2p_wall / lp_wall, None),
        ("one route as a process (ms, median of 20)", f"{median_file(f'{d}/lp_process.ms'):.0f}",
         f"{median_file(f'{d}/pg_process.ms'):.0f} (psql + pgr_dijkstra)",
         median_file(f"{d}/pg_process.ms") / median_file(f"{d}/lp_process.ms"), None),
        ("one-to-one in-process, plain Dijkstra (ms)", f"{lp['query_plain_median_ms']:.2f}",
         f"{pg_query:.1f} (pgr_dijkstra in a session); igraph {ig['query_median_ms']:.2f}",
         pg_query / lp["query_plain_median_ms"], ig["query_median_ms"] / lp["query_plain_median_ms"]),
        ("one-to-one in-process, hierarchy (ms, median)", f"{lp['query_median_ms']:.3f}",
         f"{pg_query:.1f} (pgr_dijkstra in a session); igraph {ig['query_median_ms']:.2f}",
         pg_query / lp["query_median_ms"], ig["query_median_ms"] / lp["query_median_ms"]),
        ("100 x 100 matrix as a process (ms)", f"{median_file(f'{d}/lp_matrix_process.ms'):.0f}",
         f"{median_file(f'{d}/pg_matrix_process.ms'):.0f} (psql + pgr_dijkstraCostMatrix)",
         median_file(f"{d}/pg_matrix_process.ms") / median_file(f"{d}/lp_matrix_process.ms"), None),
        ("100 x 100 matrix in-process, plain (ms)", f"{lp['matrix_plain_ms']:.0f}",
         f"{pg_matrix:.0f} (pgr_dijkstraCostMatrix in a session); igraph {ig['matrix_ms']:.0f}",
         pg_matrix / lp["matrix_plain_ms"], ig["matrix_ms"] / lp["matrix_plain_ms"]),
        ("100 x 100 matrix in-process, hierarchy (ms)", f"{lp['matrix_ms']:.1f}",
         f"{pg_matrix:.0f} (pgr_dijkstraCostMatrix in a session); igraph {ig['matrix_ms']:.0f}",
         pg_matrix / lp["matrix_ms"], ig["matrix_ms"] / lp["matrix_ms"]),
    ]
    print(f"  {'figure':44} {'logiplan':>12}   peer")
    for name, ours, theirs, ratio, ratio2 in rows:
        r = f"ratio {ratio:.2f}" + (f", vs igraph {ratio2:.2f}" if ratio2 else "")
        print(f"  {name:44} {ours:>12}   {theirs}   -> {r}")
    if os.path.exists(f"{d}/lp_start.ms"):
        print(f"  of a route process, start-up alone (logiplan --version, median of 20): "
              f"{median_file(f'{d}/lp_start.ms'):.0f} ms, the shared libraries' loading")
    # Agreement of the shortest distances on the same pairs.
    same = longer = shorter = reach = both_none = 0
    for a, b in zip(lp["pair_length_m"], pg_len):
        if a < 0 and b < 0: both_none += 1
        elif (a < 0) != (b < 0): reach += 1
        elif abs(a - b) <= 0.5 + 1e-4 * b: same += 1
        elif a > b: longer += 1
        else: shorter += 1
    ig_same = sum(1 for a, b in zip(ig["pair_length_m"], pg_len) if abs(a - b) <= 1e-6 * max(1, abs(b)))
    restrictions = sqlite3.connect(f"{d}/p.sqlite").execute("SELECT count(*) FROM turn_restrictions").fetchone()[0]
    print(f"  distances, {pairs} pairs: {same} equal within 0.5 m, {both_none} unreachable for both; "
          f"{longer} longer in logiplan (its network has {restrictions} turn restrictions, which pgr_dijkstra ignores; "
          f"or a road its car profile does not take), {shorter} shorter in logiplan (a road osm2pgrouting's car map "
          f"leaves out), {reach} reachable for one only (access rules differ); igraph equals pgRouting on {ig_same}/{pairs}")
    print(f"  matrix: logiplan {lp['matrix_reached'] - 100 if lp['matrix_reached'] >= 100 else lp['matrix_reached']} "
          f"reached off-diagonal cells, pgRouting {pg_count}, igraph {ig['matrix_reached']}")
    print(f"  logiplan's hierarchy against its plain search: {lp['hierarchy_pairs_equal']}/{pairs} pairs and "
          f"{lp['matrix_cells_equal_plain']}/{lp['matrix_cells']} matrix cells equal; "
          f"hierarchy opened (second run: from its cache) in {lp['hierarchy_open_ms']:.0f} ms")
    print(f"  logiplan: network opened and {lp['candidates']} candidate points snapped in {lp['open_and_place_ms']:.0f} ms; {lp['states']} search states; "
          f"igraph graph: {ig['vertices']} vertices, {ig['arcs']} arcs")


if __name__ == "__main__":
    {"candidates": lambda: candidates(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])),
     "points": lambda: points(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])),
     "igraph": lambda: run_igraph(sys.argv[2]),
     "report": lambda: report(sys.argv[2])}[sys.argv[1]]()
