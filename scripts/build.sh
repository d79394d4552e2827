#!/usr/bin/env bash
# Configure and build build/pfvf-lockcheck (incremental on a second run).
#   PFVF_LLVM=16 scripts/build.sh     build against libclang 16
#   BUILD_DIR=build-asan CMAKE_ARGS=-DPFVF_SANITIZE=address,undefined scripts/build.sh
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
llvm=${PFVF_LLVM:-14}
# shellcheck disable=SC2086
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo} \
	-DPFVF_LLVM_VERSION="$llvm" ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j "$(nproc)"
