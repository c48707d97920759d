#!/bin/sh
# The compiler launcher scripts/setup.sh configures: ccache, and after a precompiled header is
# built (or restored from the cache) a checksum beside it. With pch_external_checksum ccache
# hashes that small .gch.sum for each file compiled with the header, instead of the 150 MB .gch.
output=""
previous=""
for arg in "$@"; do
    [ "$previous" = "-o" ] && output="$arg"
    previous="$arg"
done
ccache "$@" || exit $?
case "$output" in
*.gch) sha256sum <"$output" >"$output.sum" ;;
esac
