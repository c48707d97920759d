#!/usr/bin/env bash
# Installs what is missing, builds, and starts the FlowChat console (sandbox provider by default).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Only what it runs: the console (the sandbox's emulator runs inside it). Tests, benchmarks and
# the stand-alone flowchat-emulator build in scripts/test.sh.
"$ROOT/scripts/setup.sh" flowchat
exec "${FLOWCHAT_BUILD_DIR:-$ROOT/build}/bin/flowchat" "$@"
