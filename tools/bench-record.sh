#!/usr/bin/env bash
# Measures recording cost: wall time and peak memory of `drc record` on Examples/recordscale
# with 10k, 100k and 1M recorded ops (the program's run, writing its trace, and drc's validation
# of it), the trace size, and how many nodes carry a source line in main.swift.
# Needs GNU time (/usr/bin/time).
#
# Release builds by default: the recorder finds source lines in optimized code too (SwiftPM's
# release builds on Linux keep line tables), and drc is a tool one installs optimized.
# CONFIG=debug measures debug builds instead.
# Usage: tools/bench-record.sh [OPS...]   (default: 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
config=${CONFIG:-release}
swift build -c "$config" --product drc >/dev/null
swift build -c "$config" --product recordscale >/dev/null
bin=$(swift build -c "$config" --show-bin-path)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "config=$config"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000 1000000)
for ops in "${counts[@]}"; do
  /usr/bin/time -f "%e s %M KB" -o "$out/time" "$bin/drc" record -o "$out/t.json" -- "$bin/recordscale" "$ops" >/dev/null
  located=$(grep -c '"loc": "[^"]*recordscale/main.swift:[0-9]*"' "$out/t.json" || true)
  echo "ops=$ops  $(cat "$out/time")  trace=$(du -k "$out/t.json" | cut -f1) KB  located=$located"
done
