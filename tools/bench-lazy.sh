#!/usr/bin/env bash
# Device mode (DRC_MODE=device) against the compiled plan of the same program, in one run on the
# default OpenCL device (PoCL here); release builds. Prints:
#   - the host time of one evaluate of a tiny segment (7 ops on 256 float32) on a cache hit;
#   - Black-Scholes: device mode's wall time per call after the first (inputs already on the
#     device, outputs read back) against `drc run`'s median wall (inputs uploaded, outputs read)
#     and device time of the recorded plan;
#   - the iterative programs (grayscott, jacobi, jacobiconverge): device mode's active time
#     (first deferred operation to last read, compiles included) and its compile time, with a
#     cold and a warm program cache; the same computation run 7 times in one process (lazybench:
#     runs after the first are all cache hits; their median with and without making inputs on the
#     host), in ROUNDS (default 5) rounds interleaved with
#     `drc run`'s median wall of the recorded plan (inputs loaded from the trace, uploads and
#     downloads included).
# Usage: tools/bench-lazy.sh [quick]   (quick: small sizes, for a smoke test)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ "${1:-}" == "quick" ]]; then
  BS=65536 GS="128 20" JA="256 25" JC="256 1e-10 500" FLUSHES=500 ROUNDS=1
else
  BS=16777216 GS="1024 20" JA="2048 25" JC="2048 1e-10 500" FLUSHES=5000 ROUNDS="${ROUNDS:-5}"
fi
swift build -c release >/dev/null
bin=$(swift build -c release --show-bin-path)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export DRC_CACHE_DIR="$out/cache"

echo "== per-flush host overhead (tiny segment, cache hits)"
DRC_MODE=device "$bin/lazybench" flush "$FLUSHES" | head -1

echo "== blackscholes $BS"
DRC_MODE=device "$bin/lazybench" blackscholes "$BS" 7 | head -1
"$bin/drc" record --save-inputs -o "$out/bs.json" -- "$bin/blackscholes" "$BS" >/dev/null
"$bin/drc" run "$out/bs.json" --repeat 7 --json >"$out/bs.run.json"
python3 - "$out/bs.run.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("drc run (compiled plan): median %.1f ms wall (transfers included), %.1f ms device"
      % (r["median_milliseconds"], r["device_milliseconds"]))
PY

active() {
  # The active and compile milliseconds from DRC_LAZY_STATS's report on standard error.
  python3 -c '
import re, sys
t = sys.stdin.read()
m = re.search(r"active ([0-9.]+) ms .*compile ([0-9.]+) ms", t)
f = re.search(r"(\d+) segment flush(?:es)? \((\d+) cache hits?, (\d+) compiled\)", t)
print("active %s ms, compile %s ms, %s flushes (%s hits, %s compiled)" % (m.group(1), m.group(2), *f.groups()) if m and f else "no stats: " + t)'
}

for entry in "grayscott $GS" "jacobi $JA" "jacobiconverge $JC"; do
  read -r name args <<<"$entry"
  echo "== $name $args"
  rm -rf "$DRC_CACHE_DIR"
  # shellcheck disable=SC2086
  printf "device mode, one process, cold program cache: "
  DRC_MODE=device DRC_LAZY_STATS=1 "$bin/$name" $args 2>&1 >/dev/null | active
  printf "device mode, one process, warm program cache: "
  # shellcheck disable=SC2086
  DRC_MODE=device DRC_LAZY_STATS=1 "$bin/$name" $args 2>&1 >/dev/null | active
  # The same computation 7 times in one process (every run after the first is all cache hits),
  # then the compiled plan; ROUNDS rounds of both, interleaved, since this machine's speed drifts
  # by up to 2x over minutes: each round's ratio compares runs made seconds apart.
  read -r n rest <<<"$args"
  case "$name" in
    grayscott) lazy_args="grayscott $args" ;;
    jacobi) lazy_args="jacobi $args" ;;
    jacobiconverge) read -r tol limit <<<"$rest"; lazy_args="jacobi $n $limit $tol" ;;
  esac
  # shellcheck disable=SC2086
  "$bin/drc" record --save-inputs -o "$out/$name.json" -- "$bin/$name" $args >/dev/null 2>&1
  for ((round = 1; round <= ROUNDS; round++)); do
    # shellcheck disable=SC2086
    DRC_MODE=device "$bin/lazybench" $lazy_args | tee "$out/$name.lazy.$round.txt"
    "$bin/drc" run "$out/$name.json" --repeat 7 --json >"$out/$name.run.$round.json" || true
  done
  python3 - "$out" "$name" "$ROUNDS" <<'PY'
import json, re, statistics, sys
out, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
ratios = []
for r in range(1, rounds + 1):
    lazy = open(f"{out}/{name}.lazy.{r}.txt").read()
    m = re.search(r"without making inputs ([0-9.]+) ms", lazy)
    run = json.load(open(f"{out}/{name}.run.{r}.json"))
    wall = run["median_milliseconds"]
    if m:
        ratios.append(float(m.group(1)) / wall)
    print("round %d: drc run (compiled plan) median %.1f ms wall (transfers included), %.1f ms device, build %.0f ms; device mode without making inputs %s ms: ratio %s"
          % (r, wall, run["device_milliseconds"], run["build_seconds"] * 1e3,
             m.group(1) if m else "?", "%.2f" % ratios[-1] if m else "?"))
if ratios:
    print("%s: median ratio of device mode to the compiled plan over %d rounds: %.2f"
          % (name, len(ratios), statistics.median(ratios)))
PY
done
