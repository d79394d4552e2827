#!/usr/bin/env bash
# Bad input gets a clear message and exit status 2, never a crash or a
# silently empty report. One row per case: expected stderr substring, then
# the command line.
set -u
tool=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

printf 'int f(void) { return 0; }\n' > ok.c
printf 'int f(void) { return undeclared_thing + ; }\n' > broken.c
mkdir -p nojson empty noent good dir.c
printf '{ not json' > nojson/compile_commands.json
printf '[]' > empty/compile_commands.json
printf '[{"file": "ok.c", "command": "cc -c ok.c"}]' > noent/compile_commands.json
printf '[{"directory": "%s", "file": "ok.c", "command": "cc -c ok.c"}]' "$tmp" > good/compile_commands.json

fail=0
check() {
	local want=$1; shift
	local out rc
	out=$("$tool" --db "$tmp/t.db" "$@" 2>&1 >/dev/null); rc=$?
	if [ "$rc" -ne 2 ] || ! grep -qF -- "$want" <<<"$out"; then
		echo "FAIL: $* -> exit $rc, stderr:"; echo "$out" | sed 's/^/    /'
		echo "    (wanted exit 2 and '$want')"
		fail=1
	else
		echo "ok   $*"
	fi
}

check "cannot read 'missing.c'"        missing.c --
check "no input files"                  --
check "give -p BUILD_DIR"               ok.c
check "unknown option '--bogus'"        --bogus ok.c --
check "unknown format 'xml'"            -f xml ok.c --
check "invalid number for --jobs"       -j 0 ok.c --
check "has compile errors"              broken.c --
check "cannot write 'dir.c'"            -o dir.c ok.c --
check "cannot write"                    -o /nonexistent/dir/out.sarif ok.c --
check "is not a regular file"           dir.c --
check "cannot read"                     -p nothere
check "is not valid JSON"               -p nojson
check "has no entries"                  -p empty
check 'has no "directory"'              -p noent
check "has no entry in"                 -p good broken.c
check "cannot open facts database"      --db /nonexistent/dir/x.db ok.c --
check "invalid --shard '3/2'"           --shard 3/2 ok.c --
check "invalid --shard 'x'"             --shard x ok.c --
check "cannot write 'dir.c'"            --graph dir.c ok.c --

for row in "analyze|needs --db DB" "analyze --db missing.db|cannot read facts database" \
	   "merge|usage: pfvf-lockcheck merge" "merge out.db missing.db|cannot read 'missing.db'"; do
	args=${row%%|*}; want=${row#*|}
	# shellcheck disable=SC2086
	out=$("$tool" $args 2>&1); rc=$?
	if [ "$rc" -ne 2 ] || ! grep -qF -- "$want" <<<"$out"; then
		echo "FAIL: $args -> exit $rc: $out"; fail=1
	else
		echo "ok   $args"
	fi
done

# a TU with errors next to a good one: the good one is still analysed,
# and --keep-going turns the exit status back into 0/1 by findings
out=$("$tool" --db "$tmp/t.db" --keep-going broken.c ok.c -- 2>&1); rc=$?
if [ "$rc" -ne 0 ] || ! grep -q "broken.c' has compile errors" <<<"$out"; then
	echo "FAIL: --keep-going with one broken TU -> exit $rc: $out"; fail=1
else
	echo "ok   --keep-going with one broken TU"
fi
exit $fail
