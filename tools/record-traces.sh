#!/usr/bin/env bash
# Records every benchmark program under Examples/ at a small size into traces/<name>.json.
#
# Each trace is recorded with --save-inputs, so it carries its input values (inline when small,
# else a sidecar .bin beside it). Recording is deterministic: running this twice gives identical
# files, and the test suite fails when a checked-in trace differs from a fresh recording.
# Usage: tools/record-traces.sh [OUTPUT_DIR]   (default: traces)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-traces}
mkdir -p "$out"

# name and small-size arguments, one program per line.
PROGRAMS=(
  "sincos 1000"
  "contrived 1000"
  "blackscholes 256"
  "grayscott 16 3"
  "harris 24"
  "loglikelihood 1000"
  "lstsqr 1000"
  "cronbach 12"
  "jacobi 16 4"
)

# Debug builds keep the line tables the recorder uses to find operators' source lines.
swift build --product drc >/dev/null
for entry in "${PROGRAMS[@]}"; do
  read -r name args <<<"$entry"
  swift build --product "$name" >/dev/null
done
bin=$(swift build --show-bin-path)
for entry in "${PROGRAMS[@]}"; do
  read -r name args <<<"$entry"
  # shellcheck disable=SC2086
  "$bin/drc" record --save-inputs --output "$out/$name.json" -- "$bin/$name" $args >/dev/null
  echo "recorded $out/$name.json"
done
