#!/usr/bin/env python3
"""Writes samples/haiphong/areas.geojson: schematic outlines for zones whose legal
boundary we do not have. Each is a square with the sourced area, centred on the
sourced point, drawn in VN-2000 / TM-3 105-45 (EPSG:9210) metres so the side is
exact; logiplan reprojects it to WGS84 on import. Needs PROJ's cs2cs.
Rerun after editing ZONES: python3 scripts/sample-outlines.py"""
import json, math, subprocess, pathlib

# id, kind, name (vi), name (en), lat, lon, basis, area ha, status, source, note
ZONES = [
    ("ftz-site-1", "free_trade_zone", "Khu thương mại tự do Hải Phòng – vị trí 1 (xã Chấn Hưng, Hùng Thắng)",
     "Hai Phong FTZ site 1 (Chan Hung, Hung Thang)", 20.6744, 106.7387, "A", 2923, "approved",
     "FTZ-TBTC; FTZ-VNE; IMAP",
     "centre: IMAP 'khu công nghiệp, logistics, hậu cần cảng' polygon centroid, ±3 km; Decision 4068/QĐ-UBND 13/10/2025"),
    ("ftz-site-2", "free_trade_zone", "Khu thương mại tự do Hải Phòng – vị trí 2 (phường Đông Hải, Nam Đình Vũ)",
     "Hai Phong FTZ site 2 (Dong Hai ward, Nam Dinh Vu)", 20.7890, 106.8154, "A", 1077, "approved",
     "FTZ-TBTC; FTZ-VNE; IMAP", "centre: IMAP Nam Đình Vũ IP polygon centroid, ±2 km"),
    ("ftz-site-3", "free_trade_zone", "Khu thương mại tự do Hải Phòng – vị trí 3 (đảo Cát Hải)",
     "Hai Phong FTZ site 3 (Cat Hai island)", 20.7712, 106.8990, "A", 2292, "approved",
     "FTZ-VNE; FTZ-BHP; IMAP", "centre: IMAP Cát Hải port back-up polygon centroid, ±2 km"),
    ("dinh-vu-cat-hai-ez", "economic_zone", "Khu kinh tế Đình Vũ – Cát Hải", "Dinh Vu - Cat Hai Economic Zone",
     20.82, 106.84, "A", 22540, "operating", "HEZA-DVCH; SEED2",
     "centre is a label point on the Đình Vũ–Cát Hải axis, not a centroid; the EZ also covers Bến Rừng, Tràng Duệ"),
    ("southern-coastal-ez", "economic_zone", "Khu kinh tế ven biển phía Nam Hải Phòng",
     "Southern Coastal Economic Zone of Hai Phong", 20.67847, 106.67764, "D", 20000, "approved",
     "KKTPN; VNP-KKTPN; VNS-KKTPN; SEED2",
     "centre of the coordinate range in Decision 1511/QĐ-TTg (4/12/2024)"),
]
BASIS = {"A": "A: approximate, see note", "D": "D: centre of a legal coordinate range"}

def to_tm3(lat, lon):
    out = subprocess.run(["cs2cs", "-f", "%.4f", "EPSG:4326", "EPSG:9210"], input=f"{lat} {lon}\n",
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])

features = []
for fid, kind, vi, en, lat, lon, basis, ha, status, source, note in ZONES:
    e, n = to_tm3(lat, lon)
    h = math.sqrt(ha * 10000.0) / 2
    ring = [[round(e - h, 2), round(n - h, 2)], [round(e + h, 2), round(n - h, 2)], [round(e + h, 2), round(n + h, 2)],
            [round(e - h, 2), round(n + h, 2)], [round(e - h, 2), round(n - h, 2)]]
    features.append({"type": "Feature", "properties": {
        "id": fid, "kind": kind, "name": vi, "name_en": en, "status": status, "area_ha": ha, "source": source,
        "location_basis": BASIS[basis], "approximate": 1,
        "outline": "schematic: a square of the sourced area around the sourced point, not the legal boundary",
        "note": note}, "geometry": {"type": "Polygon", "coordinates": [ring]}})

fc = {"type": "FeatureCollection", "name": "areas",
      "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::9210"}}, "features": features}
path = pathlib.Path(__file__).resolve().parent.parent / "samples/haiphong/areas.geojson"
path.write_text(json.dumps(fc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"wrote {path} ({len(features)} zones)")
