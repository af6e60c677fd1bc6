#!/usr/bin/env bash
# Formats Sources and Tests with the toolchain's swift-format (`swift format`), using the
# repository's .swift-format configuration (2-space indentation, 100-column lines).
#
#   tools/format.sh           rewrite files in place
#   tools/format.sh --check   report style findings and exit non-zero if there are any
set -euo pipefail
cd "$(dirname "$0")/.."

if ! swift format --version >/dev/null 2>&1; then
  echo "format: error: 'swift format' is not available; it ships with Swift 6 toolchains." >&2
  exit 1
fi

case "${1:-}" in
  "")
    exec swift format format --configuration .swift-format --in-place --recursive Sources Tests
    ;;
  --check)
    exec swift format lint --configuration .swift-format --strict --recursive Sources Tests
    ;;
  *)
    echo "usage: tools/format.sh [--check]" >&2
    exit 2
    ;;
esac
