#!/usr/bin/env bash
# BIRD and FRR themselves check every config `mhsim export-config` writes for
# the repository's scenarios: `bird -p -c FILE` (parse only) for bird and
# linux nodes, `vtysh --dryrun -f FILE` for frr nodes. Nodes export-config
# refuses (Junos, EOS, untranslatable policies) are listed, not checked.
# Exit 77 (ctest: skipped) when bird or vtysh is not installed.
# Usage: test_export_daemons.sh MHSIM SOURCE_DIR
set -euo pipefail
mhsim=$1
src=$2
skip() { echo "SKIP: $*"; exit 77; }
command -v bird >/dev/null 2>&1 || skip "bird is not installed (apt-get install bird2)"
command -v vtysh >/dev/null 2>&1 || skip "vtysh is not installed (apt-get install frr)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
checked=0
failed=0
for scenario in "$src"/scenarios/*.yaml "$src"/scenarios/validation/*.yaml \
    "$src"/scenarios/validation/matrix/*.yaml "$src"/tests/emulate/*.yaml; do
  # export-config names a scenario's nodes when asked for one it lacks.
  nodes=$("$mhsim" export-config "$scenario" --node "-no-such-node-" 2>&1 | sed -n 's/.*; nodes: //p' || true)
  IFS=', ' read -r -a names <<<"$nodes"
  for node in "${names[@]}"; do
    [ -n "$node" ] || continue
    conf="$tmp/conf"
    if ! "$mhsim" export-config "$scenario" --node "$node" >"$conf" 2>"$tmp/err"; then
      echo "not exported: $(basename "$scenario") $node: $(cat "$tmp/err")"
      continue
    fi
    if head -1 "$conf" | grep -q '^# bird.conf'; then
      out=$(bird -p -c "$conf" 2>&1) && ok=1 || ok=0
    else
      out=$(vtysh --dryrun -f "$conf" 2>&1) && ok=1 || ok=0
    fi
    checked=$((checked + 1))
    if [ "$ok" = 1 ]; then
      echo "ok: $(basename "$scenario") $node"
    else
      echo "FAILED: $(basename "$scenario") $node: $out"
      sed 's/^/    /' "$conf"
      failed=$((failed + 1))
    fi
  done
done
echo "$checked configs checked, $failed rejected"
[ "$checked" -gt 0 ] || { echo "no config was checked"; exit 1; }
[ "$failed" -eq 0 ]
