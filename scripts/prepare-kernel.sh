#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# prepare-kernel.sh - build a Debian kernel source tree far enough that
# kbuild has written real compiler command lines (.*.o.cmd) for the
# SR-IOV-relevant objects, and turn them into compile_commands.json.
#
# Usage:
#   scripts/prepare-kernel.sh [--version 6.12|6.1] [--dir DIR] [--subset FILE]
#                             [-j N] [--retry-failed] [--force]
#
#   --version V     Debian kernel series (linux-source-V); default 6.12.
#   --dir DIR       Tree location; default
#                   ${PFVF_CACHE:-$HOME/.cache/pfvf-lockcheck}/linux-V
#   --subset FILE   Objects/directories to build; default
#                   <this script's dir>/sriov-subset-V.txt
#   -j N            Parallel make jobs; default $(nproc).
#   --retry-failed  Re-run make for subset entries that were tried before
#                   and produced no .cmd file (normally they are skipped).
#   --force         Delete DIR and start from scratch.
#
# On success the absolute path of DIR/compile_commands.json is printed on
# stdout (one line); all progress messages go to stderr.
#
# Steps (each one is skipped when its stamp file in DIR says it is done):
#   1. apt-get install what is missing (root or sudo needed only then).
#   2. Extract /usr/src/linux-source-V.tar.xz into DIR.      (.pfvf-extracted)
#   3. Debian amd64 config -> .config, olddefconfig, prepare. (.pfvf-prepared)
#   4. make -k the subset entries not built yet.              (.pfvf-attempted)
#   5. gen_compile_commands.py, filtered to the subset.       (.pfvf-ccdb)
# Runs on the same DIR are serialised with flock on DIR.lock.

set -euo pipefail

PROG=prepare-kernel
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

msg()  { printf '%s: %s\n' "$PROG" "$*" >&2; }
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }
die()  { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }

usage() {
	sed -n '/^# Usage:/,/^# Steps/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
}

# Print the last lines of a log file on stderr (used when a step fails).
show_log_tail() {
	local log=$1
	msg "last lines of $log:"
	tail -n 30 "$log" | sed "s/^/$PROG:   /" >&2 || true
}

VERSION=6.12
DIR=
SUBSET=
JOBS=$(nproc 2>/dev/null || echo 2)
RETRY_FAILED=0
FORCE=0

while [ $# -gt 0 ]; do
	case $1 in
	--version)   [ $# -ge 2 ] || die "--version needs an argument"; VERSION=$2; shift 2 ;;
	--version=*) VERSION=${1#*=}; shift ;;
	--dir)       [ $# -ge 2 ] || die "--dir needs an argument"; DIR=$2; shift 2 ;;
	--dir=*)     DIR=${1#*=}; shift ;;
	--subset)    [ $# -ge 2 ] || die "--subset needs an argument"; SUBSET=$2; shift 2 ;;
	--subset=*)  SUBSET=${1#*=}; shift ;;
	-j)          [ $# -ge 2 ] || die "-j needs an argument"; JOBS=$2; shift 2 ;;
	-j*)         JOBS=${1#-j}; shift ;;
	--retry-failed) RETRY_FAILED=1; shift ;;
	--force)     FORCE=1; shift ;;
	-h|--help)   usage; exit 0 ;;
	*)           usage; die "unknown argument: $1" ;;
	esac
done

case $VERSION in
6.12|6.1) ;;
*) die "unsupported --version '$VERSION' (supported: 6.12, 6.1)" ;;
esac
[[ $JOBS =~ ^[1-9][0-9]*$ ]] || die "-j wants a positive integer, got '$JOBS'"

[ -n "$DIR" ] || DIR=${PFVF_CACHE:-$HOME/.cache/pfvf-lockcheck}/linux-$VERSION
[ -n "$SUBSET" ] || SUBSET=$SCRIPT_DIR/sriov-subset-$VERSION.txt
[ -f "$SUBSET" ] || die "subset file not found: $SUBSET"
SUBSET=$(realpath "$SUBSET")
mkdir -p "$(dirname "$DIR")"
DIR=$(realpath -m "$DIR")

START=$SECONDS
SRC_TARBALL=/usr/src/linux-source-$VERSION.tar.xz
CONFIG_XZ=/usr/src/linux-config-$VERSION/config.amd64_none_amd64.xz

[ "$(dpkg --print-architecture 2>/dev/null || true)" = amd64 ] ||
	die "only amd64 hosts are supported (Debian's amd64 config is used)"

# --------------------------------------------------------------------------
# 1. Packages
# --------------------------------------------------------------------------
# What is really needed for olddefconfig + prepare + compiling objects:
#   build-essential  gcc, make, libc headers for host programs
#   bc               include/generated/timeconst.h (kernel/time/timeconst.bc)
#   bison, flex      scripts/kconfig and scripts/genksyms (CONFIG_MODVERSIONS)
#   libelf-dev       objtool (CONFIG_OBJTOOL), built during prepare
#   libssl-dev       scripts/sign-file (CONFIG_MODULE_SIG), built during prepare
#   python3          scripts/clang-tools/gen_compile_commands.py
#   xz-utils         unpacking the source tarball and the config
# Not needed: rsync (only headers_install), dwarves/pahole (only for BTF,
# which is disabled below), kmod/cpio (module install, IKHEADERS).
is_installed() {
	local st
	st=$(dpkg -s "$1" 2>/dev/null) || return 1
	grep -q '^Status: install ok installed$' <<<"$st"
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "need root (or sudo) to run: $*"
	fi
}

ensure_packages() {
	local pkgs=(build-essential bc bison flex libelf-dev libssl-dev python3 xz-utils
		"linux-source-$VERSION")
	# On Debian 12 the configs are a separate package; older layouts shipped
	# them inside linux-source.  Only ask for it if apt knows it.
	if is_installed "linux-config-$VERSION" ||
	   apt-cache show "linux-config-$VERSION" >/dev/null 2>&1; then
		pkgs+=("linux-config-$VERSION")
	fi
	local missing=() p
	for p in "${pkgs[@]}"; do
		is_installed "$p" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0

	msg "installing missing packages: ${missing[*]}"
	local log
	log=$(mktemp)
	local -a cmd=(env DEBIAN_FRONTEND=noninteractive apt-get install -y
		--no-install-recommends "${missing[@]}")
	if ! as_root "${cmd[@]}" >"$log" 2>&1; then
		# Most likely cause on a fresh container: no package lists.
		if grep -qE 'Unable to locate package|has no installation candidate|404 +Not Found|Failed to fetch' "$log"; then
			msg "apt-get install failed (stale or missing package lists); running apt-get update"
			as_root apt-get update >"$log" 2>&1 || { show_log_tail "$log"; die "apt-get update failed"; }
			as_root "${cmd[@]}" >"$log" 2>&1 || { show_log_tail "$log"; die "apt-get install ${missing[*]} failed"; }
		else
			show_log_tail "$log"
			die "apt-get install ${missing[*]} failed"
		fi
	fi
	rm -f "$log"
}

ensure_packages
[ -f "$SRC_TARBALL" ] || die "$SRC_TARBALL missing although linux-source-$VERSION is installed"
[ -f "$CONFIG_XZ" ] || die "Debian amd64 config not found at $CONFIG_XZ"
SRC_PKG_VERSION=$(dpkg-query -W -f='${Version}' "linux-source-$VERSION")

# --------------------------------------------------------------------------
# Serialise concurrent runs on the same tree (e.g. parallel CI jobs).
# --------------------------------------------------------------------------
exec 9>"$DIR.lock"
if ! flock -n 9; then
	msg "another prepare-kernel run holds $DIR.lock; waiting"
	flock 9
fi

# --------------------------------------------------------------------------
# 2. Extract
# --------------------------------------------------------------------------
STAMP_EXTRACTED=$DIR/.pfvf-extracted
if [ "$FORCE" -eq 1 ] && [ -e "$DIR" ]; then
	[ -f "$STAMP_EXTRACTED" ] || die "--force: $DIR was not created by this script; refusing to delete it"
	msg "--force: removing $DIR"
	rm -rf "$DIR"
fi

if [ -f "$STAMP_EXTRACTED" ]; then
	have=$(cat "$STAMP_EXTRACTED")
	if [ "$have" != "$SRC_PKG_VERSION" ]; then
		warn "$DIR holds linux-source-$VERSION $have but $SRC_PKG_VERSION is installed; keeping the old tree (use --force to re-extract)"
	fi
else
	[ ! -e "$DIR" ] || die "$DIR exists but has no $(basename "$STAMP_EXTRACTED") stamp; not a tree made by this script (remove it or pick another --dir)"
	partial=$DIR.partial
	rm -rf "$partial"
	mkdir -p "$partial"
	msg "extracting $SRC_TARBALL ($SRC_PKG_VERSION) into $DIR"
	t0=$SECONDS
	tar -xJf "$SRC_TARBALL" -C "$partial" --strip-components=1 ||
		die "extracting $SRC_TARBALL failed"
	[ -f "$partial/Makefile" ] && [ -f "$partial/scripts/clang-tools/gen_compile_commands.py" ] ||
		die "$SRC_TARBALL does not look like a kernel tree"
	printf '%s\n' "$SRC_PKG_VERSION" >"$partial/.pfvf-extracted"
	mv "$partial" "$DIR"
	msg "extracted in $((SECONDS - t0))s"
fi

LOGDIR=$DIR/.pfvf-logs
mkdir -p "$LOGDIR"
KMAKE=(make -C "$DIR" -j "$JOBS")

# --------------------------------------------------------------------------
# 3. Config + prepare
# --------------------------------------------------------------------------
# Changes to Debian's amd64 config.  Nothing here enables or disables a driver.
#  - SYSTEM_TRUSTED_KEYS / SYSTEM_REVOCATION_KEYS = "": Debian's kernels point
#    these at debian/certs/*.pem, which is not part of linux-source; any build
#    of certs/ would fail.  Empty = no extra built-in keys.
#  - MODULE_SIG_KEY = certs/signing_key.pem (upstream default: a throw-away
#    key is generated if it is ever needed) and MODULE_SIG_ALL off: we never
#    install modules, so nothing must be signed.  MODULE_SIG itself stays on
#    so module-related #ifdefs match Debian's kernel.
#  - DEBUG_INFO_BTF(_MODULES) off: needs pahole (dwarves) at link time and is
#    irrelevant for compiling objects.
#  - DEBUG_INFO off (DEBUG_INFO_NONE): no -g, noticeably faster compiles and
#    smaller objects; debug info is of no use for a source-level checker.
CONFIG_EDITS=(
	--set-str SYSTEM_TRUSTED_KEYS ""
	--set-str SYSTEM_REVOCATION_KEYS ""
	--set-str MODULE_SIG_KEY "certs/signing_key.pem"
	--disable MODULE_SIG_ALL
	--disable DEBUG_INFO_BTF
	--disable DEBUG_INFO_BTF_MODULES
	--disable DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT
	--disable DEBUG_INFO_DWARF4
	--disable DEBUG_INFO_DWARF5
	--enable DEBUG_INFO_NONE
)
STAMP_PREPARED=$DIR/.pfvf-prepared
# The stamp records everything the prepared tree depends on.
prep_key=$( {
	sha256sum "$CONFIG_XZ" | cut -d' ' -f1
	printf '%s\n' "${CONFIG_EDITS[@]}"
	gcc -dumpfullversion
	cat "$STAMP_EXTRACTED"
} | sha256sum | cut -d' ' -f1)

if [ -f "$STAMP_PREPARED" ] && [ "$(cat "$STAMP_PREPARED")" = "$prep_key" ] && [ -f "$DIR/.config" ]; then
	: # already configured and prepared
else
	rm -f "$STAMP_PREPARED" "$DIR/.pfvf-attempted" "$DIR/.pfvf-ccdb" "$LOGDIR/build.log"
	msg "configuring (Debian config.amd64_none_amd64 + olddefconfig)"
	t0=$SECONDS
	xz -dc "$CONFIG_XZ" >"$DIR/.config"
	(cd "$DIR" && ./scripts/config --file .config "${CONFIG_EDITS[@]}")
	"${KMAKE[@]}" olddefconfig >"$LOGDIR/olddefconfig.log" 2>&1 ||
		{ show_log_tail "$LOGDIR/olddefconfig.log"; die "make olddefconfig failed"; }
	# Check that the edits survived olddefconfig.
	grep -q '^CONFIG_DEBUG_INFO_NONE=y$' "$DIR/.config" || die "DEBUG_INFO_NONE did not stick in .config"
	! grep -q '^CONFIG_DEBUG_INFO_BTF=y$' "$DIR/.config" || die "DEBUG_INFO_BTF is still enabled in .config"
	grep -q '^CONFIG_PCI_IOV=y$' "$DIR/.config" || die "CONFIG_PCI_IOV is not enabled in .config"

	# 'prepare' gives generated headers, asm-offsets, objtool, genksyms,
	# fixdep: everything needed to compile built-in and module objects.
	# 'modules_prepare' only adds scripts/module.lds (for linking .ko
	# files), which we never do, so it is skipped.
	msg "make prepare (-j $JOBS)"
	"${KMAKE[@]}" prepare >"$LOGDIR/prepare.log" 2>&1 ||
		{ show_log_tail "$LOGDIR/prepare.log"; die "make prepare failed"; }
	printf '%s\n' "$prep_key" >"$STAMP_PREPARED"
	msg "configured and prepared in $((SECONDS - t0))s"
fi

# --------------------------------------------------------------------------
# 4. Build the subset
# --------------------------------------------------------------------------
# Subset entries: "path/to/dir/" (kbuild directory target: everything the
# config enables there) or "path/to/file.o" (single object; kbuild compiles
# it even if its driver is disabled, with the flags of the directories it
# passes through, but without -DMODULE).
ENTRIES=()
while IFS= read -r line || [ -n "$line" ]; do
	line=${line%%#*}
	line=$(printf '%s' "$line" | tr -d '[:space:]')
	[ -n "$line" ] || continue
	case $line in
	/*|*..*) die "$SUBSET: entry must be a relative path inside the tree: $line" ;;
	*/|*.o) ENTRIES+=("$line") ;;
	*) die "$SUBSET: entry must end in '/' (directory) or '.o' (object): $line" ;;
	esac
done <"$SUBSET"
[ ${#ENTRIES[@]} -gt 0 ] || die "$SUBSET lists no entries"
mapfile -t ENTRIES < <(printf '%s\n' "${ENTRIES[@]}" | awk '!seen[$0]++')

cmd_file_of() { # path/x.o -> path/.x.o.cmd
	printf '%s/.%s.cmd\n' "$(dirname "$1")" "$(basename "$1")"
}

# Source file of an object entry (.c or .S), empty if none exists.
source_of() {
	local base=${1%.o}
	if [ -f "$DIR/$base.c" ]; then printf '%s\n' "$base.c"
	elif [ -f "$DIR/$base.S" ]; then printf '%s\n' "$base.S"
	fi
}

# Number of compiled objects (cmd file next to a .c/.S source) below a dir.
objs_in_dir() {
	local n=0 f base
	while IFS= read -r f; do
		base=${f##*/.}                      # x.o.cmd
		base=${f%/*}/${base%.o.cmd}         # DIR/path/x
		[ -f "$base.c" ] || [ -f "$base.S" ] || continue
		n=$((n + 1))
	done < <(find "$DIR/$1" -name '.*.o.cmd' 2>/dev/null)
	echo "$n"
}

entry_built() {
	case $1 in
	*/) [ -d "$DIR/$1" ] && [ "$(objs_in_dir "$1")" -gt 0 ] ;;
	*.o) [ -f "$DIR/$(cmd_file_of "$1")" ] ;;
	esac
}

entry_exists() {
	case $1 in
	*/) [ -d "$DIR/$1" ] ;;
	*.o) [ -n "$(source_of "$1")" ] ;;
	esac
}

ATTEMPTED=$DIR/.pfvf-attempted
touch "$ATTEMPTED"
[ "$RETRY_FAILED" -eq 1 ] && : >"$ATTEMPTED"

TODO=()
for e in "${ENTRIES[@]}"; do
	entry_exists "$e" || continue        # reported below
	grep -qxF "$e" "$ATTEMPTED" && continue
	case $e in
	*.o) entry_built "$e" && { echo "$e" >>"$ATTEMPTED"; continue; } ;;
	esac
	TODO+=("$e")
done

BUILT_NOW=0
BUILD_LOG=$LOGDIR/build.log
if [ ${#TODO[@]} -gt 0 ]; then
	msg "building ${#TODO[@]} subset entries with make -k -j $JOBS (log: $BUILD_LOG)"
	t0=$SECONDS
	rc=0
	# -k: keep going past objects that do not compile in this config; the
	# result is judged per entry by the .cmd files below, not by make's rc.
	{ printf "### %s: make -k %s\n" "$(date -u +%FT%TZ)" "${TODO[*]}"; "${KMAKE[@]}" -k "${TODO[@]}"; } >>"$BUILD_LOG" 2>&1 || rc=$?
	printf '%s\n' "${TODO[@]}" >>"$ATTEMPTED"
	BUILT_NOW=1
	msg "make finished in $((SECONDS - t0))s (exit status $rc)"
fi

# Report entries without a .cmd file.
n_total=${#ENTRIES[@]} n_ok=0
for e in "${ENTRIES[@]}"; do
	if ! entry_exists "$e"; then
		warn "not built: $e (no such source in linux-source-$VERSION)"
	elif entry_built "$e"; then
		n_ok=$((n_ok + 1))
	else
		why="disabled in this config or failed to compile"
		if [ -f "$BUILD_LOG" ]; then
			case $e in
			*.o) err=$(grep -m1 -E "^${e%.o}\.[cS]:[0-9]+:[0-9]+: (fatal )?error:" "$BUILD_LOG" || true) ;;
			*/)  err=$(grep -m1 -E "^${e}[^ ]*:[0-9]+:[0-9]+: (fatal )?error:" "$BUILD_LOG" || true) ;;
			esac
			[ -z "$err" ] || why="compile error: $err"
		fi
		warn "not built: $e ($why)"
	fi
done
msg "subset: $n_ok of $n_total entries built"
if [ $((n_ok * 2)) -lt "$n_total" ]; then
	die "fewer than 50% of the subset entries were built; see $BUILD_LOG"
fi

# --------------------------------------------------------------------------
# 5. compile_commands.json
# --------------------------------------------------------------------------
# gen_compile_commands.py is run on the top-level directories of the subset
# entries (not on the whole tree, which would add host tools such as
# scripts/kconfig), and its output is filtered to the subset entries, so
# objects of entries since removed from the subset drop out.
CCDB=$DIR/compile_commands.json
STAMP_CCDB=$DIR/.pfvf-ccdb
ccdb_key=$(printf '%s\n' "${ENTRIES[@]}" | sha256sum | cut -d' ' -f1)
if [ "$BUILT_NOW" -eq 1 ] || [ ! -f "$CCDB" ] || [ ! -f "$STAMP_CCDB" ] ||
   [ "$(cat "$STAMP_CCDB")" != "$ccdb_key" ]; then
	mapfile -t tops < <(printf '%s\n' "${ENTRIES[@]}" | cut -d/ -f1 | sort -u)
	roots=()
	for t in "${tops[@]}"; do
		[ -d "$DIR/$t" ] && roots+=("$DIR/$t")
	done
	raw=$LOGDIR/compile_commands.all.json
	rm -f "$STAMP_CCDB"
	python3 "$DIR/scripts/clang-tools/gen_compile_commands.py" \
		-d "$DIR" -o "$raw" "${roots[@]}" ||
		die "gen_compile_commands.py failed"
	python3 - "$DIR" "$raw" "$CCDB.tmp" "${ENTRIES[@]}" <<'EOF' || die "filtering compile_commands.json failed"
import json, os, sys
root, raw, out, entries = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
dirs = tuple(e for e in entries if e.endswith('/'))
objs = {e[:-2] for e in entries if e.endswith('.o')}
keep = []
for ent in json.load(open(raw)):
    for k in ('directory', 'file', 'command'):
        if k not in ent:
            sys.exit('entry without "%s": %r' % (k, ent))
    rel = os.path.relpath(ent['file'], root)
    if rel.startswith(dirs) or os.path.splitext(rel)[0] in objs:
        keep.append(ent)
json.dump(keep, open(out, 'w'), indent=2, sort_keys=True)
EOF
	mv "$CCDB.tmp" "$CCDB"
	printf '%s\n' "$ccdb_key" >"$STAMP_CCDB"
fi

n_cc=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$CCDB")
[ "$n_cc" -gt 0 ] || die "$CCDB has no entries"
msg "done in $((SECONDS - START))s: $CCDB ($n_cc entries)"
printf '%s\n' "$CCDB"
