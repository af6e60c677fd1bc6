#!/usr/bin/env bash
# drc's kernels on a GPU machine (the `device` tool), checked and timed in one short run.
#
# Here:  tools/device-check.sh pack
#   builds a static `drc` (--static-swift-stdlib), records the benchmark traces at GPU sizes
#   (inputs are not saved: drc draws the same seeded random inputs there) and copies the OpenCL
#   ICD loader, all into .device/ (ignored by git; carry it: `carry: [".device"]`).
# There: tools/device-check.sh run [DEVICE]
#   registers the NVIDIA OpenCL driver with the ICD loader if no .icd names it, lists the
#   devices, then for each trace runs `drc verify` (every kernel against the reference) and
#   `drc bench` (fused against unfused, median of 5, against the triad floor measured there),
#   writing devices.txt, <program>.verify.txt and <program>.bench.json into $OUT (default
#   .device/out). DEVICE (default "nvidia") picks the device by name substring or index.
#   Kernels are compiled for the device (`--vector-width device`: one point per work-item on
#   NVIDIA).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=${1:-}
mapfile -t PROGRAMS < <(grep -v '^#' tools/benchmarks.txt)
case "$mode" in
pack)
  rm -rf .device && mkdir -p .device/bin .device/lib .device/traces
  swift build -c release --static-swift-stdlib --product drc >/dev/null
  bin=$(swift build -c release --show-bin-path)
  # Compressed: the static binary is about 60 MB, the carry limit 64 MiB with the tree.
  strip -o .device/bin/drc "$bin/drc" 2>/dev/null || cp "$bin/drc" .device/bin/drc
  xz -T0 -9 -f .device/bin/drc
  for entry in "${PROGRAMS[@]}"; do
    read -r name args <<<"$entry"
    swift build -c release --product "$name" >/dev/null
    tag=$(echo "$name $args" | tr ' ' '_')
    # shellcheck disable=SC2086
    "$bin/drc" record -o ".device/traces/$tag.json" -- "$bin/$name" $args >/dev/null
  done
  loader=$(ldconfig -p | awk '/libOpenCL.so.1 /{print $NF; exit}')
  if [ -z "$loader" ]; then
    echo "no libOpenCL.so.1 here: run tools/setup.sh (Debian package ocl-icd-libopencl1)" >&2
    exit 1
  fi
  cp -L "$loader" .device/lib/libOpenCL.so.1
  du -sh .device
  ;;
run)
  device=${2:-nvidia}
  out=${OUT:-.device/out}
  mkdir -p "$out"
  export LD_LIBRARY_PATH="$PWD/.device/lib:${LD_LIBRARY_PATH:-}"
  if ! grep -qsl nvidia /etc/OpenCL/vendors/*.icd; then
    driver=$(ldconfig -p | awk '/libnvidia-opencl.so.1 /{print $NF; exit}')
    if [ -z "$driver" ]; then
      driver=$(find /usr /lib /opt -name 'libnvidia-opencl.so.1' 2>/dev/null | head -1 || true)
    fi
    if [ -n "$driver" ]; then
      # The system's vendors plus the NVIDIA driver.
      mkdir -p .device/vendors
      cp /etc/OpenCL/vendors/*.icd .device/vendors/ 2>/dev/null || true
      echo "$driver" >.device/vendors/nvidia.icd
      export OCL_ICD_VENDORS="$PWD/.device/vendors"
    fi
  fi
  drc=.device/bin/drc
  if [ ! -x "$drc" ]; then
    xz -dkc "$drc.xz" >"$drc" 2>/dev/null ||
      python3 -c 'import lzma,sys; sys.stdout.buffer.write(lzma.open(sys.argv[1]).read())' \
        "$drc.xz" >"$drc"
    chmod +x "$drc"
  fi
  "$drc" devices | tee "$out/devices.txt"
  for trace in .device/traces/*.json; do
    tag=$(basename "$trace" .json)
    echo "== $tag"
    "$drc" verify "$trace" --device "$device" >"$out/$tag.verify.txt" 2>&1 || echo "verify failed: $tag"
    tail -1 "$out/$tag.verify.txt"
    "$drc" bench "$trace" --device "$device" --repeat 5 --json >"$out/$tag.bench.json" 2>&1 ||
      echo "bench failed: $tag"
    python3 - "$out/$tag.bench.json" <<'PY' || true
import json, sys
r = json.load(open(sys.argv[1]))
f, u = r["fused"], r["unfused"]
print("fused %.3f ms, unfused %.3f ms, %.2fx; floor %.3f ms at %.0f GB/s" % (
    f["kernel_milliseconds"], u["kernel_milliseconds"], r["kernel_speedup"],
    r["floor_milliseconds"], r["triad_gb_per_second"]))
PY
  done
  ;;
*)
  echo "usage: tools/device-check.sh pack | run [DEVICE]" >&2
  exit 2
  ;;
esac
