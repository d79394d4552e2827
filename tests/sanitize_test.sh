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
# a real-kernel slice, when the 6.12 tree is prepared (the kernel tests do that)
tree=${PFVF_CACHE:-$HOME/.cache/pfvf-lockcheck}/linux-6.12
if [ -f "$tree/compile_commands.json" ]; then
	rc=0
	"$tool" -q -p "$tree" -j 2 --db "$bdir/k.db" "$tree/drivers/net/ethernet/intel/igb" \
		"$tree/drivers/net/ethernet/intel/igbvf" "$tree/drivers/pci/iov.c" >/dev/null || rc=$?
	[ "$rc" -le 1 ] || { echo "FAIL: kernel slice under sanitizers exit $rc"; exit 1; }
fi
echo "ok   sanitizers: no reports"
