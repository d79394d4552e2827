#!/usr/bin/env bash
# Every input a user can give gets a clear message and exit status 2, never
# a crash or a silently empty report. A table: expected exit status,
# expected stderr substring, then the command line (run in a scratch
# directory with its own facts database).
set -u
tool=$(realpath "$1")
rules=$(cd "$(dirname "$0")/../rules" && pwd)
testdata=$(cd "$(dirname "$0")/../testdata" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
chmod 755 "$tmp"

printf 'int f(void) { return 0; }\n' > ok.c
printf 'int f(void) { return undeclared_thing + ; }\n' > broken.c
printf '#include <no_such_header.h>\nint f(void) { return 0; }\n' > noheader.c
printf 'def probe(pdev):\n    return pdev.physfn\n' > python.c
head -c 65536 /dev/urandom > garbage.c
: > empty.c
mkdir -p nojson empty zero noent good dir.c ro
printf '{ not json' > nojson/compile_commands.json
printf '[]' > empty/compile_commands.json
# gen_compile_commands.py -d MODULE_DIR: kbuild's flags are relative to the kernel tree
mkdir -p extmod && cp ok.c extmod/ &&
	printf '[{"directory": "%s/extmod", "file": "ok.c", "command": "gcc -I./arch/x86/include -I./include -include ./include/linux/compiler-version.h -c ok.c"}]' "$tmp" > extmod/compile_commands.json
: > zero/compile_commands.json
printf '[{"file": "ok.c", "command": "cc -c ok.c"}]' > noent/compile_commands.json
printf '[{"directory": "%s", "file": "ok.c", "command": "cc -c ok.c"}]' "$tmp" > good/compile_commands.json
# kbuild names amdgpu's sources 'amdgpu/../amdkfd/x.c': the same file, not a second input
mkdir -p dotdot sub
printf '[{"directory": "%s", "file": "%s/ok.c", "command": "cc -c -o sub/../ok.o sub/../ok.c"}]' "$tmp" "$tmp" > dotdot/compile_commands.json
printf 'locks:\n  - name: [unclosed\n' > badrules.yaml
head -c 16384 /dev/urandom > corrupt.db
echo 'this is not SQLite' > text.db
"$tool" --db future.db ok.c -- >/dev/null 2>&1
sqlite3 future.db "UPDATE meta SET value='999' WHERE key='schema_version'"
# each macro level doubles the tokens: 2^26 of them, far beyond --tu-timeout 2
python3 - <<'EOF'
lines = ["#define A0 1+"] + ["#define A%d A%d A%d" % (i, i - 1, i - 1) for i in range(1, 27)]
open("slow.c", "w").write("\n".join(lines) + "\nint f(void) { return A26 1; }\n")
EOF
chmod 555 ro

fail=0
# row STATUS 'STDERR SUBSTRING' ARGS...
row() {
	local want_rc=$1 want=$2; shift 2
	local out rc
	out=$("$tool" --db "$tmp/t.db" "$@" 2>&1 >/dev/null); rc=$?
	if [ "$rc" -ne "$want_rc" ] || ! grep -qF -- "$want" <<<"$out"; then
		echo "FAIL: $* -> exit $rc, stderr:"; echo "$out" | head -20 | sed 's/^/    /'
		echo "    (wanted exit $want_rc and '$want')"
		fail=1
	else
		echo "ok   $*"
	fi
}
# the same, as an unprivileged user (root reads and writes anything)
row_nobody() {
	if [ "$(id -u)" -ne 0 ]; then
		row "$@"
		return
	fi
	local want_rc=$1 want=$2; shift 2
	local out rc
	# the tool and its rules where nobody can reach them: a clone may sit
	# in a directory only root can enter (mktemp -d)
	if [ ! -x "$tmp/nbtool/pfvf-lockcheck" ]; then
		mkdir -p "$tmp/nbtool"
		cp "$tool" "$tmp/nbtool/pfvf-lockcheck"
		cp -r "$rules" "$tmp/nbtool/rules"
		chmod -R a+rX "$tmp/nbtool"
	fi
	out=$(PFVF_RULES_DIR=$tmp/nbtool/rules setpriv --reuid=65534 --regid=65534 --clear-groups -- \
		"$tmp/nbtool/pfvf-lockcheck" --db "$tmp/nb/n.db" "$@" 2>&1 >/dev/null); rc=$?
	if [ "$rc" -ne "$want_rc" ] || ! grep -qF -- "$want" <<<"$out"; then
		echo "FAIL (as nobody): $* -> exit $rc: $out"; fail=1
	else
		echo "ok   (as nobody) $*"
	fi
}

# files and directories
row 2 "cannot read 'missing.c'"           missing.c --
row 2 "is not a regular file"             dir.c --
printf 'int g(void) { return 1; }\n' > secret.c; chmod 000 secret.c
mkdir -p locked; cp good/compile_commands.json locked/; chmod 000 locked
mkdir -p nb sec; chmod 1777 nb
printf '[{"directory": "%s", "file": "secret.c", "command": "cc -c secret.c"}]' "$tmp" > sec/compile_commands.json
row_nobody 2 "cannot read 'secret.c'"     secret.c --
row_nobody 2 "cannot read"                -p locked
row_nobody 2 "was not analysed: cannot read '$tmp/secret.c': Permission denied" -p sec
row_nobody 2 "cannot write 'ro/out.sarif'" -o ro/out.sarif ok.c --
row 2 "cannot write 'dir.c'"              -o dir.c ok.c --
row 2 "cannot write"                      -o /nonexistent/dir/out.sarif ok.c --
row 2 "cannot write 'dir.c'"              --graph dir.c ok.c --
# compilation databases
row 2 "cannot read"                       -p nothere
row 2 "is not valid JSON"                 -p nojson
row 2 "is not valid JSON"                 -p zero
row 2 "has no entries"                    -p empty
row 2 'has no "directory"'                -p noent
row 2 "1 of 1 entries name include paths that do not exist under their \"directory\": '$tmp/extmod/ok.c' (\"directory\": '$tmp/extmod') names './include/linux/compiler-version.h'" -p extmod
row 2 "make -C KDIR M=MODULE_DIR compile_commands.json" -p extmod
row 2 "has no entry in"                   -p good broken.c
# translation units that do not parse: named, never silently skipped
row 2 "'$tmp/broken.c' has compile errors" broken.c --
row 2 "'no_such_header.h' file not found" noheader.c --
# an option this libclang does not know is dropped (libclang says so), once per database
row 0 "1 TUs (1 parsed, 0 from cache, 0 with errors, 0 failed)" --db nsf.db ok.c -- -fno-such-gcc-flag
row 0 "rejects: -fno-such-gcc-flag (1 TU)" --db nsf.db --stats ok.c -- -fno-such-gcc-flag
row 0 "0 probed, 1 from the facts database" --db nsf.db --stats ok.c -- -fno-such-gcc-flag
row 2 "'$tmp/python.c' has compile errors" python.c --
# a count of 0 that is not clean says so
row 0 "(0 parsed, 2 from cache, 2 with errors, 0 failed)" --keep-going broken.c python.c --
row 0 "the result is incomplete: 2 of 2 TUs had errors" --keep-going broken.c python.c --
row 2 "'$tmp/garbage.c' has compile errors" garbage.c --
row 2 "parsing took longer than 2 s (--tu-timeout)" --tu-timeout 2 slow.c ok.c --
# an empty file is valid C: analysed, nothing to report
row 0 "1 TUs (1 parsed"                   empty.c --
row 0 "1 TUs (1 parsed, 0 from cache, 0 with errors, 0 failed)" --db dd.db -p dotdot
# rules and databases
row 2 "badrules.yaml"                     --rules badrules.yaml ok.c --
row 2 "cannot open facts database"        --db /nonexistent/dir/x.db ok.c --
row 2 "file is not a database"            --db corrupt.db ok.c --
row 2 "file is not a database"            --db text.db ok.c --
row 2 "newer than this build's"           --db future.db ok.c --
# options
row 2 "no input files"                    --
row 2 "give -p BUILD_DIR"                 ok.c
row 2 "unknown option '--bogus'"          --bogus ok.c --
row 2 "unknown format 'xml'"              -f xml ok.c --
row 2 "invalid number for --jobs"         -j 0 ok.c --
row 2 "invalid --shard '3/2'"             --shard 3/2 ok.c --
row 2 "invalid --shard 'x'"               --shard x ok.c --
row 2 "invalid --shard '0/2'"             --shard 0/2 ok.c --
row 2 "--tu-timeout"                      --tu-timeout -5 ok.c --

for r in "analyze|needs --db DB" "analyze --db missing.db|cannot read facts database" \
	   "merge|usage: pfvf-lockcheck merge" "merge out.db missing.db|cannot read 'missing.db'"; do
	args=${r%%|*}; want=${r#*|}
	# shellcheck disable=SC2086
	out=$("$tool" $args 2>&1); rc=$?
	if [ "$rc" -ne 2 ] || ! grep -qF -- "$want" <<<"$out"; then
		echo "FAIL: $args -> exit $rc: $out"; fail=1
	else
		echo "ok   $args"
	fi
done

# no shell between the tool and git: a quote in the repository's path is
# a path like any other (it used to end a quoted popen() string), and a
# range that would be an option of git's is refused
q="$tmp/it's \"q\" \$(touch pwned)"
mkdir -p "$q" && cp "$testdata/pfvf001_vf_callbacks.c" "$q/vf.c" && cp -r "$testdata/include" "$q/" &&
	git -C "$q" init -q && git -C "$q" add . &&
	git -C "$q" -c user.name=t -c user.email=t@t commit -qm base &&
	sed -i 's/^}$/}\n/' "$q/vf.c"
for r in "0|0 findings|HEAD" "1| findings|4b825dc642cb6eb9a060e54bf8d69288fbee4904" "2|not a git revision range|--output=x"; do
	want_rc=${r%%|*}; r=${r#*|}; want=${r%%|*}; range=${r#*|}
	out=$(cd "$q" && "$tool" --db "$tmp/q.db" --srcroot "$q" --diff "$range" vf.c -- -I include 2>&1 >/dev/null); rc=$?
	if [ "$rc" -ne "$want_rc" ] || ! grep -qF -- "$want" <<<"$out" || [ -e "$tmp/pwned" ] || [ -e "$q/x" ]; then
		echo "FAIL: --diff '$range' in a path with quotes -> exit $rc: $out"; fail=1
	else
		echo "ok   --diff '$range' in a path with quotes"
	fi
done

# a TU with errors next to a good one: the good one is still analysed, the
# SARIF names the failed TU, and --keep-going turns the exit status back
# into 0/1 by findings
out=$("$tool" --db "$tmp/t.db" -f sarif -o k.sarif broken.c ok.c -- 2>&1); rc=$?
if [ "$rc" -ne 2 ] || ! python3 - k.sarif <<'EOF'
import json, sys
inv = json.load(open(sys.argv[1]))["runs"][0]["invocations"][0]
notes = inv["toolExecutionNotifications"]
assert not inv["executionSuccessful"], inv
assert any("broken.c" in n["message"]["text"] and n["level"] == "error" for n in notes), notes
EOF
then
	echo "FAIL: SARIF of a scan with a broken TU -> exit $rc: $out"; fail=1
else
	echo "ok   the SARIF names the failed TU"
fi
out=$("$tool" --db "$tmp/t.db" --keep-going broken.c ok.c -- 2>&1); rc=$?
if [ "$rc" -ne 0 ] || ! grep -q "broken.c' has compile errors" <<<"$out"; then
	echo "FAIL: --keep-going with one broken TU -> exit $rc: $out"; fail=1
else
	echo "ok   --keep-going with one broken TU"
fi

# a 50 MB generated file (730k functions) is analysed, in linear time
python3 - <<'EOF'
with open("big.c", "w") as out:
    n = i = 0
    while n < 50 << 20:
        s = "int f%d(int x) { if (x > %d) return x - 1; return x + %d; }\n" % (i, i, i)
        out.write(s); n += len(s); i += 1
EOF
out=$("$tool" --db "$tmp/big.db" big.c -- 2>&1); rc=$?
if [ "$rc" -ne 0 ] || ! grep -q "1 TUs (1 parsed, 0 from cache, 0 with errors, 0 failed), 732808 functions" <<<"$out"; then
	echo "FAIL: 50 MB file -> exit $rc: $out"; fail=1
else
	echo "ok   50 MB file"
fi
exit $fail
