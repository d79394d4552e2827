#!/usr/bin/env bash
# The suite under AddressSanitizer and UBSan (LeakSanitizer included): a
# second build in build-asan, then the testdata cases, the bad-input table
# and the CI gate with that binary. Any sanitizer report fails the run.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bdir=${ASAN_BUILD_DIR:-$top/build-asan}
BUILD_DIR=$bdir CMAKE_BUILD_TYPE=Debug CMAKE_ARGS=-DPFVF_SANITIZE=address,undefined \
	"$top/scripts/build.sh" >/dev/null
tool=$bdir/pfvf-lockcheck
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
cases=$(ls "$top"/testdata/*.c | grep -v -e '_part[0-9]*\.c$' -e broken_for_sarif)
# shellcheck disable=SC2086
python3 "$top/tests/run_testdata.py" --tool "$tool" --include "$top/testdata/include" $cases >"$bdir/testdata.log" ||
	{ grep -v '^ok' "$bdir/testdata.log"; exit 1; }
"$top/tests/bad_input.sh" "$tool" >"$bdir/bad_input.log" || { grep -v '^ok' "$bdir/bad_input.log"; exit 1; }
"$top/tests/gate_test.sh" "$tool" "$top/testdata"
"$top/tests/shard_test.sh" "$tool" "$top/testdata"
cd "$top/testdata"
rc=0
"$tool" -q --keep-going --db "$bdir/s.db" -f sarif -o "$bdir/t.sarif" pfvf005_vfio_memory_lock.c \
	pfvf005_vfio_memory_lock_part1.c pfvf009_igb_rtnl.c pfvf009_igb_rtnl_part1.c broken_for_sarif.c \
	-- -I include || rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: SARIF scan under sanitizers exit $rc"; exit 1; }
# the real-kernel test with this binary and a database of its own (so every
# TU is parsed again under the sanitizers), when the kernel tests have
# prepared the 6.12 tree; then a leak check of that scan is part of it
tree=${PFVF_CACHE:-$HOME/.cache/pfvf-lockcheck}/linux-6.12
if [ -f "$tree/compile_commands.json" ]; then
	rm -f "$tree/pfvf-asan.db"*
	PFVF_TEST_DB=pfvf-asan.db python3 "$top/tests/kernel_test.py" "$tool" 6.12 >"$bdir/kernel.log" 2>&1 ||
		{ tail -30 "$bdir/kernel.log"; exit 1; }
	if grep -q -e "ERROR: AddressSanitizer" -e "ERROR: LeakSanitizer" -e "runtime error:" "$bdir/kernel.log"; then
		grep -A20 -e "Sanitizer" -e "runtime error:" "$bdir/kernel.log" | head -60; exit 1
	fi
	tail -2 "$bdir/kernel.log"
fi
echo "ok   sanitizers: no reports"
