#!/usr/bin/env bash
# Installs the Debian 12 packages mhsim needs, and only those that are missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache git pkg-config
  libboost-graph-dev libeigen3-dev libcli11-dev catch2 libyaml-cpp-dev
  nlohmann-json3-dev libbenchmark-dev
  python3 python3-matplotlib
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
