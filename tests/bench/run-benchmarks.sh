#!/bin/sh
# Runs every benchmark (meson suite 'bench') in an optimised build and
# prints their figures; the "# RESULT" lines are what BENCHMARKS.md quotes.
#
#   tests/bench/run-benchmarks.sh [BUILD_DIR]     (default _build-bench)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build="${1:-$top/_build-bench}"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" --buildtype=release -Dviewer=disabled >/dev/null || exit 1
fi
meson compile -C "$build" >/dev/null || { meson compile -C "$build"; exit 1; }

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m), git $(git -C "$top" rev-parse --short HEAD)"
meson test -C "$build" --benchmark --suite bench --verbose --num-processes 1 \
  --timeout-multiplier 4 2>&1 \
  | grep -E '^(ok|not ok|# |1\.\.)' | grep -vE '^# (Start|End) of'
status=$?
grep -hE '^# RESULT' "$build/meson-logs/testlog.txt" | sort -u
exit $status
