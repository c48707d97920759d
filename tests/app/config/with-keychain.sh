#!/usr/bin/env bash
# Runs a test inside a private D-Bus session with an unlocked GNOME Keyring, so QtKeychain talks to
# a real Secret Service without touching the user's own keyring.
set -euo pipefail
export HOME="$(mktemp -d)"
export XDG_DATA_HOME="$HOME/.local/share" XDG_RUNTIME_DIR="$HOME/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY
trap 'rm -rf "$HOME"' EXIT
exec dbus-run-session -- bash -c 'printf "test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; FLOWCHAT_TEST_KEYCHAIN=1 exec "$@"' keyring "$@"
