#!/usr/bin/env bash
# Installs what drc needs on Debian 12 and checks for a Swift toolchain.
#
# Idempotent and fast when everything is present: each apt package is checked with `dpkg -s`
# first, and `apt-get update` runs only when something is missing. Needs root, or sudo when run
# as another user. Swift itself is not an apt package: install it from swift.org (6.3 or later)
# and put it on PATH.
set -euo pipefail

PACKAGES=(
  pocl-opencl-icd     # CPU OpenCL device (PoCL)
  ocl-icd-opencl-dev  # OpenCL ICD loader (libOpenCL.so) and headers
  opencl-c-headers    # CL/cl.h
  clinfo              # lists OpenCL platforms and devices
  clang-14            # OpenCL C -> SPIR bitcode (Swift's bundled clang has no SPIR back-end)
  llvm-spirv-14       # SPIR bitcode <-> SPIR-V
  spirv-tools         # spirv-val
  python3             # tools/check-schema.py
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  # `dpkg -s` also succeeds for removed packages whose config files remain: check the status.
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed$'; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "setup: installing missing packages: ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "setup: error: packages missing (${missing[*]}) and not root, and sudo is not available." >&2
    echo "setup: run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y \
    "${missing[@]}"
else
  echo "setup: apt packages present"
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: error: 'swift' is not on PATH. Install the Swift 6.3 toolchain for Debian 12" >&2
  echo "setup: from https://www.swift.org/install/ and add its usr/bin to PATH." >&2
  exit 1
fi
if ! version=$(swift --version 2>&1); then
  echo "setup: error: 'swift --version' failed:" >&2
  echo "$version" >&2
  exit 1
fi
echo "setup: $(printf '%s\n' "$version" | head -n 1)"
