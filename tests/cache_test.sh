#!/usr/bin/env bash
# The facts cache: a second scan parses nothing; touching a header the TU
# includes makes it parse that TU again, with the same findings.
set -eu
tool=$(realpath "$1"); testdata=$(realpath "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -r "$testdata/include" "$tmp/include"
cp "$testdata/pfvf001_vf_callbacks.c" "$testdata/pfvf002_pf_drvdata.c" "$tmp/"
cd "$tmp"
scan() { "$tool" --db t.db pfvf001_vf_callbacks.c pfvf002_pf_drvdata.c -- -I include 2>&1 >out.txt | tail -1; }
a=$(scan); first=$(cat out.txt)
b=$(scan); second=$(cat out.txt)
touch include/linux/device.h
printf '\n' >> include/linux/device.h
c=$(scan); third=$(cat out.txt)
echo "$a"; echo "$b"; echo "$c"
grep -q "(2 parsed, 0 from cache" <<<"$a"
grep -q "(0 parsed, 2 from cache" <<<"$b"
grep -q "(2 parsed, 0 from cache" <<<"$c"
[ "$first" = "$second" ] && [ "$first" = "$third" ]
[ -n "$first" ]
echo "ok   cache"

# an older schema is rebuilt with a message; a newer one is refused (exit 2)
sqlite3 t.db "UPDATE meta SET value='1' WHERE key='schema_version'"
out=$("$tool" --db t.db pfvf001_vf_callbacks.c -- -I include 2>&1 >/dev/null) || true
grep -q "schema version 1, this build uses" <<<"$out"
grep -q "(1 parsed, 0 from cache" <<<"$out"
sqlite3 t.db "UPDATE meta SET value='999' WHERE key='schema_version'"
rc=0; out=$("$tool" --db t.db pfvf001_vf_callbacks.c -- -I include 2>&1 >/dev/null) || rc=$?
[ "$rc" -eq 2 ] && grep -q "newer than this build" <<<"$out"
echo "ok   schema versions"
