#!/usr/bin/env bash
# Benchmark pfvf-lockcheck against clang -fsyntax-only on the same TUs with
# the same (filtered) flags, in one run, and print the ratios:
#   parse   clang -fsyntax-only over every TU (N jobs)
#   cold    a scan with an empty facts database (N jobs)
#   warm    the same scan again: nothing to parse
#   touch1  a scan after changing one .c file
#   analysis-only seconds (from --stats of the warm scan), peak RSS
# Usage: bench/run.sh [6.12|6.1]   (JOBS=N to set the parallelism)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
version=${1:-6.12}
jobs=${JOBS:-$(nproc)}
tool=$top/build/pfvf-lockcheck
clang=$(command -v clang-14 || command -v clang)
[ -x "$tool" ] || "$top/scripts/build.sh"
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
ccdb=$("$top/scripts/prepare-kernel.sh" --version "$version" -j "$jobs")
tree=$(dirname "$ccdb")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/bench.db

measure() {	# label, command...: prints "seconds peak_rss_kb"
	local label=$1; shift
	/usr/bin/time -f "%e %M" -o "$work/$label.time" "$@" >"$work/$label.out" 2>"$work/$label.err" || true
	tail -n 1 "$work/$label.time"
}

"$tool" -p "$tree" --print-commands | sed "s|&& clang -fsyntax-only|\&\& $clang -fsyntax-only|" > "$work/cmds"
ntu=$(wc -l < "$work/cmds")
read -r parse parse_rss < <(measure parse xargs -P "$jobs" -d '\n' -I{} sh -c '{} 2>/dev/null' < "$work/cmds")
read -r cold cold_rss < <(measure cold "$tool" -p "$tree" -j "$jobs" --db "$db" -q --stats)
read -r warm warm_rss < <(measure warm "$tool" -p "$tree" -j "$jobs" --db "$db" -q --stats)
analysis=$(sed -n 's/.*load \([0-9.]*\)s, analyse \([0-9.]*\)s.*/\1 \2/p' "$work/warm.err" | awk '{print $1 + $2}')
one=$(sed -n 's/^cd [^ ]* && [^ ]* .* \([^ ]*\.c\)$/\1/p' "$work/cmds" | sed -n 1p)
cp "$one" "$work/saved.c"
echo "/* bench: one changed file */" >> "$one"
read -r touch1 touch_rss < <(measure touch1 "$tool" -p "$tree" -j "$jobs" --db "$db" -q --stats)
cp "$work/saved.c" "$one"

printf 'machine: %s, %s cores, %s\n' "$(uname -m)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
printf 'kernel %s SR-IOV subset: %s TUs, -j %s\n' "$version" "$ntu" "$jobs"
printf '%-28s %8s s  peak RSS %6d MiB\n' "clang -fsyntax-only" "$parse" $((parse_rss / 1024))
printf '%-28s %8s s  peak RSS %6d MiB  (%.2fx parse)\n' "cold scan" "$cold" $((cold_rss / 1024)) "$(echo "$cold / $parse" | bc -l)"
printf '%-28s %8s s  peak RSS %6d MiB\n' "warm scan (nothing changed)" "$warm" $((warm_rss / 1024))
printf '%-28s %8s s  peak RSS %6d MiB\n' "one file changed" "$touch1" $((touch_rss / 1024))
printf '%-28s %8s s\n' "analysis only (load+analyse)" "$analysis"
