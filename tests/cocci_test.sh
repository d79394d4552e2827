#!/usr/bin/env bash
# cocci/ through 'pfvf-lockcheck cocci': the exact findings on testdata/
# (tests/cocci.expect), each script also straight through spatch in
# report and context mode, and its SARIF (own log, and appended as a
# second run to a libclang log) valid for GitHub.
set -eu
tool=$(realpath "$1"); top=$(cd "$(dirname "$0")/.." && pwd)
command -v spatch >/dev/null || { echo "FAIL: spatch not installed (apt-get install coccinelle)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$top/testdata"
rc=0; "$tool" cocci -q -j 2 . > "$tmp/out.txt" 2>"$tmp/err.txt" || rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: cocci exit $rc: $(cat "$tmp/err.txt")"; exit 1; }
sed -n 's/^\([^:]*\):\([0-9]*\):[0-9]*: warning: .*\[\(PFVF[0-9]*\)\]$/\1:\2 \3/p' "$tmp/out.txt" | sort > "$tmp/got"
grep -v '^#' "$top/tests/cocci.expect" | sort > "$tmp/want"
diff -u "$tmp/want" "$tmp/got" || { echo "FAIL: cocci findings differ"; exit 1; }
for s in "$top"/cocci/*.cocci; do
	spatch --very-quiet --sp-file "$s" -D report --no-includes --include-headers --dir . >/dev/null 2>"$tmp/e" ||
		{ echo "FAIL: $s in report mode: $(cat "$tmp/e")"; exit 1; }
	spatch --very-quiet --sp-file "$s" -D context --no-includes --include-headers --dir . >"$tmp/ctx" 2>"$tmp/e" ||
		{ echo "FAIL: $s in context mode: $(cat "$tmp/e")"; exit 1; }
	grep -q '^[-+]' "$tmp/ctx" && [ "$(grep -c '^+[^+]' "$tmp/ctx" || true)" -eq 0 ] ||
		{ echo "FAIL: $s context mode shows no '-' lines or adds code"; exit 1; }
done
"$tool" cocci -q -j 2 -f sarif -o "$tmp/cocci.sarif" . || [ $? -eq 1 ]
"$tool" -q --db "$tmp/f.db" -f sarif -o "$tmp/both.sarif" --srcroot . pfvf001_vf_callbacks.c -- -I include || [ $? -eq 1 ]
"$tool" cocci -q -j 2 --append-to "$tmp/both.sarif" . || [ $? -eq 1 ]
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"]; assert len(r) == 2 and r[1]["tool"]["driver"]["rules"][0]["properties"]["precision"] == "low", r' "$tmp/both.sarif"
"$top/tests/sarif_validate.sh" "$tmp/cocci.sarif" "$tmp/both.sarif" >/dev/null ||
	{ echo "FAIL: cocci SARIF does not validate"; exit 1; }
echo "ok   cocci: $(wc -l < "$tmp/got") findings as expected; report/context modes; SARIF run of its own and appended"
