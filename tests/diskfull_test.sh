#!/usr/bin/env bash
# A full disk: the facts database write fails with a message and exit 2,
# the report write fails the same way, and both leave what was there
# before intact (the next scan reuses the old facts). Needs root to mount
# a small tmpfs; skipped (77) without it.
set -eu
tool=$(realpath "$1"); testdata=$(realpath "$2")
tmp=$(mktemp -d)
mkdir "$tmp/m"
if ! mount -t tmpfs -o size=4m tmpfs "$tmp/m" 2>/dev/null; then
	rm -rf "$tmp"
	echo "SKIP: cannot mount a tmpfs (needs root)"; exit 77
fi
trap 'umount "$tmp/m"; rm -rf "$tmp"' EXIT
cd "$tmp"
python3 -c "
with open('gen.c', 'w') as o:
    for i in range(20000): o.write('int g%d(int x) { return x + %d; }\n' % (i, i))"
scan() { "$tool" --db m/t.db "$@" -- -I "$testdata/include"; }
one=$testdata/pfvf001_vf_callbacks.c

rc=0; scan "$one" >before.txt 2>/dev/null || rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: first scan exit $rc"; exit 1; }
# leave 300 KiB: the database is opened, the new TU's facts do not fit
used=$(du -k m | tail -1 | cut -f1)
dd if=/dev/zero of=m/fill bs=1k count=$((4096 - used - 300)) 2>/dev/null
rc=0; out=$(scan "$one" gen.c 2>&1 >/dev/null) || rc=$?
if [ "$rc" -ne 2 ] || ! grep -q "database or disk is full" <<<"$out"; then
	echo "FAIL: facts write on a full disk -> exit $rc: $out"; exit 1
fi
echo "ok   facts database write on a full disk: exit 2, '$(grep -m1 'disk is full' <<<"$out" | cut -c1-70)...'"
# no room at all: the report is not written, the old one stays
echo previous > m/out.sarif
dd if=/dev/zero of=m/fill2 bs=4k 2>/dev/null || true
for f in sarif text html; do
	rc=0; out=$("$tool" --db t.db -f $f -o m/out.sarif "$one" -- -I "$testdata/include" 2>&1 >/dev/null) || rc=$?
	if [ "$rc" -ne 2 ] || ! grep -q "cannot write 'm/out.sarif': No space left on device" <<<"$out" ||
	   [ "$(cat m/out.sarif)" != previous ]; then
		echo "FAIL: -f $f report on a full disk -> exit $rc: $out"; exit 1
	fi
done
echo "ok   report write on a full disk: exit 2, the previous report intact"
rm m/fill m/fill2
[ "$(sqlite3 m/t.db 'PRAGMA integrity_check')" = ok ]
rc=0; out=$(scan "$one" 2>&1 >after.txt) || rc=$?
if [ "$rc" -ne 1 ] || ! grep -q "(0 parsed, 1 from cache" <<<"$out" || ! cmp -s before.txt after.txt; then
	echo "FAIL: the old database after the full disk -> exit $rc: $out"; exit 1
fi
echo "ok   the old database is intact and reused"
