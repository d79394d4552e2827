#!/usr/bin/env bash
# The facts database loses nothing: a scan interrupted by SIGINT or SIGTERM, and one
# whose worker is killed with SIGKILL, leave a database that passes
# SQLite's integrity check and that the next scan uses without parsing the
# finished TUs again; two scans on one database at once both succeed.
# Uses Debian's 6.12 tree (prepared by the kernel tests, which run first).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tool=$(realpath "$1")
tree=${PFVF_CACHE:-$HOME/.cache/pfvf-lockcheck}/linux-6.12
[ -f "$tree/compile_commands.json" ] || { echo "FAIL: $tree is not prepared"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dirs="$tree/drivers/net/ethernet/intel/igb $tree/drivers/net/ethernet/intel/ixgbe $tree/drivers/net/ethernet/intel/i40e"
cached() { sed -n 's/.*(\([0-9]*\) parsed, \([0-9]*\) from cache.*/\2/p' "$1"; }
fail=0

# SIGINT or SIGTERM to the scan alone after a few TUs: its workers die with
# it (no orphan goes on writing), and the next scan reuses what was stored
# (job control on: a non-interactive shell starts background jobs with
# SIGINT ignored)
set -m
ntus=$("$tool" -p "$tree" --print-commands $dirs 2>/dev/null | grep -c '^cd ')
for sig in INT TERM; do
	rm -f "$tmp/a.db"*
	# shellcheck disable=SC2086
	"$tool" -p "$tree" --db "$tmp/a.db" -j 2 $dirs >/dev/null 2>"$tmp/e1" & pid=$!
	sleep 6; kill -$sig $pid; wait $pid
	sleep 1
	if pgrep -f -- "--db $tmp/a.db" >/dev/null; then
		echo "FAIL: SIG$sig left workers running"; fail=1; pkill -KILL -f -- "--db $tmp/a.db"
	fi
	[ "$(sqlite3 "$tmp/a.db" 'PRAGMA integrity_check')" = ok ] || { echo "FAIL: SIG$sig left a damaged database"; fail=1; }
	done1=$(sqlite3 "$tmp/a.db" 'SELECT count(*) FROM tu')
	# shellcheck disable=SC2086
	"$tool" -p "$tree" --db "$tmp/a.db" -j 2 $dirs >/dev/null 2>"$tmp/e2"
	c=$(cached "$tmp/e2")
	if [ "$done1" -lt 1 ] || [ "$done1" -ge "$ntus" ] || [ "${c:-0}" -ne "$done1" ]; then
		echo "FAIL: after SIG$sig with $done1 of $ntus TUs stored, the next scan reused ${c:-none}"; fail=1
	else
		echo "ok   SIG$sig: no worker left, $done1 of $ntus TUs kept, reused by the next scan"
	fi
done

# SIGKILL of one -j worker
# shellcheck disable=SC2086
"$tool" -p "$tree" --db "$tmp/b.db" -j 2 $dirs >/dev/null 2>"$tmp/e3" & pid=$!
sleep 4
worker=$(pgrep -P $pid | head -1)
[ -n "$worker" ] && kill -KILL "$worker"
wait $pid; rc=$?
# the TU it was on is reported and stored as failed; a new worker does the
# rest of its share, so every other TU is analysed
[ "$rc" -eq 2 ] && grep -q "was not analysed: its extraction was killed by signal 9" "$tmp/e3" &&
	[ "$(sqlite3 "$tmp/b.db" 'SELECT count(*) FROM tu WHERE status != 2')" -eq $((ntus - 1)) ] ||
	{ echo "FAIL: a killed worker's TU must be reported (exit 2), the others analysed (got $rc)"; cat "$tmp/e3"; fail=1; }
[ "$(sqlite3 "$tmp/b.db" 'PRAGMA integrity_check')" = ok ] || { echo "FAIL: SIGKILL left a damaged database"; fail=1; }
done2=$(sqlite3 "$tmp/b.db" 'SELECT count(*) FROM tu WHERE status != 2')
# shellcheck disable=SC2086
"$tool" -p "$tree" --db "$tmp/b.db" -j 2 $dirs >/dev/null 2>"$tmp/e4"
c=$(cached "$tmp/e4")
[ "${c:-0}" -eq "$done2" ] && echo "ok   SIGKILL of a worker: its TU reported (exit 2), $done2 others analysed, kept and reused" ||
	{ echo "FAIL: after SIGKILL, $done2 stored but ${c:-none} reused"; fail=1; }

# two scans on one database at once
rm -f "$tmp/c.db"*
# shellcheck disable=SC2086
"$tool" -q -p "$tree" --db "$tmp/c.db" $tree/drivers/net/ethernet/intel/igb >"$tmp/o1" 2>&1 & p1=$!
# shellcheck disable=SC2086
"$tool" -q -p "$tree" --db "$tmp/c.db" $tree/drivers/net/ethernet/intel/igb >"$tmp/o2" 2>&1 & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
[ "$r1" -le 1 ] && [ "$r2" -le 1 ] && cmp -s "$tmp/o1" "$tmp/o2" && echo "ok   two scans on one database at once" ||
	{ echo "FAIL: concurrent scans: exit $r1/$r2"; fail=1; }
exit $fail
