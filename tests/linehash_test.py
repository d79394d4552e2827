#!/usr/bin/env python3
"""primaryLocationLineHash in our SARIF equals GitHub's algorithm, computed
here independently: per line, a base-37 polynomial hash mod 2^64 of the
next 100 UTF-16 code units from the line's start (spaces and tabs skipped,
CR and CRLF read as LF, then 65535 and zeros), as 'hex:n' with n the
occurrence count of that value so far. The input has CRLF line ends, tabs,
non-ASCII text (UTF-8, including a character outside the BMP)."""
import json
import os
import subprocess
import sys
import tempfile

BLOCK, MOD, MASK = 100, 37, (1 << 64) - 1


def reference(text):
    first = pow(MOD, BLOCK, 1 << 64)
    window, line_at = [0] * BLOCK, [-1] * BLOCK
    state = {'h': 0, 'i': 0, 'line': 0, 'start': True, 'cr': False}
    counts, out = {}, {}

    def emit():
        v = '%x' % state['h']
        counts[v] = counts.get(v, 0) + 1
        out[line_at[state['i']]] = '%s:%d' % (v, counts[v])
        line_at[state['i']] = -1

    def update(c):
        i = state['i']
        begin, window[i] = window[i], c
        state['h'] = (MOD * state['h'] + c - first * begin) & MASK
        state['i'] = (i + 1) % BLOCK

    def put(c):
        if c in (32, 9) or (state['cr'] and c == 10):
            state['cr'] = False
            return
        state['cr'] = c == 13
        if c == 13:
            c = 10
        if line_at[state['i']] != -1:
            emit()
        if state['start']:
            state['start'] = False
            state['line'] += 1
            line_at[state['i']] = state['line']
        if c == 10:
            state['start'] = True
        update(c)

    units = text.encode('utf-16-le')
    for k in range(0, len(units), 2):
        put(units[k] | units[k + 1] << 8)
    put(65535)
    for _ in range(BLOCK):
        if line_at[state['i']] != -1:
            emit()
        update(0)
    return out


SOURCE = '''// SPDX-License-Identifier: GPL-2.0
/* Lin\u00e9 hashes: t\u00e4bs, CRLF and \U0001F600. */
#include <linux/pci.h>

static int probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
\tdevice_lock(&pdev->physfn->dev);
\tdevice_unlock(&pdev->physfn->dev);
\treturn 0;
}

static void remove(struct pci_dev *pdev)
{
\tdevice_lock(&pdev->physfn->dev);
\tdevice_unlock(&pdev->physfn->dev);
}

static struct pci_driver drv = { .probe = probe, .remove = remove };
'''


def main():
    tool, include = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'twins.c')
        with open(src, 'wb') as f:
            f.write(SOURCE.replace('\n', '\r\n').encode('utf-8'))
        out = os.path.join(tmp, 'r.sarif')
        subprocess.run([tool, '-q', '--db', os.path.join(tmp, 'f.db'), '-f', 'sarif', '-o', out,
                        '--srcroot', tmp, src, '--', '-I', include])
        results = json.load(open(out))['runs'][0]['results']
        with open(src, encoding='utf-8', newline='') as f:
            ref = reference(f.read())
    got = {r['locations'][0]['physicalLocation']['region']['startLine']:
           r['partialFingerprints'].get('primaryLocationLineHash') for r in results}
    want = {line: ref[line] for line in got}
    if len(got) != 2 or got != want:
        print('FAIL: got %s, want %s' % (got, want))
        return 1
    print('ok   primaryLocationLineHash %s' % got)
    return 0


if __name__ == '__main__':
    sys.exit(main())
