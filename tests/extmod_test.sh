#!/usr/bin/env bash
# An out-of-tree PF/VF module pair (testdata/extmod: one source tree, the
# shared sync.c compiled into both with different -D) built against the
# prepared 6.12 tree as a vendor builds it, 'make -C KDIR M=DIR'; then:
#  - 'make -C KDIR M=DIR compile_commands.json' and
#    'gen_compile_commands.py -d KDIR DIR/modules.order' are scanned with
#    -p DIR: the exact findings, SARIF URIs relative to DIR, and the same
#    findings whatever the order of the entries (a call is linked to the
#    definition in its own module, not to whichever TU came first);
#  - the natural mistake, 'gen_compile_commands.py -d DIR', is one error
#    that says how to regenerate, not a compile error per TU;
#  - the same sources without kbuild's KBUILD_MODNAME (one module, as far
#    as the scan can tell) warn once about the duplicate definitions.
set -eu
tool=$(realpath "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${PFVF_CACHE:-$HOME/.cache/pfvf-lockcheck}/linux-6.12
[ -f "$tree/.pfvf-prepared" ] || "$top/scripts/prepare-kernel.sh" --version 6.12 >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mod=$tmp/sfx
cp -r "$top/testdata/extmod" "$mod"
fail=0
# check NAME CONDITION: fails (status 1, for '|| show details') without ending the script
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL: $1"; fail=1; return 1; fi; }

# modpost cannot resolve the kernel's symbols without a vmlinux build, and
# the .ko link needs modules_prepare: the objects and modules.order are
# what compile_commands.json is made from
make -s -C "$tree" M="$mod" KBUILD_MODPOST_WARN=1 -k >"$tmp/build.log" 2>&1 || true
for o in pf_main sync_pf vf_main sync_vf; do
	[ -f "$mod/$o.o" ] || { echo "FAIL: $o.o not built:"; tail -20 "$tmp/build.log"; exit 1; }
done
make -s -C "$tree" M="$mod" compile_commands.json >/dev/null
check "make M=DIR compile_commands.json has the four objects" \
	"[ \"\$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' '$mod/compile_commands.json')\" = 4 ]" || true

# the findings of a scan: 'file:line RULE' sorted, paths relative to the module
findings() {
	"$tool" -q -p "$1" --db "$tmp/$2.db" -f sarif -o "$tmp/$2.sarif" || [ $? -eq 1 ]
	python3 - "$tmp/$2.sarif" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))['runs'][0]
for r in sorted(run['results'], key=lambda r: json.dumps(r['locations'])):
    loc = r['locations'][0]['physicalLocation']
    print('%s %s:%d %s' % (loc['artifactLocation'].get('uriBaseId', '-'), loc['artifactLocation']['uri'],
                           loc['region']['startLine'], r['ruleId']))
EOF
}
want=$(grep -n 'EXPECT PFVF' "$mod"/*.c | sed -E 's|^.*/([^/:]+):([0-9]+):.*EXPECT (PFVF[0-9]+).*|%SRCROOT% \1:\2 \3|' | sort)
got=$(findings "$mod" make)
check "findings of the make-generated database (relative to DIR)" '[ "$got" = "$want" ]' ||
	printf 'want:\n%s\ngot:\n%s\n' "$want" "$got"
python3 - "$tmp/make.sarif" "$mod" <<'EOF' || fail=1
import json, sys
run = json.load(open(sys.argv[1]))['runs'][0]
root = run['originalUriBaseIds']['%SRCROOT%']['uri']
assert root == 'file://' + sys.argv[2] + '/', root
print('ok   %SRCROOT% is the module directory')
EOF

# entries in the other order: the same findings
mkdir -p "$tmp/rev"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.reverse(); json.dump(d, open(sys.argv[2], "w"))' \
	"$mod/compile_commands.json" "$tmp/rev/compile_commands.json"
# (-p names neither the sources' directory nor the tree: %SRCROOT% is their common root)
got=$(findings "$tmp/rev" rev)
check "the same findings with the entries reversed" '[ "$got" = "$want" ]' ||
	printf 'want:\n%s\ngot:\n%s\n' "$want" "$got"

# the documented alternative: gen_compile_commands.py run in the tree on modules.order
mkdir -p "$tmp/gen"
(cd "$tree" && python3 scripts/clang-tools/gen_compile_commands.py -d "$tree" \
	-o "$tmp/gen/compile_commands.json" "$mod/modules.order")
got=$(findings "$tmp/gen" gen)
check "gen_compile_commands.py -d KDIR DIR/modules.order" '[ "$got" = "$want" ]' ||
	printf 'want:\n%s\ngot:\n%s\n' "$want" "$got"

# the mistake: -d DIR
mkdir -p "$tmp/wrong"
python3 "$tree/scripts/clang-tools/gen_compile_commands.py" -d "$mod" -o "$tmp/wrong/compile_commands.json"
rc=0; out=$("$tool" -p "$tmp/wrong" --db "$tmp/w.db" 2>&1) || rc=$?
check "gen_compile_commands.py -d DIR: exit 2 and one error saying how to regenerate" \
	'[ $rc -eq 2 ] && [ "$(grep -c error: <<<"$out")" -eq 1 ] && grep -q "make -C KDIR M=MODULE_DIR compile_commands.json" <<<"$out"' ||
	echo "$out" | head -5

# one KBUILD_MODNAME for all four (a build that names no modules apart):
# the two sfx_sync() are one module's, one warning says so
flags=$(python3 - "$mod/compile_commands.json" <<'EOF'
import json, shlex, sys
e = json.load(open(sys.argv[1]))[0]
args = shlex.split(e['command'])
keep, skip = [], False
for a in args[1:]:
    if skip:
        skip = False
        continue
    if a in ('-o', '-MF', '-MT') or a.startswith('-Wp,'):
        skip = a in ('-o', '-MF', '-MT')
        continue
    if a == '-c' or a.endswith('.c') or 'KBUILD_BASENAME' in a:
        continue
    keep.append('-DKBUILD_MODNAME="sfx"' if 'KBUILD_MODNAME' in a else a)
print(' '.join(shlex.quote(a) for a in keep))
EOF
)
rc=0
out=$(cd "$tree" && eval "\"$tool\" --db \"$tmp/nomod.db\" $mod/pf_main.c $mod/sync_pf.c $mod/vf_main.c $mod/sync_vf.c -- $flags" 2>&1) || rc=$?
check "no KBUILD_MODNAME: one warning about the duplicate definitions" \
	'[ $rc -le 1 ] && [ "$(grep -c "defined more than once" <<<"$out")" -eq 1 ] && grep -q "sfx_sync" <<<"$out"' ||
	echo "$out" | tail -5
exit $fail
