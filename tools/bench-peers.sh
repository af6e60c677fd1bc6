#!/usr/bin/env bash
# drc against its peers (NumPy, numexpr, JAX jit on CPU) on the same machine, in one run, on the
# same inputs: builds drc and the benchmark programs (release), sets up a Python virtual
# environment under .build/peers-venv (numpy, numexpr, jax[cpu], matplotlib from PyPI) once,
# then for each benchmark records the program with its inputs saved (`drc record
# --save-inputs`), checks drc's outputs (`drc run --outputs`, which also checks them against the
# float64 oracle), times drc (`drc bench`: kernel, device and wall time) and each peer
# (tools/peers/run.py, which reads the saved inputs, runs the NumPy, numexpr and JAX versions in
# tools/peers/PROGRAM.py and checks every result, drc's included, against NumPy's), and writes
# the table into docs/benchmarks.md and a log-scale bar chart into docs/benchmarks.png
# (tools/peers/report.py). Traces, inputs and raw results stay under .build/peers-results.
#
# Usage: tools/bench-peers.sh [--quick] [--repeat N] [--only LABEL] [--no-build]
#   --quick   small sizes (a smoke test: seconds per benchmark; numbers not representative)
#   --repeat  timed runs per configuration, median reported (default 7)
#   --only    run one benchmark (by label, e.g. loglikelihood); the docs are still rewritten
#   --no-build  use the release products already in .build/release (no swift build)
# Sizes are the lists below (label, program, arguments); edit them to change sizes.
# Environment: DRC_DEVICE picks the OpenCL device.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FULL=(
  "blackscholes blackscholes 16777216"
  "sincos-f32 sincos 16777216 float32"
  "contrived-f32 contrived 16777216 float32"
  "contrived-f64 contrived 16777216 float64"
  "harris harris 4096"
  "loglikelihood loglikelihood 16777216"
  "cronbach cronbach 2000"
  "jacobi jacobi 2048 25"
  "lstsqr lstsqr 16777216"
)
QUICK=(
  "blackscholes blackscholes 262144"
  "sincos-f32 sincos 262144 float32"
  "contrived-f32 contrived 262144 float32"
  "contrived-f64 contrived 262144 float64"
  "harris harris 512"
  "loglikelihood loglikelihood 262144"
  "cronbach cronbach 300"
  "jacobi jacobi 256 25"
  "lstsqr lstsqr 262144"
)

quick=0
repeats=7
only=""
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --repeat) repeats="$2"; shift ;;
    --only) only="$2"; shift ;;
    --no-build) build=0 ;;
    *) echo "usage: tools/bench-peers.sh [--quick] [--repeat N] [--only LABEL] [--no-build]" >&2; exit 2 ;;
  esac
  shift
done
if [ "$quick" = 1 ]; then RUNS=("${QUICK[@]}"); else RUNS=("${FULL[@]}"); fi

venv=.build/peers-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import numpy, numexpr, jax, matplotlib" 2>/dev/null; then
  echo "setting up $venv (numpy, numexpr, jax[cpu], matplotlib)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet numpy numexpr "jax[cpu]" matplotlib
fi
py="$venv/bin/python"

if [ "$build" = 1 ]; then
  swift build -c release --product drc >/dev/null
  for entry in "${RUNS[@]}"; do
    read -r _ name _ <<<"$entry"
    swift build -c release --product "$name" >/dev/null
  done
  bin=$(swift build -c release --show-bin-path)
else
  bin=.build/release
fi

results=".build/peers-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# CPU time the hypervisor gave to other guests (steal, /proc/stat's 8th cpu field) over the run:
# on a shared virtual machine it is the noise no load average shows.
cpu_times() { awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t, $9 }' /proc/stat; }
read -r total_before steal_before < <(cpu_times)
: >"$results/runs.txt"
for entry in "${RUNS[@]}"; do
  read -r label name args <<<"$entry"
  if [ -n "$only" ] && [ "$only" != "$label" ]; then continue; fi
  dir="$results/$label"
  mkdir -p "$dir"
  # shellcheck disable=SC2086
  "$bin/drc" record --save-inputs -o "$dir/$name.json" -- "$bin/$name" $args >/dev/null
  "$bin/drc" run --repeat 1 --outputs "$dir/out" "$dir/$name.json" >"$dir/run.txt"
  "$bin/drc" bench --json --repeat "$repeats" "$dir/$name.json" >"$results/$label.bench.json"
  # shellcheck disable=SC2086
  "$py" tools/peers/run.py "$name" "$dir/$name.json" "$repeats" "$results/$label.peers.json" \
    "$dir/out" -- $args
  printf "%s\t%s\t%s\n" "$label" "$name" "$args" >>"$results/runs.txt"
  # The saved inputs can be hundreds of MB: keep only the results.
  rm -f "$dir"/*.bin
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
read -r total_after steal_after < <(cpu_times)
steal=$(awk -v t=$((total_after - total_before)) -v s=$((steal_after - steal_before)) \
  'BEGIN { printf "%.1f", (t > 0 ? 100 * s / t : 0) }')

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//' || true)
device=$(jq -r '.device' "$(ls "$results"/*.bench.json | head -1)" 2>/dev/null ||
  "$py" -c "import json,sys; print(json.load(open(sys.argv[1]))['device'])" "$(ls "$results"/*.bench.json | head -1)")
versions=$("$py" -c "import numpy, numexpr, jax; print(f'NumPy {numpy.__version__}, numexpr {numexpr.__version__}, JAX {jax.__version__}')")
{
  echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC'), $( [ "$quick" = 1 ] && echo "QUICK MODE (small sizes: a smoke test, not representative)" || echo "full sizes"), median of $repeats."
  echo "Machine: $cpu, $(nproc) cores; drc device: $device; peers: $versions."
  echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after (the run's own threads included)."
  echo "CPU time stolen by the hypervisor during the run: $steal% of all CPU time."
  echo "Raw results: $results."
  # Other work on the machine makes every number noisy: say so rather than present them as clean.
  # The load average before the run shows other work in this machine; steal shows other guests
  # on its host (the run's own threads raise the load after it, so that one is not a signal).
  if awk -v a="$load_before" -v n="$(nproc)" 'BEGIN { exit !(a > n / 2) }'; then
    echo ""
    echo "**The machine was loaded by other work when this run started (load average above half its cores): these numbers are noisy, not clean measurements.**"
  fi
  if awk -v s="$steal" 'BEGIN { exit !(s > 2) }'; then
    echo ""
    echo "**Other guests of this virtual machine's host took $steal% of its CPU time during the run: single numbers are noisy; the ratios of runs close in time are the better guide.**"
  fi
} >"$results/machine.txt"
"$py" tools/peers/report.py "$results" docs/benchmarks.md docs/benchmarks.png
echo "wrote docs/benchmarks.md and docs/benchmarks.png from $results"
