#!/usr/bin/env python3
"""Findings from the code, not from names: every testdata case again, with
every identifier of its own renamed consistently (functions, structs and
their members, locals, drivers, macros; across the files of a case, in
comments and EXPECT strings too), device-id macros replaced by their hex
values (so no macro says "VF"), the line structure kept. The renamed case
must give the same rules at the same lines as its EXPECT markers say, as
the original does (tests/run_testdata.py checks both). A case whose
finding still rests on a name carries 'check-rename-known-to-fail: WHY':
it must fail renamed (so the day the code tells, the tag goes).

Kept: C keywords and every identifier the kernel headers of testdata/include
or a rules file (rules/, testdata/rules_*/) names: those are the kernel's
API and the model, not the driver's names.

  rename_test.py --tool TOOL [CASE.c ...]     (default: every case)
"""
import argparse
import glob
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_testdata  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTDATA = os.path.join(TOP, 'testdata')
IDENT = re.compile(r'\b[A-Za-z_][A-Za-z0-9_]*\b')
DEFINE = re.compile(r'^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)\s+(0x[0-9a-fA-F]+|[0-9]+)\s*$')
KEYWORDS = set('''auto break case char const continue default do double else enum extern
float for goto if inline int long register restrict return short signed sizeof static
struct switch typedef union unsigned void volatile while _Bool bool true false
define include ifdef ifndef endif undef elif defined pragma
EXPECT NOTE'''.split())


def kept_names():
    names = set(KEYWORDS)
    sources = glob.glob(os.path.join(TESTDATA, 'include', '**', '*.h'), recursive=True)
    sources += glob.glob(os.path.join(TOP, 'rules', '*.yaml'))
    sources += glob.glob(os.path.join(TESTDATA, 'rules_*', '*.yaml'))
    for path in sources:
        with open(path, encoding='utf-8') as f:
            names.update(IDENT.findall(f.read()))
    return names


def case_files(path):
    _, _, tags = run_testdata.expectations(path)
    return [path] + [os.path.join(TESTDATA, f) for f in tags.get('check-files', '').split()]


def rename_case(files, keep, out_dir):
    """Write renamed copies of @files into @out_dir; return the name map."""
    texts = {f: open(f, encoding='utf-8').read().splitlines(keepends=True) for f in files}
    values = {}
    for lines in texts.values():
        for line in lines:
            m = DEFINE.match(line)
            if m:
                values[m.group(1)] = m.group(2)
    # the code's own identifiers (not words that only comments use)
    mapping = {}
    for lines in texts.values():
        code = re.sub(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\])*"', ' ', ''.join(lines), flags=re.S)
        for word in IDENT.findall(code):
            if word not in keep and word not in values and word not in mapping:
                mapping[word] = 'zz%03d' % len(mapping)

    def new_name(m):
        word = m.group(0)
        return values.get(word, mapping.get(word, word))

    for f, lines in texts.items():
        out = []
        for line in lines:
            if DEFINE.match(line):
                out.append('\n')		# the define is gone, its line stays
            elif line.lstrip().startswith('#include') or run_testdata.TAG.match(line):
                out.append(line)
            else:
                out.append(IDENT.sub(new_name, line))
        with open(os.path.join(out_dir, os.path.basename(f)), 'w', encoding='utf-8') as w:
            w.writelines(out)
    return mapping


def findings(tool, files, include, db, cwd):
    """(rule, file name, line) of a scan of @files, sorted."""
    errors, tags, proc = run_testdata.run_case(tool, files[0], include, db)
    got = run_testdata.parse_output(proc.stdout, cwd)
    return errors, sorted((g['rule'], os.path.basename(g['file']), g['line']) for g in got)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--tool', required=True)
    ap.add_argument('cases', nargs='*')
    args = ap.parse_args()
    tool = os.path.abspath(args.tool)
    cases = args.cases or sorted(f for f in glob.glob(os.path.join(TESTDATA, '*.c'))
                                 if not re.search(r'_part\d+\.c$', f) and 'broken_for_sarif' not in f)
    keep = kept_names()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, 'testdata')
        os.makedirs(work)
        shutil.copytree(os.path.join(TESTDATA, 'include'), os.path.join(work, 'include'))
        for d in filter(os.path.isdir, glob.glob(os.path.join(TESTDATA, 'rules_*'))):
            shutil.copytree(d, os.path.join(work, os.path.basename(d)))
        for case in cases:
            files = case_files(os.path.abspath(case))
            mapping = rename_case(files, keep, work)
            renamed = os.path.join(work, os.path.basename(case))
            cwd = os.getcwd()
            _, before = findings(tool, files, os.path.join(TESTDATA, 'include'), os.path.join(tmp, 'a.db'), cwd)
            errors, after = findings(tool, [renamed], os.path.join(work, 'include'), os.path.join(tmp, 'b.db'), cwd)
            if before != after:
                errors.append('renamed: %s\n  original: %s' % (after, before))
            known = run_testdata.expectations(os.path.abspath(case))[2].get('check-rename-known-to-fail')
            if known and errors:
                print('ok   %s renamed: known to fail (%s)' % (os.path.relpath(case), known))
            elif known:
                failed += 1
                print('FAIL %s: check-rename-known-to-fail, but the renamed case passes' % os.path.relpath(case))
            elif errors:
                failed += 1
                print('FAIL %s renamed (%d names)' % (os.path.relpath(case), len(mapping)))
                for e in errors:
                    print('  ' + e)
            else:
                print('ok   %s renamed (%d names): %d findings' % (os.path.relpath(case), len(mapping), len(after)))
    print('%d passed, %d failed' % (len(cases) - failed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
