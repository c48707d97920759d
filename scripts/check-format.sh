#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what .clang-format makes of it. Fix with:
#   clang-format-14 -i $(git ls-files '*.cpp' '*.h')
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FORMAT="$(command -v clang-format-14 || true)"
if [[ -z "$FORMAT" ]]; then
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang-format-14
    FORMAT="$(command -v clang-format-14)"
fi
mapfile -t files < <(git ls-files '*.cpp' '*.h')
"$FORMAT" --dry-run --Werror "${files[@]}"
echo "check-format: ${#files[@]} files match .clang-format"
