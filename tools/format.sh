#!/usr/bin/env bash
# Formats Sources, Tests, Plugins and Examples with the toolchain's swift-format (`swift format`), using the
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

# Every Swift file we write by hand; generated stubs (Tests/DRCStubTests/Stubs) are golden
# files compared byte for byte with the emitter's output, so they are left as generated.
files=()
while IFS= read -r -d '' f; do files+=("$f"); done < <(
  find Sources Tests Plugins Examples -name '*.swift' -not -path '*/Stubs/*' -not -path '*/.build/*' -print0 | sort -z)

case "${1:-}" in
  "")
    exec swift format format --configuration .swift-format --in-place "${files[@]}"
    ;;
  --check)
    exec swift format lint --configuration .swift-format --strict "${files[@]}"
    ;;
  *)
    echo "usage: tools/format.sh [--check]" >&2
    exit 2
    ;;
esac
