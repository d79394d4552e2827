#!/usr/bin/env bash
# Robust on real code (issue 8): a seeded random sample of the drivers/ .c
# files that Debian's 6.12 config compiles, with their real kbuild command
# lines, extracted with --keep-going. Fails on a crash, a hang, an exit
# status other than 0/1, or a sampled TU that was neither parsed nor
# reported on stderr. Parse failures are not failures of the test: they are
# counted and grouped by their first error (docs/reliability.md).
#   tests/sample_test.sh TOOL [OUTDIR]
#   env: PFVF_SAMPLE_SEED (default 1), PFVF_SAMPLE_N (default 500), PFVF_CACHE
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tool=$(realpath "$1")
out=${2:-$(mktemp -d)}
seed=${PFVF_SAMPLE_SEED:-1}
n=${PFVF_SAMPLE_N:-500}
jobs=2	# CI's cores; the figures in docs/reliability.md are for -j 2
tree=${PFVF_CACHE:-$HOME/.cache/pfvf-lockcheck}/linux-6.12
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out/ccdb"
rm -f "$out"/sample.db*

# Configure and prepare the tree if the kernel tests have not (about 1 s if done).
"$top/scripts/prepare-kernel.sh" --version 6.12 -j "$(nproc)" >/dev/null

# What kbuild compiles, with its command lines, without compiling, and the
# seeded sample (-B: write no .pyc into the tree).
what=$(python3 -B "$top/scripts/dryrun-ccdb.py" "$tree" "$out" --sample "$seed" "$n")
echo "sample: $what" | tee "$out/summary.txt"

# The scan. --tu-timeout catches a TU that hangs libclang; timeout(1) a hang
# of the tool itself (the scan takes about 150 s on 2 idle cores).
t0=$SECONDS
rc=0
timeout -k 10 600 "$tool" -p "$out/ccdb" -j "$jobs" --keep-going --db "$out/sample.db" \
	--tu-timeout 120 --stats >"$out/findings.txt" 2>"$out/stderr.txt" || rc=$?
echo "scan: exit status $rc in $((SECONDS - t0)) s; $(grep -h 'time: extract' "$out/stderr.txt" || true)" |
	tee -a "$out/summary.txt"

# Account for every sampled TU from the facts database and stderr. If the
# scan died and left TUs unfinished, they are scanned again one per process,
# to name the ones that crash. A TU whose worker died is a crash too.
python3 -B - "$tool" "$tree" "$out" "$rc" "$tmp" <<'EOF' | tee -a "$out/summary.txt"
import collections, concurrent.futures, os, re, sqlite3, subprocess, sys
tool, tree, out, rc, tmp = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
files = open(os.path.join(out, 'sample.txt')).read().split()
err = open(os.path.join(out, 'stderr.txt'), errors='replace').read()
rel = lambda p: os.path.relpath(p, tree)

def rows(db):
    if not os.path.exists(db):
        return {}
    con = sqlite3.connect(db)
    try:
        return {f: (s, d or '') for f, s, d in con.execute('SELECT file, status, diag FROM tu')}
    finally:
        con.close()

def alone(i_f):
    i, f = i_f
    db = os.path.join(tmp, 'one%d.db' % i)
    cmd = [tool, '-p', os.path.join(out, 'ccdb'), '-j', '1', '--keep-going', '--db', db,
           '--tu-timeout', '120', f]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        return f, ('hang', 'no result after 180 s alone')
    sig = re.search(r'killed by signal (\d+)', p.stderr)
    if p.returncode < 0 or sig:
        return f, ('crash', 'crashed (signal %s) when scanned alone' % (sig.group(1) if sig else -p.returncode))
    last = (p.stderr.strip().split('\n') or [''])[-1]
    return f, rows(db).get(f, ('missing', 'no result when scanned alone (exit %d: %s)' % (p.returncode, last)))

got, fail = rows(os.path.join(out, 'sample.db')), []
outcome = {f: got[f] for f in files if f in got}
for f, (status, _) in outcome.items():
    said = "'%s' %s" % (f, 'has compile errors' if status == 1 else 'was not analysed')
    if status and said not in err:
        fail.append('not reported on stderr: %s (status %d)' % (rel(f), status))
left = [(i, f) for i, f in enumerate(files) if f not in got]
if left and rc not in (124, 137):
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        outcome.update(ex.map(alone, left))
if rc not in (0, 1):
    fail.append('exit status %d (%s)' % (rc, 'hang: killed by timeout' if rc in (124, 137) else
                ' / '.join(re.findall(r'error: (.*)', err)) or 'no message'))

# a worker that died on a TU: stored as not parsed, with the signal
outcome = {f: ('crash', d) if s == 2 and 'killed by signal' in d else (s, d)
           for f, (s, d) in outcome.items()}

def why(status, diag):
    """Group key: the first error without its location, and where it was."""
    if status in (1, 2):
        m = re.match(r'(.*?):(\d+):\d+: (.*)', diag.split('\n')[0])
        return (status, m.group(3), '%s:%s' % (rel(m.group(1)), m.group(2))) if m else (status, diag, '')
    return (status, diag, '')

names = {0: 'parsed cleanly', 1: 'compile errors', 2: 'not parsed', 'crash': 'crashed',
         'hang': 'hung', 'missing': 'unaccounted'}
count = collections.Counter(s for s, _ in outcome.values())
groups = collections.defaultdict(list)
for f in files:
    status, diag = outcome.get(f, ('missing', 'no result (scan timed out)'))
    if status != 0:
        key = why(status, diag)
        groups[key[:2]].append((rel(f), key[2]))
    if status in ('crash', 'hang', 'missing'):
        fail.append('%s: %s' % (rel(f), diag))
count['missing'] += len(files) - len(outcome)
timeouts = sum(1 for s, d in outcome.values() if s == 2 and 'longer than' in d)
print('%d sampled: %d parsed cleanly, %d with compile errors, %d not parsed (%d timeouts), '
      '%d crashed, %d hung, %d unaccounted; failure rate %.1f%%'
      % (len(files), count[0], count[1], count[2], timeouts, count['crash'], count['hang'],
         count['missing'], 100.0 * (len(files) - count[0]) / len(files)))
for (status, msg), fs in sorted(groups.items(), key=lambda g: -len(g[1])):
    print('%4d  %s: %s' % (len(fs), names[status], msg))
    for f, where in fs[:6]:
        print('        %s%s' % (f, ' (first error at %s)' % where if where and where.split(':')[0] != f else ''))
    if len(fs) > 6:
        print('        ... and %d more' % (len(fs) - 6))
for line in fail:
    print('FAIL: ' + line)
sys.exit(1 if fail else 0)
EOF
echo "ok   $n sampled TUs of 6.12 drivers/ all accounted for; no crash, no hang"
