#!/usr/bin/env bash
# libFuzzer targets (fuzz/fuzz_*.c, with ASan+UBSan): build them with
# clang in build-fuzz, run each for FUZZ_SECONDS (default 20) over a copy of
# its seed corpus (fuzz/corpus/<name>/), and fail on any crash. Prints the
# executions of each. Longer runs: docs/fuzzing.md.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bdir=${FUZZ_BUILD_DIR:-$top/build-fuzz}
secs=${FUZZ_SECONDS:-20}
cc=$(command -v clang-14 || command -v clang) || { echo "FAIL: clang not installed"; exit 1; }
CC=$cc cmake -S "$top" -B "$bdir" -DPFVF_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$bdir" -j "$(nproc)" >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
for t in "$bdir"/fuzz/fuzz_*; do
	name=$(basename "$t"); corpus=$tmp/${name#fuzz_}
	mkdir -p "$corpus"
	cp "$top/fuzz/corpus/${name#fuzz_}"/* "$corpus/" 2>/dev/null || true
	if "$t" -max_total_time="$secs" -print_final_stats=1 "$corpus" >"$tmp/$name.log" 2>&1; then
		echo "ok   $name: $(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$name.log") executions in ${secs}s"
	else
		echo "FAIL: $name crashed:"; grep -E 'ERROR|SUMMARY|#[0-9]+ 0x' "$tmp/$name.log" | head -12
		fail=1
	fi
done
exit $fail
