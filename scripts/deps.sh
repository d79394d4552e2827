#!/usr/bin/env bash
# Install what pfvf-lockcheck needs to build and test, if it is missing.
# Debian 12 (bookworm), down to a minimal root (debootstrap --variant=minbase,
# a debian:12 container); run as root or with sudo available.
#   scripts/deps.sh                 build and test dependencies
#   PFVF_LLVM=16 scripts/deps.sh    build against libclang 16 instead of 14
# Packages are installed without recommendations, so each one that a feature
# loads at run time is named here, next to what needs it.
set -euo pipefail

llvm=${PFVF_LLVM:-14}
pkgs=(
	# the build
	cmake make gcc pkg-config
	"libclang-$llvm-dev"          # the front end (libclang)
	libsqlite3-dev                # the facts database
	libjansson-dev                # SARIF and JSON reports, compile_commands.json
	libyaml-dev                   # rules/*.yaml
	libxxhash-dev                 # content hashes of TUs and headers
	# the tests
	python3                       # tests/*.py, scripts/dryrun-ccdb.py
	"clang-$llvm"                 # fuzz targets, cocci patch compile check
	"libclang-rt-$llvm-dev"       # ASan/UBSan/libFuzzer runtimes and sanitizer/*.h (a recommendation of clang)
	sqlite3                       # tests that read the facts database
	git                           # --diff tests, coccicheck in a git tree
	xz-utils time bc              # kernel tarball; bench/ and the kernel build
	patch                         # tests/cocci_test.sh applies the patches spatch writes
	coccinelle                    # spatch: pfvf-lockcheck cocci, cocci/
	libpython3.11                 # spatch's Python scripting loads it (Py.find_library); not a dependency of coccinelle
	sparse                        # --with-sparse
	vim                           # tests/quickfix_test.sh (quickfix format)
	emacs-nox                     # tests/emacs_test.sh (compilation-mode regexps)
	chromium                      # tests/html_test.sh (the HTML report, headless)
	libicu72                      # the SARIF Multitool (.NET) needs ICU at run time
	ca-certificates               # npm over TLS (the SARIF Multitool)
	util-linux                    # mount (tests/diskfull_test.sh), flock (prepare-kernel.sh)
)
# the SARIF validator comes from npm (tests/sarif_validate.sh)
command -v npm >/dev/null || pkgs+=(nodejs npm)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# a new machine has no package lists: update first when there are none
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -print -quit 2>/dev/null)" ]; then
	$sudo apt-get update
fi
if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
	$sudo apt-get update
	$sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
