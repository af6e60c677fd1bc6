#!/usr/bin/env bash
# Runs a longer differential fuzz campaign: tools/fuzz.sh [N] [SEED] (defaults 10000, 1).
#
# Builds drc in release mode, then runs `drc fuzz` over N random valid programs (program i uses
# seed SEED + i) on the reference, the host plan interpreter and the OpenCL device (DRC_DEVICE),
# fused and unfused at several vector widths. Failures are minimised and saved as traces in
# fuzz-failures/; the exit status is 1 if any program failed. CI runs a fixed-seed 300-program
# campaign as a test (Tests/DRCDriverTests/FuzzTests.swift).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count="${1:-10000}"
seed="${2:-1}"
make build >/dev/null
exec .build/release/drc fuzz --count "$count" --seed "$seed" --save fuzz-failures
