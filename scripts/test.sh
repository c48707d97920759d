#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through CTest. Exit code is CTest's.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${FLOWCHAT_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/setup.sh"

# The client-library fidelity tests use npm packages pinned in tests/integration/node; they are
# installed into the build folder, never into the source tree.
NODE_DIR="$BUILD_DIR/node"
mkdir -p "$NODE_DIR"
cp "$ROOT/tests/integration/node/package.json" "$ROOT/tests/integration/node/package-lock.json" "$NODE_DIR/"
if ! cmp -s "$NODE_DIR/package-lock.json" "$NODE_DIR/node_modules/.package-lock.json" 2>/dev/null; then
    (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The npm packages were just installed, so a client-library test that would skip has found a
# broken set-up: it fails instead.
export FLOWCHAT_REQUIRE_CLIENT_LIBRARIES=1
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
cd "$BUILD_DIR"
# The `team` tests run the store against PostgreSQL: pg_virtualenv (postgresql-common) starts a
# throw-away cluster, hands its address to every test through libpq's PG* variables, and removes
# it afterwards. There a test that cannot reach it fails rather than skips.
export FLOWCHAT_REQUIRE_POSTGRES=1
exec pg_virtualenv ctest --output-on-failure --parallel "$(nproc)" "$@"
