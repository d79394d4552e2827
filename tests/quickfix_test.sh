#!/usr/bin/env bash
# The text output is what editors parse: Vim's default 'errorformat' reads
# every finding and witness step as a quickfix entry with the right file,
# line, column and type. Fails, naming the package, if vim is absent.
set -eu
tool=$(realpath "$1"); testdata=$(realpath "$2")
command -v vim >/dev/null || { echo "FAIL: vim not installed (scripts/deps.sh installs vim)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$testdata"
"$tool" -q --db "$tmp/f.db" pfvf001_vf_callbacks.c -- -I include > "$tmp/out.txt" || [ $? -eq 1 ]
vim -es -u NONE -i NONE -N \
	-c "cfile $tmp/out.txt" \
	-c "redir! > $tmp/qf.txt" \
	-c 'for e in getqflist() | if e.valid | echo bufname(e.bufnr) . "|" . e.lnum . "|" . e.col . "|" . e.type | endif | endfor' \
	-c 'redir END' -c 'qa!' </dev/null || true
python3 - "$tmp/out.txt" "$tmp/qf.txt" <<'P'
import re, sys
text = open(sys.argv[1]).read().splitlines()
qf = [l for l in open(sys.argv[2]).read().splitlines() if l.strip()]
want = []
for l in text:
    m = re.match(r'^(.+?):(\d+):(\d+): (warning|note|error|remark): ', l)
    assert m, 'unparsable line: ' + l
    want.append((m.group(1), m.group(2), m.group(3), m.group(4)[0]))
got = [tuple(x.split('|')) for x in qf]
ok = len(got) == len(want) and all(g[1:3] == w[1:3] and g[0].endswith(w[0].split('/')[-1]) and g[3] in (w[3], '') for g, w in zip(got, want))
if not ok:
    print('FAIL: quickfix entries differ\n want %s\n got  %s' % (want[:4], got[:4]))
    sys.exit(1)
print('ok   vim quickfix reads %d entries (findings and witness steps)' % len(got))
P
