#!/usr/bin/env bash
# Validate SARIF files with Microsoft's SARIF Multitool and GitHub's rules
# ('validate --rule-kind "Gh;Sarif"'); fail on any error or warning. The
# validator is installed from npm into $PFVF_TOOLS (default build/tools)
# on first use.
#   tests/sarif_validate.sh FILE.sarif...
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tools=${PFVF_TOOLS:-$top/build/tools}
bin=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$bin" ]; then
	mkdir -p "$tools"
	(cd "$tools" && npm install --no-audit --no-fund --silent @microsoft/sarif-multitool@5.7.0 >/dev/null)
	chmod u+x "$bin"
fi
fail=0
for f in "$@"; do
	# the validator accepts an empty file silently: check it is a SARIF log
	if ! python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"] == "2.1.0" and d["runs"]' "$f" 2>/dev/null; then
		echo "$f: not a SARIF 2.1.0 log"
		fail=1
		continue
	fi
	out=$(mktemp -u --suffix=.sarif)
	"$bin" validate --rule-kind "Gh;Sarif" -o "$out" "$f" >/dev/null 2>&1 || true
	if ! python3 - "$out" "$f" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
res = log['runs'][0].get('results', [])
bad = [r for r in res if r.get('level', 'warning') in ('error', 'warning')]
for r in bad:
    print('%s: %s %s %s' % (sys.argv[2], r['ruleId'], r['message'].get('id'), r['message'].get('arguments')))
sys.exit(1 if bad else 0)
PY
	then
		fail=1
	else
		echo "ok   $f: 0 errors, 0 warnings (SARIF Multitool, rules Gh;Sarif)"
	fi
	rm -f "$out"
done
exit $fail
