#!/usr/bin/env bash
# Measures recording cost: wall time and peak memory of `drc record` on Examples/recordscale
# with 10k, 100k and 1M recorded ops, and the trace size. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
swift build --product drc >/dev/null
swift build --product recordscale >/dev/null
bin=$(swift build --show-bin-path)
out=$(mktemp -d)
for n in 10000 100000 1000000; do
  /usr/bin/time -f "%e s %M KB" -o "$out/time" "$bin/drc" record -o "$out/t.json" -- "$bin/recordscale" "$n" >/dev/null
  echo "ops=$n  $(cat "$out/time")  trace=$(du -k "$out/t.json" | cut -f1) KB"
done
rm -rf "$out"
