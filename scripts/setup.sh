#!/usr/bin/env bash
# Installs every Debian 12 package logiplan's build, tests and sample need.
# Idempotent: installs only what is missing. Runs apt-get as root, through sudo otherwise.
# --qgis adds QGIS's Python bindings for scripts/qgis-check.sh (about 400 MB; not needed to build).
# --render adds headless Chromium and poppler for scripts/report-check.sh (reports rendered as a reader sees them).
# --peers adds PostgreSQL with pgRouting, osm2pgrouting and python3-igraph for scripts/bench-peers.sh.
set -euo pipefail

PACKAGES=(
  # build
  cmake g++ make pkg-config
  libgdal-dev libgeos-dev libproj-dev libspatialite-dev libsqlite3-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev libcpp-httplib-dev libxxhash-dev
  coinor-libcbc-dev libboost-graph-dev libosmium2-dev libprotozero-dev zlib1g-dev libbz2-dev libexpat1-dev
  # tests and benchmarks; clang with libFuzzer and the sanitizer runtimes for scripts/test-sanitized.sh
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
  # independent tools the tests compare against, and for users: ogrinfo, cs2cs, spatialite
  gdal-bin proj-bin proj-data spatialite-bin sqlite3 libsqlite3-mod-spatialite osmium-tool time curl
  python3-networkx
)
for option in "$@"; do
  case "$option" in
    --qgis) PACKAGES+=(python3-qgis qgis-providers fonts-dejavu-core zip unzip poppler-utils) ;;
    --render) PACKAGES+=(chromium poppler-utils fonts-dejavu-core) ;;
    --peers) PACKAGES+=(postgresql-15 postgresql-15-pgrouting postgresql-15-postgis-3 osm2pgrouting python3-igraph) ;;
    *) echo "setup: unknown option $option (--qgis, --render, --peers)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
