#!/usr/bin/env bash
# The kbuild checker mode on the prepared 6.12 tree, as a kernel developer
# runs sparse: 'make C=2 CHECK="pfvf-lockcheck --kbuild"' checks each TU,
# prints its own findings and fills one database; 'analyze' then finds
# what needs both drivers (igb's rtnl_lock across pci_disable_sriov() and
# igbvf's .remove taking it). Then --with-sparse, in both modes.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tool=$(realpath "$1")
tree=${PFVF_CACHE:-$HOME/.cache/pfvf-lockcheck}/linux-6.12
[ -f "$tree/compile_commands.json" ] || { echo "FAIL: $tree is not prepared (the kernel tests do it)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
igb=drivers/net/ethernet/intel/igb igbvf=drivers/net/ethernet/intel/igbvf

# make in the tree, serialised with scripts/prepare-kernel.sh
start=$SECONDS
flock "$tree/../linux-6.12.lock" make -C "$tree" -s -j "$(nproc)" C=2 \
	CHECK="$tool --db $tmp/kb.db --kbuild" "$igb/" "$igbvf/" >"$tmp/make.out" 2>&1 ||
	{ cat "$tmp/make.out"; echo "FAIL: make C=2"; exit 1; }
echo "make C=2 over igb and igbvf: $((SECONDS - start)) s"
grep -q "^$igb/igb_main.c:[0-9]*:[0-9]*: warning: 'pci_disable_sriov' in 'igb_set_interrupt_capability' .*\[PFVF010\]$" "$tmp/make.out" ||
	{ cat "$tmp/make.out"; echo "FAIL: the per-TU finding is missing"; exit 1; }
if grep -q "PFVF009" "$tmp/make.out"; then
	echo "FAIL: PFVF009 needs both drivers: not in one TU's report"; exit 1
fi
[ "$(sqlite3 "$tmp/kb.db" 'SELECT count(*) FROM tu')" -ge 15 ]
rc=0; (cd "$tree" && "$tool" analyze --db "$tmp/kb.db") >"$tmp/analyze.out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] && grep -q "^$igb/igb_main.c:[0-9]*:[0-9]*: warning: 'rtnl_mutex' is held across 'pci_disable_sriov' .*'igbvf_remove' of 'igbvf_driver'.*\[PFVF009\]$" "$tmp/analyze.out" ||
	{ cat "$tmp/analyze.out"; echo "FAIL: analyze -> exit $rc"; exit 1; }
echo "ok   make C=2 CHECK='pfvf-lockcheck --kbuild', then analyze --db"

# --with-sparse: sparse's context warnings next to ours
cat >"$tmp/leak.c" <<'EOF'
struct mutex { int x; };
extern void mutex_lock(struct mutex *m) __attribute__((context(m, 0, 1)));
extern void mutex_unlock(struct mutex *m) __attribute__((context(m, 1, 0)));
struct priv { struct mutex lock; int n; };
int leaky(struct priv *p)
{
	mutex_lock(&p->lock);
	if (p->n)
		return -1;
	mutex_unlock(&p->lock);
	return 0;
}
EOF
cd "$tmp"
# kbuild mode: sparse's own output passes through, exit 0 as sparse's
out=$("$tool" --db k2.db --with-sparse --kbuild -D__linux__ -Wbitwise -Wno-return-void --arch=x86_64 -mlittle-endian -m64 leak.c 2>&1)
grep -q "^leak.c:5:5: warning: context imbalance in 'leaky' - wrong count at exit$" <<<"$out" ||
	{ echo "$out"; echo "FAIL: --with-sparse --kbuild"; exit 1; }
rc=0; "$tool" --db k3.db --with-sparse -f sarif -o s.sarif leak.c -- 2>/dev/null || rc=$?
[ "$rc" -eq 1 ] && python3 - s.sarif <<'EOF'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
assert [r["tool"]["driver"]["name"] for r in runs] == ["pfvf-lockcheck", "sparse"], runs
res = runs[1]["results"]
assert len(res) == 1 and res[0]["ruleId"] == "sparse-context", res
loc = res[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"].endswith("leak.c") and loc["region"]["startLine"] == 5, loc
EOF
"$top/tests/sarif_validate.sh" s.sarif >/dev/null || { echo "FAIL: the two-run SARIF log does not validate"; exit 1; }
echo "ok   --with-sparse: sparse's context warning as a second SARIF run (validated)"
