#!/usr/bin/env bash
# One command for the whole test suite: install what is missing, build,
# and run every test through ctest (testdata cases, bad input, the
# real-kernel scan, which prepares Debian's 6.12 tree itself).
#   scripts/test.sh [ctest args, e.g. -L testdata or -R kernel]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
"$top/scripts/build.sh"
cd "${BUILD_DIR:-$top/build}"
ctest --output-on-failure "$@"
