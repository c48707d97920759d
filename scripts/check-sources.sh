#!/usr/bin/env bash
# The build lists its sources by name (no globs): fails when a tracked .cpp or .h under app/,
# providers/ or ui/ is named in no CMakeLists.txt, so a new file cannot be silently left unbuilt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
missing=0
for area in app providers ui; do
    while IFS= read -r file; do
        relative="${file#"$area"/}"
        # A whole entry, not a piece of a longer name (Provider.h is not MetaCloudProvider.h).
        pattern="(^|[[:space:](])${relative//./\\.}([[:space:])]|\$)"
        if ! grep -rqE --include=CMakeLists.txt -- "$pattern" "$area"; then
            echo "check-sources: $file is in no $area/**/CMakeLists.txt" >&2
            missing=1
        fi
    done < <(git ls-files -- "$area/*.cpp" "$area/*.h")
done
if ((missing)); then
    exit 1
fi
echo "check-sources: every source under app/, providers/ and ui/ is listed"
