#!/usr/bin/env python3
"""Crash safety: SIGKILL every writing command at random moments.

For each writing command (feature import, tasks import, network build new and
with --overwrite, scenario import, a single scenario edit, a stored siting run, demand generation,
an assignment run, a corridor definition with its traced paths), the command is
first run to completion on a copy of the sample project to learn the state
"after" and its duration. Then, again and again on a fresh copy, it is started
and killed with SIGKILL after a random delay in [0, 1.1 x duration]. After each
kill the project must pass PRAGMA integrity_check, open in logiplan, and hold
exactly the content of "before" or of "after" (every row of every table;
timestamps aside).

Usage: kill_test.py LOGIPLAN [--kills N] [--seed S] [--shared DIR]   (stdlib only)
Prints the figures per command and 'N passed, N failed' (one per kill).
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("logiplan")
ap.add_argument("--kills", type=int, default=210, help="kills in all, spread over the commands")
ap.add_argument("--seed", type=int, default=20261130)
ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
args = ap.parse_args()
BIN = os.path.abspath(args.logiplan)
T = tempfile.mkdtemp(prefix="logiplan-kill-")
rng = random.Random(args.seed)

# Tables whose rows SpatiaLite itself keeps (statistics, logs), and R*Tree
# shadow tables (their pages are checked by integrity_check): not content.
SKIP_TABLES = ("sqlite_", "idx_", "spatialite_history", "sql_statements_log", "geometry_columns_statistics",
               "vector_layers_statistics", "geometry_columns_time", "spatial_ref_sys", "spatial_ref_sys_aux",
               "SpatialIndex", "ElementaryGeometries", "KNN", "KNN2", "data_licenses")


def content(path):
    """A digest of every row of every table; columns holding times are left out."""
    db = sqlite3.connect(path)
    h = hashlib.sha256()
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for t in tables:
        if t.startswith(SKIP_TABLES) or t in SKIP_TABLES:
            continue
        try:
            cols = [r[1] for r in db.execute(f'PRAGMA table_info("{t}")')]
            keep = [c for c in cols if not (c.endswith("_at") or c.endswith("seconds") or c == "elapsed")]
            rows = db.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in keep)} FROM "{t}"').fetchall()
        except sqlite3.OperationalError:
            continue  # a virtual table this Python's SQLite cannot read
        h.update(t.encode())
        for row in sorted(repr(r) for r in rows):
            h.update(row.encode())
    db.close()
    return h.hexdigest()


def integrity(path):
    db = sqlite3.connect(path)
    ok = db.execute("PRAGMA integrity_check").fetchone()[0]
    db.close()
    return ok


def write_inputs():
    """Inputs large enough that a random kill lands in every phase of each command."""
    feats = []
    for i in range(4000):
        feats.append({"type": "Feature", "properties": {"id": f"icd-{i}", "name": f"Điểm {i}", "ghi_chu": "kiểm tra"},
                      "geometry": {"type": "Point", "coordinates": [106.6 + (i % 80) * 0.004, 20.7 + (i // 80) * 0.004]}})
    with open(os.path.join(T, "points.geojson"), "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": feats}, f, ensure_ascii=False)
    with open(os.path.join(T, "plan.csv"), "w", encoding="utf-8") as f:
        f.write("TT,Nội dung,Thời hạn,Cơ quan chủ trì\n")
        for g in range(1, 41):
            f.write(f"{'I' * 0}{roman(g)},Nhóm {g},,\n")
            for t in range(1, 51):
                f.write(f"{t},Nhiệm vụ {g}.{t} về logistics,Quý {1 + t % 4}/{2026 + t % 4},Sở Xây dựng\n")
    edits = [{"kind": "set_lanes", "edge": e % 37, "lanes_forward": "general|motorcycle"} for e in range(300)]
    edits += [{"kind": "close_link", "edge": e % 37} for e in range(100)]
    with open(os.path.join(T, "scenario.json"), "w") as f:
        json.dump({"name": "kill-test", "network": "main", "edits": edits}, f)


def roman(n):
    out = ""
    for v, s in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out


def commands():
    road = os.path.join(args.shared, "data", "osm", "vn-hanoi-inner-drive-2025.osm.pbf")
    if not os.path.exists(road):  # without ../shared, the sample's own corridor network
        road = os.path.join(os.path.dirname(__file__), "..", "..", "samples", "haiphong", "network.geojson")
    return [c for c in [
        ("import", ["import", "{P}", f"{T}/points.geojson", "--kind", "icd"]),
        ("tasks import", ["tasks", "import", "{P}", f"{T}/plan.csv", "--plan", "kill-plan"]),
        ("network build", ["network", "build", "{P}", "--from", road, "--name", "second"]),
        ("network build --overwrite", ["network", "build", "{P}", "--from", road, "--name", "main", "--overwrite"]),
        ("scenario import", ["scenario", "import", "{P}", f"{T}/scenario.json"]),
        ("scenario edit", ["scenario", "set-lanes", "{P}", "port-lanes-2030", "--edge", "3", "--forward", "motorcycle|general"]),
        ("siting run", ["siting", "{P}", "--model", "pmedian", "--p", "2", "--demand-kind", "terminal",
                        "--demand-kind", "industrial_park", "--weight", "area_ha", "--weight-default", "1",
                        "--candidate-kind", "logistics_centre", "--candidate-kind", "icd"]),
        ("demand generate", ["demand", "generate", "{P}", "--name", "kill-demand", "--period", "peak_hour"]),
        ("assignment run", ["assign", "{P}", "--demand", "port-trucks", "--quiet"]),
        ("corridor define", ["corridor", "define", "{P}", "kill-corridor", "--through", "lach-huyen-port", "lao-cai-border-gate",
                             "--modes", "road,rail"]),
    ] if c[0] in os.environ.get("ONLY", c[0])]


def fresh(name):
    path = os.path.join(T, name)
    for extra in ("", "-wal", "-shm"):
        if os.path.exists(path + extra):
            os.remove(path + extra)
    shutil.copyfile(os.path.join(T, "base", "haiphong.sqlite"), path)
    return path


def main():
    os.makedirs(os.path.join(T, "base"))
    subprocess.run([BIN, "--no-progress", "demo", "--out", os.path.join(T, "base")], check=True, capture_output=True)
    write_inputs()
    before = content(os.path.join(T, "base", "haiphong.sqlite"))
    cmds = commands()
    per = max(1, args.kills // len(cmds))
    passed = failed = 0
    print(f"kill test: {per * len(cmds)} SIGKILLs over {len(cmds)} writing commands (seed {args.seed})")
    for label, argv in cmds:
        p = fresh("after.sqlite")
        t0 = time.time()
        subprocess.run([BIN, "--no-progress", *[a.replace("{P}", p) for a in argv]], check=True, capture_output=True)
        duration = time.time() - t0
        after = content(p)
        assert after != before, f"{label}: the command changed nothing"
        seen = {"before": 0, "after": 0}
        for k in range(per):
            p = fresh("killed.sqlite")
            proc = subprocess.Popen([BIN, "--no-progress", *[a.replace("{P}", p) for a in argv]],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, duration * 1.1))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            problems = []
            ok = integrity(p)
            if ok != "ok":
                problems.append(f"integrity_check: {ok}")
            r = subprocess.run([BIN, "layers", p], capture_output=True, text=True)
            if r.returncode != 0:
                problems.append(f"does not open: {r.stderr.strip()}")
            c = content(p)
            if c == before:
                seen["before"] += 1
            elif c == after:
                seen["after"] += 1
            else:
                problems.append("content is neither the state before nor the state after")
            if problems:
                failed += 1
                print(f"FAIL {label}, kill {k + 1}: {'; '.join(problems)}")
            else:
                passed += 1
        print(f"  {label:<28} runs {duration:5.2f} s; {per} kills: {seen['before']} left it as before, "
              f"{seen['after']} as after, {per - seen['before'] - seen['after']} broken")
    shutil.rmtree(T, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
