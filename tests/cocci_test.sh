#!/usr/bin/env bash
# cocci/ through 'pfvf-lockcheck cocci' and straight through spatch, on
# testdata/:
#  - the exact findings through the tool (tests/cocci.expect), which maps
#    every script to its rule, and each script's own report mode: its lines
#    are the expect file's lines of its rule ('// Keywords:');
#  - each script's header in scripts/coccinelle/ conventions, and a file
#    prefilter in each of its modes (spatch's "Expected tokens": without it
#    spatch parses every file of a tree);
#  - context mode ('-' lines only) and org mode (one TODO per report);
#  - patch mode where a script has one: the diff is testdata/cocci_NAME.patch,
#    it applies to a copy, every patched file compiles with no new warning,
#    a second run changes nothing, and fewer places are reported after it;
#    a script without one says why ("No patch mode");
#  - SARIF (its own log, and a second run appended to a libclang log: tool
#    'spatch', precision low) valid for GitHub.
set -eu
tool=$(realpath "$1"); top=$(cd "$(dirname "$0")/.." && pwd)
command -v spatch >/dev/null || { echo "FAIL: spatch not installed (apt-get install coccinelle)"; exit 1; }
cc=$(command -v clang-14 || command -v clang || command -v gcc) || { echo "FAIL: no C compiler"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
sp() { spatch --sp-file "$@" --no-includes --include-headers; }
# 'file:line RULE' from spatch's report lines ('./f.c:12:1-8: PFVF002: ...')
report_lines() { sed -n 's|^\(\./\)\{0,1\}\([^:]*\):\([0-9]*\):[0-9]*-[0-9]*: \(PFVF[0-9]*\): .*$|\2:\3 \4|p' "$1" | sort; }
# warning texts of a compile, without their locations
warnings() { "$cc" -fsyntax-only -Wall -I "$top/testdata/include" "$1" 2>&1 | sed -n 's/^[^ ]*: warning: //p' | sort -u; }
cd "$top/testdata"

# 1. the tool: every script, mapped to its rule
rc=0; "$tool" cocci -q -j 2 . > "$tmp/out.txt" 2>"$tmp/err.txt" || rc=$?
[ "$rc" -eq 1 ] || fail "cocci exit $rc: $(cat "$tmp/err.txt")"
sed -n 's/^\([^:]*\):\([0-9]*\):[0-9]*: warning: .*\[\(PFVF[0-9]*\)\]$/\1:\2 \3/p' "$tmp/out.txt" | sort > "$tmp/got"
grep -v '^#' "$top/tests/cocci.expect" | sort > "$tmp/want"
diff -u "$tmp/want" "$tmp/got" || fail "cocci findings differ"

# 2. each script on its own
nscripts=0; npatch=0; rules=""
for s in "$top"/cocci/*.cocci; do
	name=$(basename "$s" .cocci); nscripts=$((nscripts + 1))
	rule=$(sed -n 's|^// Keywords: *\(PFVF[0-9]\{3\}\).*|\1|p' "$s")
	[ -n "$rule" ] || fail "$name: no '// Keywords: PFVFnnn'"
	rules="$rules $rule"
	grep -q '^/// ' "$s" && grep -q '^// Confidence: ' "$s" && grep -q '^// Copyright: ' "$s" &&
		grep -q '^// Options: --no-includes --include-headers' "$s" ||
		fail "$name: header lacks '///', Confidence, Copyright or Options"
	# coccicheck takes the options from every line containing "Options:"
	[ "$(grep -c 'Options:' "$s")" -eq 1 ] || fail "$name: more than one 'Options:' line"
	for m in report context org; do
		grep -q "^virtual $m\$" "$s" || fail "$name: no 'virtual $m'"
	done
	modes="report context org"
	if grep -q '^virtual patch$' "$s"; then
		modes="$modes patch"
	else
		grep -q '^/// No patch mode' "$s" || fail "$name: no patch mode and no '/// No patch mode: why'"
	fi
	for m in $modes; do
		sp "$s" -D "$m" --dir . > "$tmp/$name.$m" 2>"$tmp/e" || fail "$name in $m mode: $(tail -3 "$tmp/e")"
		grep -q 'Expected tokens' "$tmp/e" || fail "$name in $m mode has no file prefilter (spatch would parse every file)"
	done
	report_lines "$tmp/$name.report" > "$tmp/got.$name"
	grep " $rule\$" "$tmp/want" | sort > "$tmp/want.$name" || true
	diff -u "$tmp/want.$name" "$tmp/got.$name" || fail "$name: its report lines differ from tests/cocci.expect's $rule lines"
	grep -q '^[-+]' "$tmp/$name.context" && [ "$(grep -c '^+[^+]' "$tmp/$name.context" || true)" -eq 0 ] ||
		fail "$name: context mode shows no '-' lines or adds code"
	[ "$(grep -c '^\* TODO' "$tmp/$name.org" || true)" -eq "$(wc -l < "$tmp/got.$name")" ] ||
		fail "$name: org mode has not one TODO per report"
	[ -e "$tmp/$name.patch" ] || continue

	# 3. patch mode: the expected diff, applied to a copy, compiles
	npatch=$((npatch + 1))
	diff -u "$top/testdata/cocci_$name.patch" "$tmp/$name.patch" || fail "$name: patch mode differs from testdata/cocci_$name.patch"
	rm -rf "$tmp/copy"; cp -r "$top/testdata" "$tmp/copy"
	(cd "$tmp/copy" && patch -s -p1 < "$tmp/$name.patch") || fail "$name: its patch does not apply"
	files=$(sed -n 's|^+++ b/||p' "$tmp/$name.patch")
	[ -n "$files" ] || fail "$name: patch mode changes nothing in testdata/"
	for f in $files; do
		"$cc" -fsyntax-only -Wall -I "$top/testdata/include" "$tmp/copy/$f" 2>"$tmp/e" ||
			fail "$name: patched $f does not compile: $(cat "$tmp/e")"
		new=$(comm -13 <(warnings "$f") <(warnings "$tmp/copy/$f"))
		[ -z "$new" ] || fail "$name: patched $f has new warnings: $new"
		before=$(grep -c "^$f:" "$tmp/got.$name" || true)
		after=$(cd "$tmp/copy" && sp "$s" -D report --very-quiet "$f" | grep -c ": $rule: " || true)
		[ "$after" -lt "$before" ] || fail "$name: the patch leaves all $before reports in $f"
	done
	(cd "$tmp/copy" && sp "$s" -D patch --very-quiet --dir .) > "$tmp/again" 2>/dev/null
	[ ! -s "$tmp/again" ] || fail "$name: a second patch run changes the patched code again"
done
[ "$npatch" -ge 2 ] || fail "only $npatch scripts with a patch mode"

# 4. SARIF: its own log, and appended to a libclang log as a second run
"$tool" cocci -q -j 2 -f sarif -o "$tmp/cocci.sarif" . || [ $? -eq 1 ]
"$tool" -q --db "$tmp/f.db" -f sarif -o "$tmp/both.sarif" --srcroot . pfvf001_vf_callbacks.c -- -I include || [ $? -eq 1 ]
"$tool" cocci -q -j 2 --append-to "$tmp/both.sarif" . || [ $? -eq 1 ]
# shellcheck disable=SC2086 # one argument per rule
python3 - "$tmp/both.sarif" "$tmp/cocci.sarif" $rules <<'EOF'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
assert len(runs) == 2, "not two runs"
drv = runs[1]["tool"]["driver"]
assert "spatch" in drv["name"], drv["name"]
assert all(r.get("properties", {}).get("precision") == "low" for r in drv["rules"]), "precision not low"
assert runs[0]["tool"]["driver"]["rules"][0]["properties"]["precision"] != "low"
own = json.load(open(sys.argv[2]))["runs"][0]
# every script's rule shows up, and no other
got = {r["ruleId"] for r in own["results"]}
assert got == set(sys.argv[3:]), (sorted(got), sorted(set(sys.argv[3:])))
EOF
"$top/tests/sarif_validate.sh" "$tmp/cocci.sarif" "$tmp/both.sarif" >/dev/null ||
	fail "cocci SARIF does not validate"
echo "ok   cocci: $(wc -l < "$tmp/got") findings as expected from $nscripts scripts (${rules# }); report/context/org modes;" \
	"$npatch patch modes apply, compile and are idempotent; SARIF run of its own and appended"
