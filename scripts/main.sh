#!/usr/bin/env bash
# The main job: install what is missing, build, and run the seed lab scenario.
# Results land in out/seed-lab/ (report on stdout), plots in out/seed-lab/plots/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DMHSIM_BUILD_TESTS=OFF
# --plots: out/seed-lab/plots/ gets every plot (PNG and SVG; plots/README.md).
./build/mhsim run scenarios/seed-lab.yaml --out out/seed-lab --plots
