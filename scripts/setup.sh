#!/usr/bin/env bash
# Shared set-up for run.sh and test.sh: installs missing Debian packages (only when missing),
# then configures and builds FlowChat incrementally into build/.
# Usage: setup.sh [TARGET...]   (no target: everything, tests and benchmarks included)
set -euo pipefail
targets=("$@")

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${FLOWCHAT_BUILD_DIR:-$ROOT/build}"

PACKAGES=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite qt6-qpa-plugins qtkeychain-qt6-dev
    libphonenumber-dev libexpected-dev sqlite3
    xvfb xauth fonts-noto-core fonts-noto-color-emoji
    dbus-daemon gnome-keyring
    nodejs npm wrk
)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
# A Node.js that did not come from Debian (nodesource, nvm) satisfies the npm tests too.
if command -v node >/dev/null && command -v npm >/dev/null; then
    filtered=()
    for pkg in "${missing[@]}"; do
        [[ "$pkg" == nodejs || "$pkg" == npm ]] || filtered+=("$pkg")
    done
    missing=("${filtered[@]}")
fi
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi

generator=()
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    generator=(-G Ninja)
fi
# ccache with the clone's root as its base: absolute paths under it (include folders, sources, the
# build folder) are hashed as relative ones, so another clone, anywhere, reuses these results.
launcher=()
command -v ccache >/dev/null \
    && launcher=("-DCMAKE_CXX_COMPILER_LAUNCHER=env;CCACHE_BASEDIR=$ROOT;CCACHE_NOHASHDIR=true;ccache")
# Optimised, with line tables only (-g1): backtraces and profiles keep functions and lines, and
# a first build compiles about a third faster than with full debug info.
cmake -S "$ROOT" -B "$BUILD_DIR" "${generator[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" >/dev/null
if ((${#targets[@]})); then
    cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target "${targets[@]}"
else
    cmake --build "$BUILD_DIR" --parallel "$(nproc)"
fi
