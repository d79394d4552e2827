#!/usr/bin/env bash
# The text output is what Emacs' compilation mode reads: every finding and
# witness step matches the 'gnu' entry of compilation-error-regexp-alist
# with the right file, line and column, findings as warnings and witness
# steps as info (emacs --batch; Debian's emacs-nox, installed by deps.sh).
set -eu
tool=$(realpath "$1"); testdata=$(realpath "$2")
command -v emacs >/dev/null || { echo "FAIL: emacs not installed (scripts/deps.sh installs emacs-nox)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$testdata"
rc=0
"$tool" -q --db "$tmp/f.db" pfvf001_vf_callbacks.c pfvf007_pf_trylock.c -- -I include >"$tmp/out.txt" || rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: scan exit $rc"; exit 1; }
cat >"$tmp/parse.el" <<'EOF'
(require 'compile)
;; each line through the 'gnu' regexp as compilation mode applies it
(let* ((re (nth 0 (cdr (assq 'gnu compilation-error-regexp-alist-alist)))))
  (with-temp-buffer
    (insert-file-contents (car command-line-args-left))
    (while (not (eobp))
      (let ((l (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
        (princ (if (string-match re l)
                   (format "%s|%s|%s|%s\n" (match-string 1 l) (match-string 2 l) (match-string 3 l)
                           (cond ((match-beginning 7) "info") ((match-beginning 6) "warning") (t "error")))
                 "no match\n")))
      (forward-line 1))))
EOF
emacs --batch -Q -l "$tmp/parse.el" "$tmp/out.txt" >"$tmp/parsed.txt" 2>"$tmp/err.txt" ||
	{ cat "$tmp/err.txt"; echo "FAIL: emacs --batch"; exit 1; }
python3 - "$tmp/out.txt" "$tmp/parsed.txt" <<'EOF'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
got = open(sys.argv[2]).read().splitlines()
kind = {'warning': 'warning', 'error': 'error', 'note': 'info'}
assert len(lines) == len(got) and lines, (len(lines), len(got))
for l, g in zip(lines, got):
    m = re.match(r'^(.+?):(\d+):(\d+): (\w+): ', l)
    want = '%s|%s|%s|%s' % (m.group(1), m.group(2), m.group(3), kind[m.group(4)])
    assert g == want, 'emacs read %r as %r, not %r' % (l, g, want)
print('ok   emacs compilation mode reads %d lines (%d findings, %d witness steps)'
      % (len(lines), sum(': warning: ' in l for l in lines), sum(': note: ' in l for l in lines)))
EOF
