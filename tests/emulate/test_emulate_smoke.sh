#!/usr/bin/env bash
# The emulation smoke test: `mhsim emulate tests/emulate/smoke.yaml` on real
# BIRD and FRR in network namespaces (a BIRD host dual-homed to two FRR
# switches), one run of 16 s: bring-up and one carrier loss. Checks that the
# measured figures exist and are plausible:
#   - both switches get the host's service route, BIRD's connect delay (5 s,
#     RFC 4271 jitter down to 3.75 s) plus setup after the start: 3 to 11 s
#     (FRR resets a connect in its first 4 s: then one more connect delay);
#   - after h:eth0 loses carrier, sw1's route goes within 1 s (FRR fast
#     external failover, and the kernel flushes routes of a downed link);
#     sw2's route does not change;
#   - the host's FIB changes within 1 s (its default loses sw1's next hop);
#   - after h resets its session to sw2 (clear-bgp, `birdc restart`), sw2's
#     route goes within 1 s.
# Exit 77 (ctest: skipped), saying why, when it cannot run here: not root,
# no `ip netns`, or no bird, frr or python3.
# Usage: test_emulate_smoke.sh MHSIM SOURCE_DIR
set -euo pipefail
mhsim=$1
src=$2
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "not root: the emulation creates network namespaces"
command -v ip >/dev/null 2>&1 || skip "no ip (iproute2)"
probe="mhsim-smoke-probe-$$"
ip netns add "$probe" >/dev/null 2>&1 || skip "cannot create a network namespace (ip netns add)"
ip netns del "$probe"
command -v bird >/dev/null 2>&1 || skip "bird is not installed (apt-get install bird2)"
[ -x /usr/lib/frr/zebra ] && [ -x /usr/lib/frr/bgpd ] || skip "frr is not installed (apt-get install frr)"
command -v vtysh >/dev/null 2>&1 || skip "vtysh is not installed (apt-get install frr)"
command -v python3 >/dev/null 2>&1 || skip "no python3 to read the JSON"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Another emulation may be running beside this one: only namespaces that
# appear during this run and outlive it count as left behind.
ip netns list | awk '{print $1}' | sort >"$tmp/netns.before"
status=0
timeout 90 "$mhsim" emulate "$src/tests/emulate/smoke.yaml" --json "$tmp/figures.json" \
  >"$tmp/out.txt" 2>"$tmp/err.txt" || status=$?
cat "$tmp/out.txt" "$tmp/err.txt"
[ "$status" -eq 0 ] || { echo "FAILED: mhsim emulate exited $status"; exit 1; }
# Nothing may be left behind.
ip netns list | awk '{print $1}' | sort >"$tmp/netns.after"
left=$(comm -13 "$tmp/netns.before" "$tmp/netns.after" | grep '^mhsim-' || true)
if [ -n "$left" ]; then
  echo "FAILED: namespaces left behind:"; echo "$left"; exit 1
fi

python3 - "$tmp/figures.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
def measured(figure, node="", event=None):
    for r in rows:
        if r["figure"] == figure and r["node"] == node and r["event"] == event:
            return r["measured_s"]
    return []
failures = []
def check(what, values, low, high):
    if len(values) != 1 or not (low <= values[0] <= high):
        failures.append(f"{what}: measured {values}, want one value in [{low}, {high}] s")
    else:
        print(f"ok: {what}: {values[0]:.3f} s")
check("bring-up, every node has its route", measured("bring-up"), 3.0, 11.0)
for sw in ("sw1", "sw2"):
    check(f"{sw} first route", measured("first route", sw), 3.0, 11.0)
check("sw1 route after h:eth0 down", measured("route", "sw1", 0), 0.0, 1.0)
check("h FIB after h:eth0 down", measured("fib", "h", 0), 0.0, 1.0)
if measured("route", "sw2", 0):
    failures.append(f"sw2's route changed after h:eth0 down: {measured('route', 'sw2', 0)}")
check("sw2 route after h clears its session", measured("route", "sw2", 1), 0.0, 1.0)
for f in failures:
    print("FAILED:", f)
sys.exit(1 if failures else 0)
PY
