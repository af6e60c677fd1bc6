#!/usr/bin/env bash
# Runs a longer differential fuzz campaign: tools/fuzz.sh [N] [SEED] (defaults 10000, 1).
#
# Builds drc in release mode, then runs `drc fuzz` over N random valid programs (program i uses
# seed SEED + i) on the reference, the host plan interpreter and the OpenCL device (DRC_DEVICE;
# FUZZ_DEVICE=host checks no device), fused and unfused at several vector widths. Failures are
# minimised and saved as traces in fuzz-failures/. A crash (the process killed by a signal)
# leaves the program it was checking in fuzz-failures/in-progress.json: it is renamed
# crash_<seed>.json and the campaign goes on from the next seed; a hang (exit 3) is saved as
# hang_<seed>.json and the campaign goes on too. The exit status is 1 if anything failed.
# CI runs a fixed-seed 300-program campaign as a test (Tests/DRCDriverTests/FuzzTests.swift).
# FUZZ_OUT=DIR saves into DIR instead of fuzz-failures (so shards can run side by side), and
# FUZZ_DRC=PATH runs that drc binary instead of building one (so a rebuild cannot replace the
# binary under a long campaign). Each process checks at most FUZZ_CHUNK programs (default 500),
# and a process that runs short of memory mappings stops before a seed (exit status 4) that the
# next one starts from.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count="${1:-10000}"
seed="${2:-1}"
device=(); [[ -n "${FUZZ_DEVICE:-}" ]] && device=(--device "$FUZZ_DEVICE")
drc="${FUZZ_DRC:-}"
if [[ -z "$drc" ]]; then make build >/dev/null || exit 2; drc=.build/release/drc; fi
out="${FUZZ_OUT:-fuzz-failures}"
chunk="${FUZZ_CHUNK:-500}"
mkdir -p "$out"
end=$((seed + count))
status=0
while ((seed < end)); do
  rm -f "$out/in-progress.json"
  # At most CHUNK programs per process: PoCL 3.1 never unloads a kernel library it loaded, and a
  # process that has compiled about 1,500 fuzz programs runs out of memory mappings
  # (vm.max_map_count) and aborts inside PoCL.
  count=$((end - seed < chunk ? end - seed : chunk))
  "$drc" fuzz --count "$count" --seed "$seed" --save "$out" "${device[@]}" \
    2>&1 | tee "$out/last.log"
  rc=${PIPESTATUS[0]}
  if ((rc == 1)); then status=1; fi  # failures: saved and listed above
  # Exit status 4 (or 1 with this line): the process ran short of memory mappings and stopped
  # before a seed, which the next process starts from.
  next=$(grep -o 'stopped before seed [0-9]*' "$out/last.log" | grep -o '[0-9][0-9]*' | tail -1)
  if ((rc == 0 || rc == 1 || rc == 4)) && [[ -n "$next" ]]; then seed=$next; continue; fi
  if ((rc == 0 || rc == 1)); then seed=$((seed + count)); continue; fi
  status=1
  # Crash or hang: find the program's seed, keep it, and go on after it.
  if [[ -f "$out/in-progress.json" ]]; then
    bad=$(grep -o '"program": *"fuzz_[0-9]*"' "$out/in-progress.json" | grep -o '[0-9][0-9]*' | tail -1)
    [[ -z "$bad" ]] && { echo "fuzz.sh: cannot tell which seed crashed (status $rc)"; exit 2; }
    mv "$out/in-progress.json" "$out/crash_${bad}.json"
    echo "fuzz.sh: the process died (status $rc) on seed $bad: saved $out/crash_${bad}.json"
  else
    bad=$(grep -o 'seed [0-9]* ran for more' "$out/last.log" | grep -o '[0-9]*' | head -1)
    [[ -z "$bad" ]] && { echo "fuzz.sh: drc fuzz failed (status $rc)"; exit 2; }
  fi
  seed=$((bad + 1))
done
exit $status
