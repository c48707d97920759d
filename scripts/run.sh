#!/usr/bin/env bash
# Installs what is missing, builds, and starts the FlowChat console (sandbox provider by default).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
exec "${FLOWCHAT_BUILD_DIR:-$ROOT/build}/bin/flowchat" "$@"
