#!/usr/bin/env bash
# Fused against unfused on the default OpenCL device (PoCL here), each program measured in one
# `drc bench` process: records each benchmark program (release builds) with its inputs saved
# (`--save-inputs`: the values the program drew, so exp and log see what they see in use), then
# prints median kernel time (summed over launches), device time (first launch to last, no host
# transfers) and wall time (the whole call, transfers included) fused and unfused, the ratios,
# the memory floor (the plan's minimum bytes at the triad bandwidth drc bench measures on the
# device), and which inputs drc bench used (saved, or generated where the trace saved none).
# Usage: tools/bench-run.sh [repeats]   Environment: DRC_DEVICE picks the device.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repeats=${1:-5}
mapfile -t PROGRAMS < <(grep -v '^#' tools/benchmarks.txt)
swift build -c release --product drc >/dev/null
bin=$(swift build -c release --show-bin-path)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf "%-14s %-18s %9s %9s %9s %9s %9s %9s %7s %7s %9s %6s %s\n" \
  program size fused_k unfused_k fused_dev unfus_dev fus_wall unf_wall k_x dev_x floor_ms GB/s inputs
for entry in "${PROGRAMS[@]}"; do
  read -r name args <<<"$entry"
  swift build -c release --product "$name" >/dev/null
  # shellcheck disable=SC2086
  "$bin/drc" record --save-inputs -o "$out/$name.json" -- "$bin/$name" $args >/dev/null
  "$bin/drc" bench "$out/$name.json" --repeat "$repeats" --json >"$out/$name.bench.json"
  python3 - "$out/$name.bench.json" "$name" "$args" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
f, u = r["fused"], r["unfused"]
inputs = "saved" if r["generated_inputs"] == 0 else (
    "generated" if r["saved_inputs"] == 0 else "mixed")
print("%-14s %-18s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %7.2f %7.2f %9.2f %6.1f %s" % (
    sys.argv[2], sys.argv[3], f["kernel_milliseconds"], u["kernel_milliseconds"],
    f["device_milliseconds"], u["device_milliseconds"], f["wall_milliseconds"],
    u["wall_milliseconds"], r["kernel_speedup"], r["device_speedup"],
    r["floor_milliseconds"], r["triad_gb_per_second"], inputs))
PY
done
