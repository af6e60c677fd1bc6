#!/usr/bin/env bash
# Fused against unfused on the default OpenCL device (PoCL here): records each benchmark program
# at a benchmark size (release builds, inputs not saved: drc run draws seeded random ones), then
# runs `drc run --repeat N --json` fused and `--unfused`, and prints median kernel time (sum over
# launches), median device time (first launch to last, no transfers), median time with
# transfers, and the fused/unfused ratios, all measured in this one run on this machine.
# Usage: tools/bench-run.sh [repeats]   Environment: DRC_DEVICE picks the device.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repeats=${1:-5}
PROGRAMS=(
  "blackscholes 16777216"
  "sincos 8388608"
  "contrived 4194304"
  "loglikelihood 8388608"
  "lstsqr 8388608"
  "harris 2048"
  "grayscott 512 40"
  "cronbach 2000"
  "jacobi 1024 25"
)
swift build -c release --product drc >/dev/null
bin=$(swift build -c release --show-bin-path)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf "%-14s %-16s %10s %10s %10s %10s %8s %8s\n" program size fused_k unfused_k fused_dev unfused_dev k_ratio dev_ratio
for entry in "${PROGRAMS[@]}"; do
  read -r name args <<<"$entry"
  swift build -c release --product "$name" >/dev/null
  # shellcheck disable=SC2086
  "$bin/drc" record -o "$out/$name.json" -- "$bin/$name" $args >/dev/null
  for mode in fused unfused; do
    flag=""
    [ "$mode" = unfused ] && flag="--unfused"
    # shellcheck disable=SC2086
    "$bin/drc" run "$out/$name.json" --repeat "$repeats" --json $flag >"$out/$name.$mode.json" || {
      echo "$name ($mode): outputs differ from the reference" >&2
      exit 1
    }
  done
  python3 - "$out/$name.fused.json" "$out/$name.unfused.json" "$name" "$args" <<'PY'
import json, sys
f, u = (json.load(open(p)) for p in sys.argv[1:3])
fk = sum(k["milliseconds"] for k in f["kernel_times"])
uk = sum(k["milliseconds"] for k in u["kernel_times"])
fd, ud = f["device_milliseconds"], u["device_milliseconds"]
print("%-14s %-16s %10.2f %10.2f %10.2f %10.2f %8.2f %8.2f" % (sys.argv[3], sys.argv[4], fk, uk, fd, ud, uk / fk, ud / fd))
PY
done
