#!/usr/bin/env bash
# Shared set-up for run.sh and test.sh: installs missing Debian packages (only when missing),
# then configures and builds FlowChat incrementally into build/.
# Usage: setup.sh [TARGET...]   (no target: everything, tests and benchmarks included, and the
# packages only the tests need)
set -euo pipefail
targets=("$@")

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${FLOWCHAT_BUILD_DIR:-$ROOT/build}"

# What building and running the console needs. Recommended packages are left out: they are
# documentation, themes and tools FlowChat never uses, and they cost a new machine a third more time.
BUILD_PACKAGES=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
    qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
    qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite qt6-qpa-plugins qtkeychain-qt6-dev
    libqt6sql6-psql libphonenumber-dev libexpected-dev fonts-noto-color-emoji
    # Qt6Charts' CMake package needs Qt6OpenGL's, which Debian only recommends.
    libqt6opengl6-dev
)
# What only the tests and benchmarks need: a display server, fonts the screenshots are compared
# in, a keyring, the official client libraries (npm), wrk, the sqlite3 shell and PostgreSQL with
# pg_virtualenv for the team tests.
TEST_PACKAGES=(
    sqlite3 xvfb xauth fonts-noto-core dbus-daemon gnome-keyring
    nodejs npm wrk postgresql-15 postgresql-common
)
PACKAGES=("${BUILD_PACKAGES[@]}")
((${#targets[@]})) || PACKAGES+=("${TEST_PACKAGES[@]}")

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
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi

generator=()
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    generator=(-G Ninja)
fi
# ccache with the clone's root as its base: absolute paths under it (include folders, sources, the
# build folder) are hashed as relative ones, so another clone, anywhere, reuses these results.
# The sloppiness lets ccache cache the precompiled headers and the files compiled with them; the
# external checksum is the .gch.sum scripts/ccache-compile.sh writes.
launcher=()
command -v ccache >/dev/null \
    && launcher=("-DCMAKE_CXX_COMPILER_LAUNCHER=env;CCACHE_BASEDIR=$ROOT;CCACHE_NOHASHDIR=true;CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime;CCACHE_PCH_EXTSUM=true;$ROOT/scripts/ccache-compile.sh")
# Optimised, with line tables only (-g1): backtraces and profiles keep functions and lines, and
# a first build compiles about a third faster than with full debug info.
cmake -S "$ROOT" -B "$BUILD_DIR" "${generator[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" >/dev/null
if ((${#targets[@]})); then
    cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target "${targets[@]}"
else
    cmake --build "$BUILD_DIR" --parallel "$(nproc)"
fi
