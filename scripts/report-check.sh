#!/usr/bin/env bash
# The corridor reports as a reader sees them: the demo's two corridors written as
# HTML (Vietnamese and English), printed to PDF by headless Chromium, pages turned
# into images by pdftoppm, and checked: page count, the map's lane colours and the
# strip chart's lane bars are drawn, the text is in the right language with its
# diacritics. Installs Chromium and poppler from Debian (scripts/setup.sh --render).
#   scripts/report-check.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bash scripts/setup.sh --render >/dev/null
bin=$build/src/logiplan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$bin --no-progress demo --out "$work/demo" >/dev/null
p="$work/demo/haiphong.sqlite"
$bin corridor report "$p" lach-huyen-nam-dinh-vu --out "$work/r" --compare base,port-lanes-2030
$bin corridor report "$p" hai-phong-lao-cai --out "$work/r" --lang en
chrome() {
  timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/chrome" --no-pdf-header-footer --print-to-pdf="$2" "$1" \
    >/dev/null 2>&1
}
for name in lach-huyen-nam-dinh-vu hai-phong-lao-cai; do
  chrome "$work/r/$name.html" "$work/r/$name.pdf"
  pdftoppm -r 40 -f 1 -l 2 "$work/r/$name.pdf" "$work/r/$name"
  pdftotext -l 1 "$work/r/$name.pdf" "$work/r/$name.txt"
  pdfinfo "$work/r/$name.pdf" | awk '/^Pages:/ {print $2}' > "$work/r/$name.pages"
done
/usr/bin/python3 - "$work/r" <<'PY'
import glob, os, sys
d = sys.argv[1]
passed = failed = 0
def check(ok, what):
    global passed, failed
    passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    print(f"  {'ok' if ok else 'FAIL'}: {what}")
def ppm(path):
    data = open(path, "rb").read()
    parts = data.split(maxsplit=4)  # P6 width height maxval pixels
    w, h = int(parts[1]), int(parts[2])
    px = parts[4][-w * h * 3:]
    return [tuple(px[i:i + 3]) for i in range(0, len(px), 3)]
def near(c, rgb, tol=40): return all(abs(a - b) <= tol for a, b in zip(c, rgb))
for name, lang, title in (("lach-huyen-nam-dinh-vu", "vi", "Nghiên cứu hành lang"), ("hai-phong-lao-cai", "en", "Corridor study")):
    print(f"{name} ({lang}):")
    pages = int(open(f"{d}/{name}.pages").read())
    check(2 <= pages <= 8, f"{pages} A4 pages")
    text = open(f"{d}/{name}.txt", encoding="utf-8").read()
    check(title in text, f"the first page reads '{title}'")
    images = sorted(glob.glob(f"{d}/{name}-*.ppm"))
    pix = [p for img in images for p in ppm(img)]
    ink = sum(1 for p in pix if sum(p) < 700)
    check(ink > 0.02 * len(pix), f"ink on {100 * ink / len(pix):.1f} % of the first two pages")
    lanes = sum(1 for p in pix if near(p, (0x6b, 0xae, 0xd6), 25))
    check(lanes > 500, f"the strip chart's lane bars drawn ({lanes} pixels)")
    status = {s: sum(1 for p in pix if near(p, rgb, 30)) for s, rgb in
              (("mixed", (0xd7, 0x19, 0x1c)), ("dedicated", (0x1a, 0x96, 0x41)))}
    check(status["mixed"] > 200, f"mixed lanes drawn in red ({status['mixed']} pixels)")
    if name == "lach-huyen-nam-dinh-vu":
        check(status["dedicated"] > 200, f"dedicated lanes drawn in green ({status['dedicated']} pixels)")
        check("Kế hoạch yêu cầu" in text, "the plan's clause on mixed lanes, in Vietnamese")
print(f"report-check: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
