#!/usr/bin/env bash
# rules/ is data: a user file adds a lock API and a callback context and a
# finding appears, no rebuild; without it, silence; a malformed file is
# reported as file:line and exit 2.
set -u
tool=$(realpath "$1"); testdata=$(realpath "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$testdata"
fail=0
out=$("$tool" -q --db "$tmp/a.db" rules_user_subsystem.c -- -I include); rc=$?
if [ "$rc" -ne 0 ] || [ -n "$out" ]; then echo "FAIL: without --rules: exit $rc: $out"; fail=1; fi
out=$("$tool" -q --db "$tmp/a.db" --rules rules_user rules_user_subsystem.c -- -I include); rc=$?
if [ "$rc" -ne 1 ] || ! grep -q "rules_user_subsystem.c:20:2: warning: .*my_pf_lock.*\[PFVF001\]" <<<"$out"; then
	echo "FAIL: with --rules: exit $rc: $out"; fail=1
fi
out=$("$tool" -q --db "$tmp/a.db" --rules rules_bad rules_user_subsystem.c -- -I include 2>&1); rc=$?
if [ "$rc" -ne 2 ] || ! grep -q "rules_bad/broken.yaml:3: unknown value: unlock" <<<"$out"; then
	echo "FAIL: malformed rules: exit $rc: $out"; fail=1
fi
out=$("$tool" --rules rules_user --list-rules); rc=$?
if [ "$rc" -ne 0 ] || ! grep -q "my_pf_lock" <<<"$out" || ! grep -q "struct my_vf_ops .vf_event" <<<"$out"; then
	echo "FAIL: --list-rules does not show the user's entries"; fail=1
fi
[ $fail -eq 0 ] && echo "ok   user rules: new finding with --rules, none without, malformed file refused"
exit $fail
