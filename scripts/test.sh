#!/usr/bin/env bash
# README command (b): set up, build, and run the tests (unit, CLI and sample).
# Real-data tests (label `realdata`, reading ../shared/data) run with: ctest --test-dir build -L realdata
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DLOGIPLAN_TESTS=ON
ctest --test-dir build --output-on-failure -j"$(nproc)" -LE realdata
