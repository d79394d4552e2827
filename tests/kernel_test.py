#!/usr/bin/env python3
"""Scan Debian's kernel SR-IOV subset (prepared by scripts/prepare-kernel.sh)
and compare every finding with tests/kernel-VERSION.expect, where each one
was read and judged. A finding is keyed by rule, file and the text of its
source line (not the line number, which moves between Debian updates).

  kernel_test.py TOOL VERSION [--wide]

--wide scans, instead of the built subset, every driver directory that
uses the SR-IOV API (773 TUs on 6.12), with command lines from a dry run
(scripts/dryrun-ccdb.py), against tests/kernel-VERSION-wide.expect. Its
objects are not built, so a source that includes a header generated at
build time has compile errors: the expect file names those
('errors PATH', a file or a directory/), and the scan runs with
--keep-going.

Fails on: any other TU not analysed (compile errors from flag handling), a
missing or an extra finding, any finding in a file that uses the correct
idiom (the 'silent' list of the expect file)."""
import collections
import os
import re
import subprocess
import sys

FINDING = re.compile(r'^(.+?):(\d+):(\d+): (warning|error|remark): (.*) \[(PFVF\d{3})\]$')


def main():
    tool, version = os.path.realpath(sys.argv[1]), sys.argv[2]
    if len(sys.argv) not in (3, 4) or sys.argv[3:] not in ([], ['--wide']):
        sys.exit(__doc__)
    wide = sys.argv[3:] == ['--wide']
    top = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    name = 'kernel-%s%s.expect' % (version, '-wide' if wide else '')
    expect_path = os.path.join(top, 'tests', name)
    ccdb = subprocess.run([os.path.join(top, 'scripts', 'prepare-kernel.sh'), '--version', version,
                           '-j', str(os.cpu_count() or 2)],
                          stdout=subprocess.PIPE, text=True, check=True).stdout.strip().splitlines()[-1]
    tree = os.path.dirname(ccdb)
    jobs = str(os.cpu_count() or 2)
    # the sanitizer run uses its own database, so that it parses every TU again
    db = os.path.join(tree, os.environ.get('PFVF_TEST_DB', 'pfvf-test.db'))
    scan = [tool, '-p', tree, '-j', jobs, '--db', db]
    if wide:
        out = os.path.join(tree, 'pfvf-wide')
        print(subprocess.run([sys.executable, '-B', os.path.join(top, 'scripts', 'dryrun-ccdb.py'),
                              tree, out, '--sriov'], stdout=subprocess.PIPE, text=True,
                             check=True).stdout.strip())
        db = os.path.join(out, os.environ.get('PFVF_TEST_DB', 'pfvf-test.db'))
        scan = [tool, '-p', os.path.join(out, 'ccdb'), '-j', jobs, '--db', db, '--keep-going']
    proc = subprocess.run(scan, capture_output=True, text=True, cwd=tree)
    errors = []

    want, silent, allowed = collections.Counter(), [], set()
    for line in open(expect_path, encoding='utf-8'):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        if line.startswith('silent '):
            silent.append(line.split(None, 1)[1])
            continue
        if line.startswith('errors '):
            allowed.add(line.split(None, 1)[1])
            continue
        head, text = line.split('|', 1)
        rule, path = head.split()[:2]
        want[(rule, path, text.strip())] += 1

    # TUs not analysed cleanly: none, or those the expect file names
    bad = re.findall(r"'([^']+)' (?:has compile errors|was not analysed)", proc.stderr)
    for path in bad:
        if not any(os.path.relpath(os.path.join(tree, path), tree).startswith(a) for a in allowed):
            errors.append('not analysed cleanly: %s' % path)
    if proc.returncode == 2:
        errors.append('the scan failed (exit 2)')
    if wide:    # the allowed errors are many lines: their files and the summary
        sys.stderr.write(''.join('not analysed cleanly (allowed): %s\n' % p for p in bad) +
                         (proc.stderr.splitlines() or [''])[-1] + '\n')
    else:
        sys.stderr.write(proc.stderr)

    have, shown = collections.Counter(), {}
    for line in proc.stdout.splitlines():
        m = FINDING.match(line)
        if not m:
            continue
        path = os.path.relpath(os.path.join(tree, m.group(1)), tree)
        src = open(os.path.join(tree, path), encoding='utf-8', errors='replace').read().splitlines()
        key = (m.group(6), path, src[int(m.group(2)) - 1].strip())
        have[key] += 1
        shown[key] = line
    for key in want - have:
        errors.append('missing: %s %s | %s' % key)
    for key in have - want:
        errors.append('unexpected (read it, then add it to %s): %s' % (os.path.basename(expect_path), shown[key]))
    for path in silent:
        for key in have:
            if key[1] == path:
                errors.append('finding in a file that must stay silent: %s' % shown[key])
    sarif = os.path.splitext(db)[0] + '.sarif'
    subprocess.run(scan + ['-q', '-f', 'sarif', '-o', sarif], cwd=tree, capture_output=True)
    if subprocess.run([os.path.join(top, 'tests', 'sarif_validate.sh'), sarif]).returncode:
        errors.append('the SARIF report does not validate')
    print('%d findings, %d expected' % (sum(have.values()), sum(want.values())))
    if errors:
        print('\n'.join(errors))
        return 1
    print('ok   kernel %s' % version)
    return 0


if __name__ == '__main__':
    sys.exit(main())
