#!/usr/bin/env bash
# Measures compile time and memory of `drc compile --emit plan` (release build) on synthetic
# traces of 1k, 10k, 100k and 1M ops (tools/make-synthetic-trace.py), with per-pass times.
# Usage: tools/bench-compile.sh [sizes...]   Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000 1000000)
swift build -c release --product drc >/dev/null
bin=$(swift build -c release --show-bin-path)/drc
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for n in "${sizes[@]}"; do
  python3 tools/make-synthetic-trace.py "$n" "$out/t.json"
  /usr/bin/time -f "%e %M" -o "$out/time" "$bin" compile "$out/t.json" --output-dir "$out" --time-passes >"$out/passes"
  read -r seconds kb <"$out/time"
  passes=$(grep -v '^wrote' "$out/passes" | awk '{printf "%s=%sms ", $1, $2}')
  echo "ops=$n total=${seconds}s peak=$((kb / 1024))MB trace=$(($(stat -c %s "$out/t.json") / 1024))KB $passes"
done
