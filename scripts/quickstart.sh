#!/usr/bin/env bash
# One command from a clean clone to a real scan: install what is missing,
# build the checker, prepare Debian's 6.12 kernel tree (extract, Debian's
# amd64 config, make prepare, build the SR-IOV subset so kbuild's command
# lines exist, compile_commands.json), scan it, print the findings and
# write pfvf-lockcheck.sarif. A second run reuses all of it and re-scans.
#   scripts/quickstart.sh [-j N]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
[ "${1:-}" = "-j" ] && jobs=$2

"$top/scripts/deps.sh"
"$top/scripts/build.sh"
ccdb=$("$top/scripts/prepare-kernel.sh" --version 6.12 -j "$jobs")
tree=$(dirname "$ccdb")

cd "$top"
echo "quickstart: scanning $tree (facts cached in $tree/pfvf-lockcheck.db)" >&2
rc=0
build/pfvf-lockcheck -p "$tree" -j "$jobs" --keep-going || rc=$?
build/pfvf-lockcheck -p "$tree" -j "$jobs" --keep-going -q -f sarif \
	-o pfvf-lockcheck.sarif || true
echo "quickstart: SARIF written to $top/pfvf-lockcheck.sarif" >&2
# 1 means findings, which is what a scan is for
[ "$rc" -le 1 ] || exit "$rc"
