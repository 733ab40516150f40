#!/usr/bin/env python3
"""Checks `logiplan network build` on real OSM extracts against an independent
build written here from scratch (stdlib only): the raw ways come from
`osmium cat -f opl`, routable classes from networks/build-defaults.json, lengths
from PROJ's `geod -I`. Node, edge and component counts must be equal, and total
length by class equal to 1e-6 relative. Also: where a bridge crosses another road
without sharing a node, logiplan's network has no junction there.

Usage: osm_network_check.py LOGIPLAN REPO_DIR SHARED_DIR FILE..."""
import json, os, sqlite3, subprocess, sys, tempfile
from collections import defaultdict

logiplan, repo, shared, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
settings = json.load(open(os.path.join(repo, "networks/build-defaults.json")))
road_classes = set(settings["modes"]["road"])
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print(f"  ok: {what}")
    else:
        failed += 1
        print(f"  FAIL: {what}")


def read_opl(path):
    nodes, ways = {}, []
    out = subprocess.run(["osmium", "cat", path, "-f", "opl", "-t", "node", "-t", "way"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        fields = line.split(" ")
        kind, oid = line[0], int(fields[0][1:])
        if kind == "n":
            x = y = None
            for f in fields[1:]:
                if f.startswith("x") and len(f) > 1: x = float(f[1:])
                if f.startswith("y") and len(f) > 1: y = float(f[1:])
            if x is not None: nodes[oid] = (x, y)
        elif kind == "w":
            tags, refs = {}, []
            for f in fields[1:]:
                if f.startswith("T") and len(f) > 1:
                    for kv in f[1:].split(","):
                        k, _, v = kv.partition("=")
                        tags[k] = v
                elif f.startswith("N") and len(f) > 1:
                    refs = [int(r[1:]) for r in f[1:].split(",")]
            ways.append((oid, tags, refs))
    return nodes, ways


def unescape(s):  # OPL escapes non-alphanumerics as %xx%
    out, i = [], 0
    while i < len(s):
        if s[i] == "%":
            j = s.index("%", i + 1)
            out.append(chr(int(s[i + 1:j], 16))); i = j + 1
        else:
            out.append(s[i]); i += 1
    return "".join(out)


def independent(path):
    nodes, ways = read_opl(path)
    selected = []
    for oid, tags, refs in ways:
        tags = {unescape(k): unescape(v) for k, v in tags.items()}
        if tags.get("area") == "yes" or tags.get("highway") not in road_classes: continue
        # A way cut by the extract's edge keeps each run of two or more present nodes.
        run = []
        for r in refs + [None]:
            if r is not None and r in nodes:
                run.append(r)
                continue
            if len(run) >= 2: selected.append((oid, tags, run))
            run = []
    uses = defaultdict(int)
    for _, _, refs in selected:
        for r in refs: uses[r] += 1
    edges, seen = [], set()
    for oid, tags, refs in selected:
        start = 0
        for i in range(1, len(refs)):
            if i != len(refs) - 1 and uses[refs[i]] <= 1: continue
            seg = refs[start:i + 1]
            start = i
            coords = [nodes[r] for r in seg]
            if all(c == coords[0] for c in coords): continue  # zero length
            a, b, pts = seg[0], seg[-1], coords
            if a > b or (a == b and pts[0] > pts[-1]): a, b, pts = b, a, pts[::-1]
            key = (a, b, tuple(pts))
            if key in seen: continue
            seen.add(key)
            edges.append((oid, tags["highway"], seg, coords))
    return nodes, selected, edges


def geod_lengths(edges):
    lines = []
    for _, _, _, coords in edges:
        for (x1, y1), (x2, y2) in zip(coords, coords[1:]):
            lines.append(f"{y1} {x1} {y2} {x2}")
    out = subprocess.run(["geod", "+ellps=WGS84", "-I", "+units=m", "-f", "%.6f", "-F", "%.9f"], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, check=True).stdout.split("\n")
    dists, k = [], 0
    for _, _, _, coords in edges:
        total = 0.0
        for _ in range(len(coords) - 1):
            total += float(out[k].split()[2]); k += 1
        dists.append(total)
    return dists


def components(n_nodes, pairs):
    parent = {}
    def find(x):
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x]); x = parent[x]
        return x
    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb: parent[ra] = rb
    return len({find(x) for x in n_nodes})


def segments_cross(p1, p2, p3, p4):
    def orient(a, b, c): return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    d1, d2, d3, d4 = orient(p3, p4, p1), orient(p3, p4, p2), orient(p1, p2, p3), orient(p1, p2, p4)
    return d1 * d2 < 0 and d3 * d4 < 0


def bridges_without_junction(selected, nodes, limit=5):
    bridges = [w for w in selected if w[1].get("bridge", "no") != "no"]
    others = [w for w in selected if w[1].get("bridge", "no") == "no" and w[1].get("tunnel", "no") == "no"]
    found = []
    for b in bridges:
        bb = [nodes[r] for r in b[2]]
        bx = (min(p[0] for p in bb), max(p[0] for p in bb)); by = (min(p[1] for p in bb), max(p[1] for p in bb))
        for o in others:
            if set(b[2]) & set(o[2]): continue
            oo = [nodes[r] for r in o[2]]
            if max(p[0] for p in oo) < bx[0] or min(p[0] for p in oo) > bx[1]: continue
            if max(p[1] for p in oo) < by[0] or min(p[1] for p in oo) > by[1]: continue
            if any(segments_cross(bb[i], bb[i + 1], oo[j], oo[j + 1]) for i in range(len(bb) - 1) for j in range(len(oo) - 1)):
                found.append((b[0], o[0]))
                break
        if len(found) >= limit: break
    return found


for f in files:
    path = os.path.join(shared, "data/osm", f)
    print(f"{f}:")
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "p.sqlite")
        subprocess.run([logiplan, "init", project], check=True, capture_output=True)
        subprocess.run([logiplan, "--no-progress", "network", "build", project, "--from", path], check=True, capture_output=True)
        db = sqlite3.connect(project)
        n_nodes = db.execute("SELECT count(*) FROM network_nodes").fetchone()[0]
        ours_edges = db.execute("SELECT from_node, to_node, class, length_m, source_id FROM network_edges").fetchall()
        nodes, selected, edges = independent(path)
        their_nodes = {e[2][0] for e in edges} | {e[2][-1] for e in edges}
        check(n_nodes == len(their_nodes), f"nodes: logiplan {n_nodes}, independent {len(their_nodes)}")
        check(len(ours_edges) == len(edges), f"edges: logiplan {len(ours_edges)}, independent {len(edges)}")
        ours_comp = components(range(n_nodes), [(a, b) for a, b, *_ in ours_edges])
        their_comp = components(their_nodes, [(e[2][0], e[2][-1]) for e in edges])
        check(ours_comp == their_comp, f"connected components: logiplan {ours_comp}, independent {their_comp}")
        ours_len, their_len = defaultdict(float), defaultdict(float)
        for _, _, cls, length, _ in ours_edges: ours_len[cls] += length
        for e, d in zip(edges, geod_lengths(edges)): their_len[e[1]] += d
        worst = max(abs(ours_len[c] - their_len[c]) / their_len[c] for c in their_len)
        check(set(ours_len) == set(their_len) and worst < 1e-6,
              f"length by class ({len(their_len)} classes, {sum(their_len.values()) / 1000:.1f} km): worst relative difference {worst:.1e}")
        rels = subprocess.run(["osmium", "cat", path, "-f", "opl", "-t", "relation"], capture_output=True, text=True,
                              check=True).stdout.splitlines()
        restrictions = sum(1 for r in rels if "type=restriction" in r)
        read = json.loads(db.execute("SELECT stats FROM networks").fetchone()[0])["restrictions_read"]
        stored = db.execute("SELECT count(DISTINCT source_id) FROM turn_restrictions").fetchone()[0]
        check(read == restrictions and 0 < stored <= read if restrictions else read == 0,
              f"turn restrictions: {restrictions} relations in the file, {read} read, {stored} stored on edges")
        pairs = bridges_without_junction(selected, nodes)
        if f.startswith("de-heidelberg") or f.startswith("pt-porto"):
            check(len(pairs) > 0, f"found bridges crossing a road without a shared node: {pairs[:3]}")
        for bridge, road in pairs:
            nb = {n for row in db.execute("SELECT from_node, to_node FROM network_edges WHERE source_id = ?", (f"osm:way/{bridge}",)) for n in row}
            nr = {n for row in db.execute("SELECT from_node, to_node FROM network_edges WHERE source_id = ?", (f"osm:way/{road}",)) for n in row}
            check(nb and nr and not (nb & nr), f"bridge way {bridge} over way {road}: no junction")

print(f"osm networks: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
