#!/usr/bin/env bash
# The main job: install what is missing, build, and run the seed lab scenario.
# Results land in out/seed-lab/ (report on stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DMHSIM_BUILD_TESTS=OFF
./build/mhsim run scenarios/seed-lab.yaml --out out/seed-lab
/usr/bin/python3 plots/timeline.py out/seed-lab/trace.log --title seed-lab
