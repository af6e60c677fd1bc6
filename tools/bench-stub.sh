#!/usr/bin/env bash
# Host-side cost of calling a generated stub: builds Examples/StubApp (release) and times N
# calls of the Black-Scholes stub on 256 options (default N = 5000), printing calls per second.
# Usage: tools/bench-stub.sh [calls]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
calls=${1:-5000}
[ -f Package.resolved ] && cp Package.resolved Examples/StubApp/Package.resolved
swift build -c release --package-path Examples/StubApp >/dev/null
"$(swift build -c release --package-path Examples/StubApp --show-bin-path)/StubApp" --calls "$calls"
