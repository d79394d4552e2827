#!/usr/bin/env bash
# Install what pfvf-lockcheck needs to build and test, if it is missing.
# Debian 12 (bookworm); run as root or with sudo available.
#   scripts/deps.sh            build and test dependencies
#   PFVF_LLVM=16 scripts/deps.sh   build against libclang 16 instead of 14
set -euo pipefail

llvm=${PFVF_LLVM:-14}
pkgs=(
	cmake make gcc pkg-config python3 git xz-utils time bc vim emacs-nox coccinelle sparse
	"libclang-$llvm-dev" "clang-$llvm"
	libsqlite3-dev sqlite3 libjansson-dev libyaml-dev libxxhash-dev
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
if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
	$sudo apt-get update
	$sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
