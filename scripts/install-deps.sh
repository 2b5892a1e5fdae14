#!/usr/bin/env bash
# Installs the Debian 12 packages mhsim needs, and only those that are missing.
#   --fuzz  also clang and its libFuzzer runtime, for the fuzz build only
#           (scripts/fuzz.sh; the default build uses GCC)
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache git pkg-config
  libboost-graph-dev libeigen3-dev libcli11-dev catch2 libyaml-cpp-dev
  nlohmann-json3-dev libbenchmark-dev
  python3 python3-matplotlib
  # mhsim emulate and its tests (docs/validation.md): the real daemons, and
  # the namespaces, links and packet drops they run on.
  bird2 frr iproute2 nftables
)
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang libclang-rt-dev)
fi

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

# mhsim emulate starts its own bird and FRR daemons inside network namespaces,
# with their own sockets and configs; the system-wide services the bird2 and
# frr packages start in the root namespace would not disturb them, but a CI
# machine has no use for them. Stop and disable the ones installed just now.
for pkg_service in bird2:bird frr:frr; do
  pkg=${pkg_service%%:*}
  service=${pkg_service##*:}
  [[ " ${missing[*]} " == *" $pkg "* ]] || continue
  if [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now "$service.service" >/dev/null 2>&1 || true
  elif [ -x "/etc/init.d/$service" ]; then
    $SUDO "/etc/init.d/$service" stop >/dev/null 2>&1 || true
  fi
done
