#!/usr/bin/env bash
# Installs what is missing, builds, and starts the FlowChat console (sandbox provider by default).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Only what it runs: the console and the provider emulator the sandbox starts. Tests and
# benchmarks build in scripts/test.sh.
"$ROOT/scripts/setup.sh" flowchat flowchat-emulator
exec "${FLOWCHAT_BUILD_DIR:-$ROOT/build}/bin/flowchat" "$@"
