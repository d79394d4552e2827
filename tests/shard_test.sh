#!/usr/bin/env bash
# Sharded extraction: two shards into two databases, 'merge', 'analyze':
# the same findings as one scan. Also --graph writes the cycle in red.
set -eu
tool=$(realpath "$1"); testdata=$(realpath "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$testdata"
files="pfvf005_vfio_memory_lock.c pfvf005_vfio_memory_lock_part1.c pfvf009_igb_rtnl.c pfvf009_igb_rtnl_part1.c pfvf001_vf_callbacks.c"
# shellcheck disable=SC2086
"$tool" -q --db "$tmp/one.db" --graph "$tmp/g.dot" $files -- -I include > "$tmp/one.txt" || [ $? -eq 1 ]
for i in 1 2; do
	# shellcheck disable=SC2086
	"$tool" -q --shard $i/2 --db "$tmp/s$i.db" $files -- -I include
done
"$tool" merge "$tmp/merged.db" "$tmp/s1.db" "$tmp/s2.db"
"$tool" analyze -q --db "$tmp/merged.db" > "$tmp/merged.txt" || [ $? -eq 1 ]
n=$(grep -c '\[PFVF' "$tmp/one.txt")
[ "$n" -ge 3 ] || { echo "FAIL: only $n findings in the single scan"; exit 1; }
diff -u "$tmp/one.txt" "$tmp/merged.txt" || { echo "FAIL: merged shards differ from one scan"; exit 1; }
grep -q 'color=red' "$tmp/g.dot" || { echo "FAIL: no cycle edge in the DOT graph"; exit 1; }
grep -q 'vfio_pci_core_device::memory_lock' "$tmp/g.dot"
echo "ok   $n findings from one scan and from 2 merged shards; DOT graph with its cycle"
