#!/usr/bin/env bash
# --format html renders in headless Chromium: a screenshot is taken (kept
# as build/tests/report.png to look at), and the DOM Chromium built holds
# every finding and its path. Chromium is Debian's package (scripts/deps.sh).
set -eu
tool=$(realpath "$1"); testdata=$(realpath "$2"); outdir=$(realpath "$3")
command -v chromium >/dev/null || { echo "FAIL: chromium not installed (scripts/deps.sh installs chromium)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$testdata"
"$tool" -q --db "$tmp/f.db" -f html -o "$tmp/r.html" pfvf005_vfio_memory_lock.c \
	pfvf005_vfio_memory_lock_part1.c pfvf001_vf_callbacks.c -- -I include || [ $? -eq 1 ]
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$tmp/profile"
# shellcheck disable=SC2086
timeout 60 chromium $flags --dump-dom "file://$tmp/r.html" > "$tmp/dom.html" 2>/dev/null
# shellcheck disable=SC2086
timeout 60 chromium $flags --window-size=1200,1600 --screenshot="$outdir/report.png" "file://$tmp/r.html" >/dev/null 2>&1
python3 - "$tmp/dom.html" "$outdir/report.png" <<'P'
import os, re, sys
dom = open(sys.argv[1]).read()
n = len(re.findall(r'class="finding ', dom))
steps = len(re.findall(r'<li ', dom))
assert n == 6, 'rendered %d findings, want 6' % n
assert steps >= 2 * n and 'device_lock(PF(SELF))' in dom and '<pre>' in dom, 'paths or source lines missing'
assert os.path.getsize(sys.argv[2]) > 10000, 'no screenshot'
print('ok   html: %d findings, %d path steps rendered by Chromium; screenshot %s' % (n, steps, sys.argv[2]))
P
