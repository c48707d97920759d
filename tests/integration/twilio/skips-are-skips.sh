#!/usr/bin/env bash
# CTest reports a client-library test that skips in initTestCase as skipped (not passed), and
# FLOWCHAT_REQUIRE_CLIENT_LIBRARIES=1, which scripts/test.sh sets, turns that skip into a failure.
# Usage: skips-are-skips.sh CTEST BUILD_DIR
set -uo pipefail
ctest_command="$1"
build_dir="$2"
run() {
    FLOWCHAT_NODE_DIR=/nonexistent/node FLOWCHAT_REQUIRE_CLIENT_LIBRARIES="$1" \
        "$ctest_command" --test-dir "$build_dir" -R '^TestTwilioNodeClient$' 2>&1
}

out="$(run 0)"
status=$?
if ((status != 0)) || ! grep -q "Not Run (Skipped)\|\*\*\*Skipped" <<<"$out"; then
    printf '%s\n' "$out"
    echo "FAIL: without the packages TestTwilioNodeClient should be reported as skipped (ctest exit $status)"
    exit 1
fi
out="$(run 1)"
status=$?
if ((status == 0)); then
    printf '%s\n' "$out"
    echo "FAIL: with FLOWCHAT_REQUIRE_CLIENT_LIBRARIES=1 a missing package must fail the run"
    exit 1
fi
echo "PASS: reported as skipped alone, failed under FLOWCHAT_REQUIRE_CLIENT_LIBRARIES=1"
