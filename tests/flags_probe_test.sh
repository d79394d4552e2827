#!/usr/bin/env bash
# Options libclang rejects are found by asking it (frontend/probe.c), not
# by a list, and the verdicts are cached in the facts database.
#   flags_probe_test.sh TOOL values   an option's value is never judged or
#                                     dropped alone (cli)
#   flags_probe_test.sh TOOL kernel   invented GCC options in a real kbuild
#                                     command line of the 6.12 tree (kernel)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tool=$(realpath "$1")
mode=${2:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; [ -f "$tmp/err" ] && sed 's/^/    /' "$tmp/err"; exit 1; }
# the number in a --stats line 'flags: N options ...: P probed, C from the facts database (...)'
stat_of() { sed -n "s/.*flags: \([0-9]*\) options\{0,1\} for libclang .*: \([0-9]*\) probed, \([0-9]*\) from the facts database.*/\\$2/p" "$1"; }

values() {
	cd "$tmp"
	printf 'int f(void) { return 0; }\n' > ok.c
	printf '#define INC 1\n' > inc.h
	# separate values, one of them shaped like an option: only
	# -fnew-gcc-thing=3 is for libclang to judge, and it is rejected
	set -- --param ssp-buffer-size=4 -include inc.h -iquote -mfuture-gcc-only \
		-MF -mdep-file -fnew-gcc-thing=3 -isystem -fno-value
	"$tool" --print-commands ok.c -- "$@" > cmd 2>"$tmp/err" || fail "--print-commands"
	for want in "--param ssp-buffer-size=4 " "-include inc.h " "-iquote -mfuture-gcc-only " "-isystem -fno-value "; do
		grep -qF -- "$want" cmd || fail "'$want' is not in the command: $(cat cmd)"
	done
	! grep -qF -- "-fnew-gcc-thing=3" cmd || fail "-fnew-gcc-thing=3 is kept: $(cat cmd)"
	! grep -qF -- "-mdep-file" cmd || fail "-MF's value is kept: $(cat cmd)"
	rc=0; "$tool" --db v.db --stats ok.c -- "$@" >/dev/null 2>"$tmp/err" || rc=$?
	[ "$rc" -eq 0 ] || fail "the scan exits $rc"
	grep -q "(1 parsed, 0 from cache, 0 with errors, 0 failed)" "$tmp/err" || fail "the TU does not parse cleanly"
	[ "$(stat_of "$tmp/err" 1)" = 1 ] || fail "values were judged as options"
	grep -q "rejects: -fnew-gcc-thing=3 (1 TU)$" "$tmp/err" || fail "-fnew-gcc-thing=3 is not listed alone as dropped"
	[ "$(sqlite3 v.db "SELECT option || '=' || dropped FROM flag")" = "-fnew-gcc-thing=3=1" ] ||
		fail "the facts database has: $(sqlite3 v.db 'SELECT * FROM flag')"
	echo "ok   values of --param, -include, -iquote, -MF and -isystem are kept or dropped with their option, never judged"
}

kernel() {
	local tree=${PFVF_CACHE:-$HOME/.cache/pfvf-lockcheck}/linux-6.12
	local file=drivers/pci/iov.c n1 p1 c1 n2 p2 c2
	[ -f "$tree/compile_commands.json" ] ||
		"$top/scripts/prepare-kernel.sh" --version 6.12 -j "$(nproc)" >/dev/null
	# kbuild's own command for iov.c, with two options no libclang knows
	python3 - "$tree" "$file" "$tmp/ccdb" <<'EOF'
import json, os, sys
tree, file, out = sys.argv[1:]
entry = [e for e in json.load(open(os.path.join(tree, 'compile_commands.json')))
         if os.path.relpath(os.path.join(e['directory'], e['file']), tree) == file][0]
cc, rest = entry['command'].split(' ', 1)
entry['command'] = cc + ' -mfuture-gcc-only -fnew-gcc-thing=3 ' + rest
os.makedirs(out)
json.dump([entry], open(os.path.join(out, 'compile_commands.json'), 'w'))
EOF
	scan() {
		rc=0; "$tool" -p "$tmp/ccdb" --db "$tmp/k.db" --stats >/dev/null 2>"$tmp/err" || rc=$?
		[ "$rc" -le 1 ] || fail "the scan of $file exits $rc"
		! grep -q "has compile errors\|was not analysed" "$tmp/err" || fail "$file does not parse cleanly"
		grep -q "rejects: .*-mfuture-gcc-only (1 TU), -fnew-gcc-thing=3 (1 TU)" "$tmp/err" ||
			fail "the invented options are not listed as dropped"
	}
	scan
	grep -q "(1 parsed, 0 from cache, 0 with errors, 0 failed)" "$tmp/err" || fail "first scan"
	n1=$(stat_of "$tmp/err" 1) p1=$(stat_of "$tmp/err" 2) c1=$(stat_of "$tmp/err" 3)
	[ "$p1" = "$n1" ] && [ "$c1" = 0 ] || fail "first scan: $p1 of $n1 options probed, $c1 cached"
	grep "flags:" "$tmp/err"
	# a second scan asks the database, not libclang
	scan
	grep -q "(0 parsed, 1 from cache, 0 with errors, 0 failed)" "$tmp/err" || fail "second scan"
	n2=$(stat_of "$tmp/err" 1) p2=$(stat_of "$tmp/err" 2) c2=$(stat_of "$tmp/err" 3)
	[ "$n2" = "$n1" ] && [ "$p2" = 0 ] && [ "$c2" = "$n1" ] ||
		fail "second scan: $p2 of $n2 options probed, $c2 cached"
	grep "flags:" "$tmp/err" | head -1
	echo "ok   $file with -mfuture-gcc-only -fnew-gcc-thing=3: parsed cleanly; $n1 options probed, then all $c2 from the database"
}

case $mode in
values) values ;;
kernel) kernel ;;
*) echo "usage: $0 TOOL values|kernel" >&2; exit 2 ;;
esac
