#!/usr/bin/env python3
"""Run pfvf-lockcheck on testdata files and compare with their expectations.

Expectations live in the test files, on the lines they are about:
  /* EXPECT PFVF001 */                a finding of that rule on this line
  /* EXPECT PFVF001: 'substring' */   ... whose message contains substring
  /* EXPECT-NOTE PFVF001 */           a witness step of such a finding here
and in a closing comment block:
  check-name: what the file tests
  check-files: other.c more.c         scanned together with this file (their
                                      EXPECT-NOTEs count for rules the main
                                      file expects)
  check-command: --flag ...           extra options for the tool ($TESTDATA:
                                      the testdata directory)
  check-known-to-fail                 a tracked miss: the test must fail

The run fails on any missing and any extra finding (rule, file, line), on a
message without its substring, on a missing witness step, and on the exit
status (1 with findings, 0 without).
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

FINDING = re.compile(r'^(.+?):(\d+):(\d+): (warning|error|remark): (.*) \[(PFVF\d{3})\]$')
NOTE = re.compile(r'^(.+?):(\d+):(\d+): note: (.*)$')
EXPECT = re.compile(r"EXPECT (PFVF\d{3})(?::\s*'([^']*)')?")
EXPECT_NOTE = re.compile(r"EXPECT-NOTE (PFVF\d{3})")
TAG = re.compile(r'^\s*\*?\s*(check-[a-z-]+):?\s*(.*)$')


def expectations(path):
    findings, notes, tags = [], [], {}
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            for m in EXPECT.finditer(line):
                findings.append((m.group(1), os.path.realpath(path), lineno, m.group(2)))
            for m in EXPECT_NOTE.finditer(line):
                notes.append((m.group(1), os.path.realpath(path), lineno))
            m = TAG.match(line)
            if m:
                tags[m.group(1)] = m.group(2).strip()
    return findings, notes, tags


def parse_output(text, cwd):
    found = []
    for line in text.splitlines():
        m = FINDING.match(line)
        if m:
            found.append({'rule': m.group(6), 'file': os.path.realpath(os.path.join(cwd, m.group(1))),
                          'line': int(m.group(2)), 'msg': m.group(5), 'notes': []})
            continue
        m = NOTE.match(line)
        if m and found:
            found[-1]['notes'].append((os.path.realpath(os.path.join(cwd, m.group(1))), int(m.group(2))))
    return found


def run_case(tool, path, include, db):
    exp, exp_notes, tags = expectations(path)
    files = [path]
    base = os.path.dirname(path)
    for extra in tags.get('check-files', '').split():
        f = os.path.join(base, extra)
        files.append(f)
        e, n, _ = expectations(f)
        exp += e
        # witness steps in helper files support the main file's findings only
        rules = {r for r, _, _, _ in exp}
        exp_notes += [x for x in n if x[0] in rules]
    extra = tags.get('check-command', '').replace('$TESTDATA', base)
    cmd = [tool, '--db', db, '-q'] + shlex.split(extra) + files + ['--', '-I', include]
    cwd = os.getcwd()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    got = parse_output(proc.stdout, cwd)
    errors = []
    want = sorted((r, f, l) for r, f, l, _ in exp)
    have = sorted((g['rule'], g['file'], g['line']) for g in got)
    for item in want:
        if item in have:
            have.remove(item)
        else:
            errors.append('missing finding %s at %s:%d' % (item[0], os.path.relpath(item[1]), item[2]))
    for item in have:
        errors.append('unexpected finding %s at %s:%d' % (item[0], os.path.relpath(item[1]), item[2]))
    for rule, f, line, sub in exp:
        if sub is None:
            continue
        if not any(g['rule'] == rule and g['file'] == f and g['line'] == line and sub in g['msg'] for g in got):
            errors.append("%s at %s:%d: message lacks '%s'" % (rule, os.path.relpath(f), line, sub))
    for rule, f, line in exp_notes:
        if not any(g['rule'] == rule and (f, line) in g['notes'] for g in got):
            errors.append('%s: no witness step at %s:%d' % (rule, os.path.relpath(f), line))
    want_rc = 1 if exp else 0
    if proc.returncode != want_rc:
        errors.append('exit status %d, expected %d; stderr:\n%s' % (proc.returncode, want_rc, proc.stderr))
    return errors, tags, proc


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--tool', required=True)
    ap.add_argument('--include', required=True, help='testdata include directory')
    ap.add_argument('files', nargs='+')
    args = ap.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in args.files:
            errors, tags, proc = run_case(os.path.abspath(args.tool), path, args.include,
                                          os.path.join(tmp, 'facts.db'))
            known = 'check-known-to-fail' in tags
            if errors and not known:
                failed += 1
                print('FAIL %s (%s)' % (path, tags.get('check-name', '')))
                for e in errors:
                    print('  ' + e)
                print('  output:\n    ' + '\n    '.join(proc.stdout.splitlines()))
            elif not errors and known:
                failed += 1
                print('FAIL %s: marked check-known-to-fail but passes' % path)
            else:
                print('ok   %s%s' % (path, ' (known to fail)' if known else ''))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
