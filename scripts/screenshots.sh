#!/usr/bin/env bash
# Refreshes docs/screenshots/: builds (like run.sh), seeds a showcase sandbox database in a
# temporary folder and photographs the real console under Xvfb; two agents' consoles on a
# throw-away PostgreSQL for team-mode.png. `scripts/screenshots.sh --team-only` takes that one alone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${FLOWCHAT_BUILD_DIR:-$ROOT/build}"
bash "$ROOT/scripts/setup.sh"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$ROOT/docs/screenshots"
# Keep the user's own settings (theme, window layout) out of it.
export XDG_CONFIG_HOME="$WORK/config"
# team-mode.png needs PostgreSQL: a throw-away cluster (-t: in a temporary folder, as root too).
# Without pg_virtualenv that one picture is skipped.
pg=()
command -v pg_virtualenv >/dev/null && pg=(pg_virtualenv -t)
"${pg[@]}" xvfb-run -a -s "-screen 0 1366x850x24" \
    "$BUILD_DIR/bin/flowchat-screenshots" "$WORK/showcase.sqlite" "$ROOT/docs/screenshots" "$@"
echo "screenshots: written to docs/screenshots/"
