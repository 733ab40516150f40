#!/usr/bin/python3
"""A corridor along a real arterial against the OSM tags, read independently with
osmium (Debian's osmium-tool) and Python's XML parser:

Đường Giải Phóng, Hà Nội, southbound from Kim Liên to the Pháp Vân end of the
extract: the main radial from the centre to National Highway 1 and the Pháp Vân
– Cầu Giẽ expressway, the way trucks come in from the south. Its carriageways are
mapped one-way with a lanes tag on every way, the lane count changes along it
(4, 3, 2), and it crosses the Kim Ngưu river on Cầu Trắng (bridge=yes) — the
profile's names, lanes, bridges and lane drops can all be checked.

For every segment of `logiplan corridor profile --json`, each OSM way it came
from must carry the segment's name, its bridge tag, and (one-way ways with a
plain lanes tag) its lane count; the lane drops must be where the OSM lane
count falls between consecutive ways of the path; and most of the corridor
must lie on ways named Giải Phóng.

Usage: corridor_check.py LOGIPLAN SHARED_DIR"""
import json, os, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

logiplan, shared = sys.argv[1], sys.argv[2]
extract = os.path.join(shared, "data/osm/vn-hanoi-inner-drive-2025.osm.pbf")
START, END = "105.8412751,21.0078407", "105.8418528,20.9659007"  # first and last nodes of the southbound carriageway
NAMES = {"Đường Giải Phóng", "Cầu Trắng - Giải Phóng"}
passed = failed = 0


def check(ok, what):
    global passed, failed
    passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    print(f"  {'ok' if ok else 'FAIL'}: {what}")


def run(*args):
    return subprocess.run([logiplan, "--no-progress", *args], check=True, capture_output=True, text=True).stdout


if not os.path.exists(extract):
    sys.exit(f"{extract} not found")
with tempfile.TemporaryDirectory() as tmp:
    project = os.path.join(tmp, "hn.sqlite")
    run("init", project)
    run("network", "build", project, "--from", extract)
    run("corridor", "define", project, "giai-phong", "--through", START, END, "--profile", "car")
    profile = json.loads(run("corridor", "profile", project, "giai-phong", "--json", "--no-store"))
    ways = sorted({int(s.split("/")[1]) for seg in profile["segments"] for s in seg["source_ids"] if s.startswith("osm:way/")})
    ids = os.path.join(tmp, "ids.txt")
    with open(ids, "w") as f:
        f.write("\n".join(f"w{w}" for w in ways) + "\n")
    subprocess.run(["osmium", "getid", extract, "-i", ids, "-o", os.path.join(tmp, "ways.osm"), "--overwrite"], check=True,
                   capture_output=True)
    tags = {int(w.get("id")): {t.get("k"): t.get("v") for t in w.findall("tag")}
            for w in ET.parse(os.path.join(tmp, "ways.osm")).getroot().findall("way")}

print(f"Đường Giải Phóng: {profile['length_km']:.2f} km, {len(profile['segments'])} segments, {len(ways)} OSM ways")
check(len(tags) == len(ways), f"osmium finds all {len(ways)} ways the profile names")
on_name = sum(seg["length_m"] for seg in profile["segments"] if seg["name"] in NAMES) / 1000
check(on_name >= 0.9 * profile["length_km"], f"{on_name:.2f} of {profile['length_km']:.2f} km on ways named Giải Phóng")
bad_name = bad_bridge = bad_lanes = lanes_checked = 0
for seg in profile["segments"]:
    for s in seg["source_ids"]:
        t = tags.get(int(s.split("/")[1]), {})
        bad_name += t.get("name", "") != seg["name"]
        bad_bridge += (t.get("bridge", "no") not in ("no", "")) != seg["bridge"]
        if t.get("oneway") == "yes" and t.get("lanes", "").isdigit() and "lanes:forward" not in t:
            lanes_checked += 1
            bad_lanes += int(t["lanes"]) != seg["lanes_ahead"]
check(bad_name == 0, f"every segment's name is its OSM ways' name ({bad_name} differ)")
check(bad_bridge == 0, f"every segment's bridge flag is its OSM ways' bridge tag ({bad_bridge} differ)")
check(lanes_checked > 10 and bad_lanes == 0, f"lanes ahead = the OSM lanes of one-way ways ({lanes_checked} checked, {bad_lanes} differ)")
check(any(seg["bridge"] and seg["name"] == "Cầu Trắng - Giải Phóng" for seg in profile["segments"]),
      "the corridor crosses Cầu Trắng, flagged as a bridge")
# Lane drops: where the OSM lane count falls from one way of the path to the next.
sequence = []
for seg in profile["segments"]:
    for s in seg["source_ids"]:
        n = tags.get(int(s.split("/")[1]), {}).get("lanes", "")
        if n.isdigit() and (not sequence or sequence[-1][0] != s):
            sequence.append((s, int(n)))
osm_drops = sum(1 for a, b in zip(sequence, sequence[1:]) if b[1] < a[1])
drops = sum(1 for b in profile["bottlenecks"] if b["kind"] == "lane_drop")
check(drops == osm_drops and drops > 0, f"lane drops: {drops} in the profile, {osm_drops} in the OSM lane tags along the path")
print(f"corridor_check: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
