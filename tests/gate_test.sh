#!/usr/bin/env bash
# The CI gate end to end: a git repo of a driver, a base commit with one
# known bug, its SARIF as the baseline; a patch adding a PFVF001 bug fails
# the gate (exit 1, that result 'new', the old one 'unchanged'); a patch
# fixing the old bug passes (exit 0, the old result 'absent').
set -eu
tool=$(realpath "$1"); testdata=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
git init -q repo && cd repo
git config user.email ci@example.com && git config user.name ci
cp -r "$testdata/include" include
cat > vf.c <<'C'
#include <linux/pci.h>

static int old_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	void *pf = pci_get_drvdata(pdev->physfn);

	return pf ? 0 : -ENODEV;
}

static void vf_remove(struct pci_dev *pdev)
{
}

static struct pci_driver vf_driver = {
	.name = "vf",
	.probe = old_probe,
	.remove = vf_remove,
};
C
git add -A && git commit -qm base
scan() { "$tool" -q --db "$tmp/f.db" --srcroot . "$@" vf.c -- -I include; }
rc=0; scan -f sarif -o "$tmp/base.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: base scan exit $rc"; exit 1; }

# patch 1: a new PFVF001 bug in remove, above the old one's function
sed -i 's|^static void vf_remove(struct pci_dev \*pdev)\n{|&|' vf.c
python3 - <<'P'
s = open('vf.c').read()
s = s.replace('static void vf_remove(struct pci_dev *pdev)\n{\n}',
              'static void vf_remove(struct pci_dev *pdev)\n{\n\tpci_dev_lock(pdev->physfn);\n\tpci_dev_unlock(pdev->physfn);\n}')
s = s.replace('#include <linux/pci.h>\n', '#include <linux/pci.h>\n\n/* a comment that moves every line */\n')
open('vf.c', 'w').write(s)
P
git commit -qam "add a bug"
rc=0; out=$(scan --baseline "$tmp/base.sarif") || rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: gate passed a new bug (exit $rc)"; exit 1; }
grep -q "PFVF001" <<<"$out" || { echo "FAIL: new finding not printed: $out"; exit 1; }
grep -q "PFVF002" <<<"$out" && { echo "FAIL: unchanged finding printed: $out"; exit 1; }
rc=0; scan --baseline "$tmp/base.sarif" -f sarif -o "$tmp/p1.sarif" || rc=$?
python3 - "$tmp/p1.sarif" <<'P'
import json, sys
states = sorted((r['ruleId'], r['baselineState']) for r in json.load(open(sys.argv[1]))['runs'][0]['results'])
assert states == [('PFVF001', 'new'), ('PFVF002', 'unchanged')], states
P

# --diff: only findings whose path crosses a line the commit changed (the
# old bug only moved down, so it is not reported)
rc=0; out=$(scan --diff HEAD~1..HEAD) || rc=$?
[ "$rc" -eq 1 ] && grep -q PFVF001 <<<"$out" && ! grep -q PFVF002 <<<"$out" ||
	{ echo "FAIL: --diff HEAD~1..HEAD (exit $rc): $out"; exit 1; }
rc=0; out=$(git diff -U0 HEAD~1 HEAD | scan --diff -) || rc=$?
[ "$rc" -eq 1 ] && grep -q PFVF001 <<<"$out" && ! grep -q PFVF002 <<<"$out" ||
	{ echo "FAIL: --diff - (exit $rc): $out"; exit 1; }
rc=0; out=$(scan --diff 'HEAD;rm' 2>&1) || rc=$?
[ "$rc" -eq 2 ] || { echo "FAIL: a bad range must exit 2, got $rc"; exit 1; }

# patch 2 (on the base): fix the old bug with the checked accessor
git checkout -q HEAD~1 -- vf.c
python3 - <<'P'
s = open('vf.c').read()
s = s.replace('pci_get_drvdata(pdev->physfn)', 'pci_iov_get_pf_drvdata(pdev, &vf_driver)')
s = s.replace('#include <linux/pci.h>\n', '#include <linux/pci.h>\n\nstatic struct pci_driver vf_driver;\n')
open('vf.c', 'w').write(s)
P
rc=0; scan --baseline "$tmp/base.sarif" -f sarif -o "$tmp/p2.sarif" || rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: gate failed a fix (exit $rc)"; exit 1; }
python3 - "$tmp/p2.sarif" <<'P'
import json, sys
states = sorted((r['ruleId'], r['baselineState']) for r in json.load(open(sys.argv[1]))['runs'][0]['results'])
assert states == [('PFVF002', 'absent')], states
P
"$here/sarif_validate.sh" "$tmp/p1.sarif" "$tmp/p2.sarif" >/dev/null ||
	{ echo "FAIL: baseline SARIF does not validate"; exit 1; }
echo "ok   gate: new bug fails with 'new', fix passes with 'absent', unchanged ones stay quiet"
