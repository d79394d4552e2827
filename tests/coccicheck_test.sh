#!/usr/bin/env bash
# cocci/ through the kernel's own 'make coccicheck' in Debian's 6.12 tree
# (prepared by the kernel tests, which run first; prepare-kernel.sh is
# idempotent, about 1 s when done):
#  - the git trap: the tree's .cocciconfig passes --use-gitgrep. Outside any
#    git repository git grep fails and spatch 1.1.1 falls back to its own
#    scan, but in a work tree that does not track the files (a tree unpacked
#    inside another repository; or 'git init; git add .' here, which adds
#    nothing because Debian's .gitignore has '/*') git grep finds nothing and
#    spatch checks no file, exit 0. Shown with an empty throwaway index, then
#    handled both ways: SPFLAGS=--use-coccigrep (the last option wins) and a
#    throwaway index outside the tree (git add -f -N, intent-to-add only);
#  - MODE=report: pf_drvdata_raw over all of drivers/ finds every raw read
#    'git grep' shows (pci_get_drvdata(pci_physfn(..)), ...(x->physfn)) and
#    exactly the places listed below, keyed by file and source text (line
#    numbers move between Debian updates); the other scripts over the
#    directories of their known places; the same through
#    'pfvf-lockcheck cocci' (PFVF_COCCI_DIR: one script);
#  - MODE=patch: pf_drvdata_raw over drivers/ rewrites snet only, and the
#    patched snet_main.c compiles with kbuild's own command line (from
#    compile_commands.json, output to a temporary directory).
set -eu
tool=$(realpath "$1"); top=$(cd "$(dirname "$0")/.." && pwd)
tree=${PFVF_CACHE:-$HOME/.cache/pfvf-lockcheck}/linux-6.12
command -v spatch >/dev/null || { echo "FAIL: spatch not installed (apt-get install coccinelle)"; exit 1; }
"$top/scripts/prepare-kernel.sh" --version 6.12 -j "$(nproc)" >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$tree"
grep -q 'use-gitgrep' .cocciconfig || echo "note: $tree/.cocciconfig no longer passes --use-gitgrep"
# make coccicheck MODE COCCI M [make args...] > stdout (stderr in $tmp/err)
cc() {
	local mode=$1 script=$2 dir=$3; shift 3
	make coccicheck MODE="$mode" COCCI="$top/cocci/$script.cocci" M="$dir" "$@" 2>"$tmp/err" ||
		fail "make coccicheck MODE=$mode COCCI=$script M=$dir $*: $(tail -3 "$tmp/err")"
}
# report lines -> 'RULE file | source line' (sorted)
keyed() {
	sed -n 's|^\(/[^:]*/linux-6.12/\)\{0,1\}\([^:]*\):\([0-9]*\):[0-9-]*: \(PFVF[0-9]*\)[:] .*$|\4 \2 \3|p;
		s|^'"$tree"'/\([^:]*\):\([0-9]*\):[0-9]*: warning: .*\[\(PFVF[0-9]*\)\]$|\3 \1 \2|p' |
	while read -r rule file line; do
		printf '%s %s | %s\n' "$rule" "$file" "$(sed -n "${line}p" "$file" | sed 's/^[[:space:]]*//')"
	done | sort
}

# 1. the trap, then both ways around it
git init -q --bare "$tmp/empty.git"
GIT_DIR=$tmp/empty.git GIT_WORK_TREE=$tree cc report pf_drvdata_raw drivers/vdpa > "$tmp/trap.out"
if grep -q ': PFVF002: ' "$tmp/trap.out" || ! grep -q '^0 files match' "$tmp/trap.out"; then
	echo "note: spatch no longer finds nothing in an untracked git work tree (the .cocciconfig trap is gone?)"
else
	echo "ok   trap reproduced: in a git work tree that tracks nothing, make coccicheck checks 0 files and exits 0"
fi
git init -q --bare "$tmp/idx.git"
t0=$SECONDS
GIT_DIR=$tmp/idx.git GIT_WORK_TREE=$tree git add -f -N drivers
GIT_DIR=$tmp/idx.git GIT_WORK_TREE=$tree cc report pf_drvdata_raw drivers/vdpa > "$tmp/index.out"
t1=$SECONDS
cc report pf_drvdata_raw drivers SPFLAGS=--use-coccigrep > "$tmp/raw.out"
t2=$SECONDS
# no git repository at all: git grep fails, spatch falls back to its own scan
cc report pf_drvdata_raw drivers/vdpa > "$tmp/plain.out"
grep -q 'not a git repository' "$tmp/plain.out" && grep -q ': PFVF002: ' "$tmp/plain.out" ||
	echo "note: the tree is in a git repository now, or spatch no longer falls back when git grep fails"

# 2. report mode: the known raw PF drvdata reads
keyed < "$tmp/raw.out" > "$tmp/raw.got"
keyed < "$tmp/index.out" > "$tmp/index.got"
keyed < "$tmp/plain.out" > "$tmp/plain.got"
grep ' drivers/vdpa/' "$tmp/raw.got" > "$tmp/raw.vdpa" || true
[ -s "$tmp/raw.vdpa" ] && diff -u "$tmp/raw.vdpa" "$tmp/index.got" && diff -u "$tmp/raw.vdpa" "$tmp/plain.got" ||
	fail "drivers/vdpa: the throwaway git index or the plain tree finds other places than --use-coccigrep"
# every raw read that grep finds is reported
grep -rn --include='*.c' -e 'get_drvdata(pci_physfn(' -e 'get_drvdata([^()]*->physfn)' drivers |
	sed 's/^\([^:]*\):[0-9]*:[[:space:]]*/PFVF002 \1 | /' | sort > "$tmp/grep.want"
[ "$(wc -l < "$tmp/grep.want")" -ge 10 ] || fail "grep finds only $(wc -l < "$tmp/grep.want") raw reads"
missing=$(comm -23 "$tmp/grep.want" "$tmp/raw.got")
[ -z "$missing" ] || fail "make coccicheck misses raw PF drvdata reads that grep finds:
$missing"
cat > "$tmp/want" <<'EOF'
# pf_drvdata_raw, M=drivers. hisi_qm: TRUE by the rule (no check of the PF's driver; vfio-pci may own the PF)
PFVF002 drivers/crypto/hisilicon/qm.c | pf_qm = pci_get_drvdata(pci_physfn(qm->pdev));
PFVF002 drivers/crypto/hisilicon/qm.c | pf_qm = pci_get_drvdata(pci_physfn(qm->pdev));
PFVF002 drivers/crypto/hisilicon/qm.c | struct hisi_qm *pf_qm = pci_get_drvdata(pci_physfn(pdev));
PFVF002 drivers/crypto/hisilicon/qm.c | struct hisi_qm *pf_qm = pci_get_drvdata(pci_physfn(pdev));
PFVF002 drivers/crypto/hisilicon/qm.c | struct hisi_qm *pf_qm = pci_get_drvdata(pci_physfn(pdev));
PFVF002 drivers/crypto/hisilicon/qm.c | struct hisi_qm *pf_qm = pci_get_drvdata(pci_physfn(pdev));
PFVF002 drivers/crypto/hisilicon/qm.c | struct hisi_qm *pf_qm = pci_get_drvdata(pci_physfn(qm->pdev));
PFVF002 drivers/crypto/hisilicon/qm.c | struct hisi_qm *pf_qm = pci_get_drvdata(pci_physfn(qm->pdev));
PFVF002 drivers/crypto/hisilicon/qm.c | struct hisi_qm *pf_qm = pci_get_drvdata(pci_physfn(qm->pdev));
PFVF002 drivers/crypto/hisilicon/qm.c | struct hisi_qm *qm = pci_get_drvdata(pf_pdev);
# FALSE POSITIVE: the aux device lives only while the VF is bound (docs/rules/PFVF002.md)
PFVF002 drivers/net/ethernet/amd/pds_core/auxbus.c | pf = pci_get_drvdata(pf_pdev);
# FALSE POSITIVE: .sriov_set_msix_vec_count, which the core calls with the PF's device lock held
PFVF002 drivers/net/ethernet/intel/ice/ice_sriov.c | struct ice_pf *pf = pci_get_drvdata(pdev);
PFVF002 drivers/net/ethernet/mellanox/mlx5/core/sriov.c | dev = pci_get_drvdata(pf);
# sfc VF probe/remove: TRUE (the raw pattern; the libclang scan reports the same five)
PFVF002 drivers/net/ethernet/sfc/ef10.c | efx_pf = pci_get_drvdata(pci_dev_pf);
PFVF002 drivers/net/ethernet/sfc/ef10.c | pci_get_drvdata(efx->pci_dev->physfn);
PFVF002 drivers/net/ethernet/sfc/ef10.c | struct efx_nic *efx_pf = pci_get_drvdata(efx->pci_dev->physfn);
PFVF002 drivers/net/ethernet/sfc/ef10.c | struct efx_nic *efx_pf = pci_get_drvdata(pci_dev_pf);
PFVF002 drivers/net/ethernet/sfc/ef10.c | struct efx_nic *efx_pf = pci_get_drvdata(pci_dev_pf);
# mlx5 vDPA (not in Debian's build subset): TRUE by the rule, the PF's mlx5_core_dev read raw
PFVF002 drivers/vdpa/mlx5/net/mlx5_vnet.c | pfmdev = pci_get_drvdata(pci_physfn(mdev->pdev));
PFVF002 drivers/vdpa/mlx5/net/mlx5_vnet.c | pfmdev = pci_get_drvdata(pci_physfn(mdev->pdev));
PFVF002 drivers/vdpa/mlx5/net/mlx5_vnet.c | pfmdev = pci_get_drvdata(pci_physfn(mvdev->mdev->pdev));
PFVF002 drivers/vdpa/mlx5/net/mlx5_vnet.c | pfmdev = pci_get_drvdata(pci_physfn(mvdev->mdev->pdev));
# snet_vdpa_probe_vf(): TRUE, and the one place patch mode rewrites
PFVF002 drivers/vdpa/solidrun/snet_main.c | struct psnet *psnet = pci_get_drvdata(pdev_pf);
EOF
grep -v '^#' "$tmp/want" | sort > "$tmp/want.raw"
diff -u "$tmp/want.raw" "$tmp/raw.got" || fail "pf_drvdata_raw over drivers/ differs from the known places"

# the other scripts, over the directories of their known places
: > "$tmp/other.got"
while read -r script dir; do
	cc report "$script" "$dir" SPFLAGS=--use-coccigrep | keyed >> "$tmp/other.got"
done <<'EOF'
pf_device_lock drivers/pci
driver_identity drivers/vfio
remove_rescan_lock drivers/pci
remove_sriov_order drivers/net/ethernet/cavium
remove_sriov_order drivers/net/ethernet/cisco
remove_sriov_order drivers/net/ethernet/marvell
EOF
sort -o "$tmp/other.got" "$tmp/other.got"
cat > "$tmp/want" <<'EOF'
# FALSE POSITIVE: the core's own sriov_vf_msix_count_store(), not under a VF's lock
PFVF001 drivers/pci/iov.c | device_lock(&pdev->dev);
# TRUE by the rule, benign: vfio_pci_bus_notifier() only prints a warning (the libclang scan agrees)
PFVF008 drivers/vfio/pci/vfio_pci_core.c | if (drv && drv != pci_dev_driver(vdev->pdev))
# liquidio_remove(): devlink_free() (liquidio_stop_nic_module) before octeon_destroy_resources()
# disables SR-IOV, whose own teardown also frees the VF mailbox first: TRUE, order bug of uncertain impact
PFVF003 drivers/net/ethernet/cavium/liquidio/lio_main.c | octeon_destroy_resources(oct_dev);
# enic_remove(), otx2_remove(): unregister_netdev() first; their VFs talk to firmware / the AF
# mailbox, not the PF's netdev: the order the rule asks for, no use-after-free known
PFVF003 drivers/net/ethernet/cisco/enic/enic_main.c | pci_disable_sriov(pdev);
PFVF003 drivers/net/ethernet/marvell/octeontx2/nic/otx2_pf.c | otx2_sriov_disable(pf->pdev);
EOF
grep -v '^#' "$tmp/want" | sort > "$tmp/want.other"
diff -u "$tmp/want.other" "$tmp/other.got" || fail "the other scripts differ from their known places"

# the same through pfvf-lockcheck cocci, one script
mkdir "$tmp/one"; cp "$top/cocci/pf_drvdata_raw.cocci" "$tmp/one/"
(cd "$tmp" && PFVF_COCCI_DIR=$tmp/one "$tool" cocci -q -j 2 "$tree/drivers") > "$tmp/tool.out" || [ $? -eq 1 ]
(cd "$tree" && keyed < "$tmp/tool.out") > "$tmp/tool.got"
diff -u "$tmp/raw.got" "$tmp/tool.got" || fail "pfvf-lockcheck cocci reports other places than make coccicheck"

# 3. patch mode: snet only, and it compiles with kbuild's flags
cc patch pf_drvdata_raw drivers SPFLAGS=--use-coccigrep > "$tmp/patch.out"
sed -n '/^diff -u -p /,$p' "$tmp/patch.out" > "$tmp/snet.diff"
[ "$(grep -c '^+++ ' "$tmp/snet.diff")" -eq 1 ] && grep -q '^+++ b/drivers/vdpa/solidrun/snet_main.c' "$tmp/snet.diff" ||
	fail "patch mode over drivers/ should rewrite snet_main.c only: $(grep '^+++ ' "$tmp/snet.diff")"
grep -q '^+.*pci_iov_get_pf_drvdata(pdev, &snet_vdpa_driver);' "$tmp/snet.diff" && grep -q '^+		return PTR_ERR(psnet);' "$tmp/snet.diff" ||
	fail "snet's patch is not the checked accessor with its error check"
mkdir -p "$tmp/p/drivers/vdpa/solidrun"; cp drivers/vdpa/solidrun/snet_main.c "$tmp/p/drivers/vdpa/solidrun/"
(cd "$tmp/p" && patch -s -p1 < "$tmp/snet.diff") || fail "snet's patch does not apply"
python3 - "$tree" "$tmp/p/drivers/vdpa/solidrun/snet_main.c" "$tmp/p/snet_main.o" <<'EOF' || fail "the patched snet_main.c does not compile"
import json, os, shlex, subprocess, sys
tree, src, obj = sys.argv[1:]
db = json.load(open(os.path.join(tree, 'compile_commands.json')))
entry = next(e for e in db if e['file'].endswith('drivers/vdpa/solidrun/snet_main.c'))
args, skip = [], False
for a in shlex.split(entry['command']):
    if skip:
        skip = False
    elif a == '-o':
        skip = True                      # the object goes to the temporary directory
    elif not a.startswith('-Wp,-MMD'):   # so does nothing else: no dependency file
        args.append(src if a.endswith('drivers/vdpa/solidrun/snet_main.c') else a)
args += ['-I', os.path.join(tree, 'drivers/vdpa/solidrun'), '-o', obj]
r = subprocess.run(args, cwd=entry['directory'], capture_output=True, text=True)
sys.stderr.write(r.stderr)
sys.exit(r.returncode or (1 if 'warning:' in r.stderr else 0))
EOF
echo "ok   coccicheck: $(wc -l < "$tmp/raw.got") raw PF drvdata reads in drivers/ ($((t2 - t1)) s with --use-coccigrep;" \
	"$((t1 - t0)) s for a throwaway index and drivers/vdpa with it), $(wc -l < "$tmp/other.got") places of the other scripts;" \
	"patch mode rewrites snet_main.c, which compiles with kbuild's flags"
