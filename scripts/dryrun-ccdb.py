#!/usr/bin/env python3
"""Compile commands for drivers/ .c files of a prepared kernel tree
without building them. What kbuild compiles under the tree's config, with
its command lines: a dry run of 'make drivers/' prints every recipe (15-40
s; building the ~9800 objects would take hours on 2 cores). KCFLAGS=PROBE
makes every command differ from the one in its .cmd file, so objects
already built are printed too; PROBE is removed again. -j 1: with 2 jobs,
sub-makes' lines interleave (even with -O) and the list varies from run to
run. The tree's lock keeps prepare-kernel.sh from changing it meanwhile.
Each compiled object's recipe ends in "fixdep DEP OBJ 'COMMAND' > .OBJ.cmd";
the kernel's own scripts/clang-tools/gen_compile_commands.py turns COMMAND
into the entry 'make compile_commands.json' would write.

  dryrun-ccdb.py TREE OUTDIR --sample SEED N
      a seeded random sample of N files (tests/sample_test.sh); also
      writes OUTDIR/candidates.txt and OUTDIR/sample.txt
  dryrun-ccdb.py TREE OUTDIR --sriov
      every file of each directory that has a file using the SR-IOV API
      (tests/kernel_test.py --wide): whole drivers, so that calls between
      their files are linked

Writes OUTDIR/ccdb/compile_commands.json and prints one summary line.
"""
import json
import os
import random
import re
import subprocess
import sys
import time

PROBE = '-DPFVF_DRYRUN_PROBE'

SRIOV = re.compile(r'pci_enable_sriov|pci_disable_sriov|physfn|is_virtfn|pci_iov_|sriov_configure')


def dry_run(tree, out):
    path = os.path.join(out, 'dryrun.txt')
    with open(path, 'w') as txt, open(os.path.join(out, 'dryrun.err'), 'w') as err:
        rc = subprocess.run(['flock', tree + '.lock', 'make', '-C', tree, '-n', '-k', '-j', '1',
                             'KCFLAGS=' + PROBE, 'drivers/'], stdout=txt, stderr=err).returncode
    if rc:
        sys.stderr.write(''.join(open(os.path.join(out, 'dryrun.err')).readlines()[-20:]))
        sys.exit('FAIL: make -n drivers/ failed')
    return path


def entries(tree, dryrun, probe):
    sys.path.insert(0, os.path.join(tree, 'scripts', 'clang-tools'))
    import gen_compile_commands as gcc_db
    savedcmd = re.compile(gcc_db._LINE_PATTERN)
    fixdep = re.compile(r"scripts/basic/fixdep \S+ (\S+) '((?:[^']|'\\'')*)' > ")
    drivers = os.path.join(tree, 'drivers') + '/'
    ents = {}
    for line in open(dryrun, errors='replace'):
        for m in fixdep.finditer(line):
            cmd = savedcmd.match('savedcmd_%s := %s' % (m.group(1), m.group(2).replace("'\\''", "'")))
            if not cmd:
                continue                  # not a .c/.S compile (links, host programs)
            try:
                e = gcc_db.process_line(tree, cmd.group('command_prefix'), cmd.group('file_path'))
            except ValueError:
                continue                  # a generated source the dry run did not make
            if e['file'].startswith(drivers) and e['file'].endswith('.c'):
                e['command'] = e['command'].replace(' ' + probe, '')
                ents[e['file']] = e
    return ents


def main():
    args = sys.argv[1:]
    if not (len(args) == 5 and args[2] == '--sample' and args[3].isdigit() and args[4].isdigit()) \
            and not (len(args) == 3 and args[2] == '--sriov'):
        sys.exit(__doc__)
    tree, out, mode = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    t0 = time.time()
    dry = dry_run(tree, out)
    ents = entries(tree, dry, PROBE)
    os.unlink(dry)              # tens of MB
    cands = sorted(ents)
    if mode == '--sample':
        seed, n = int(sys.argv[4]), int(sys.argv[5])
        if len(cands) < n:
            sys.exit('FAIL: only %d compiled drivers/ .c files found by the dry run' % len(cands))
        pick = sorted(random.Random(seed).sample(cands, n))
        open(os.path.join(out, 'candidates.txt'), 'w').write(''.join(f + '\n' for f in cands))
        open(os.path.join(out, 'sample.txt'), 'w').write(''.join(f + '\n' for f in pick))
        what = 'seed %d, %d of the %d drivers/ .c files the config compiles' % (seed, n, len(cands))
    else:
        dirs = sorted({os.path.dirname(f) for f in cands
                       if SRIOV.search(open(f, errors='replace').read())})
        pick = [f for f in cands if os.path.dirname(f) in dirs]
        what = '%d of the %d drivers/ .c files the config compiles, in the %d directories ' \
               'that use the SR-IOV API' % (len(pick), len(cands), len(dirs))
    os.makedirs(os.path.join(out, 'ccdb'), exist_ok=True)
    json.dump([ents[f] for f in pick], open(os.path.join(out, 'ccdb', 'compile_commands.json'), 'w'),
              indent=1)
    print('%s (dry run %d s)' % (what, time.time() - t0))


if __name__ == '__main__':
    main()
