#!/usr/bin/env bash
# README command (a): set up, build, and run the main job on the embedded Hải Phòng sample.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DLOGIPLAN_TESTS=OFF
build/src/logiplan demo --out "${1:-out}"
