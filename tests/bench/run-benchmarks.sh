#!/bin/sh
# Runs every benchmark (meson suite 'bench') in an optimised build and
# prints their figures; the "# RESULT" lines are what BENCHMARKS.md quotes.
#
#   tests/bench/run-benchmarks.sh [TEST NAME...]
#
# NF_BENCH_BUILD_DIR  build folder (default _build-bench, release build)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build="${NF_BENCH_BUILD_DIR:-$top/_build-bench}"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" --buildtype=release >/dev/null || exit 1
fi
meson compile -C "$build" >/dev/null || { meson compile -C "$build"; exit 1; }

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), git $(git -C "$top" rev-parse --short HEAD)"
# Benchmarks are registered both with benchmark() and with test(..., suite:
# 'bench'); run both kinds, one at a time so they do not disturb each other.
# meson prints only the TAP results; the figures are the comments, which
# are in its log.
status=0
meson test -C "$build" --benchmark --num-processes 1 --timeout-multiplier 4 \
  "$@" >/dev/null 2>&1 || status=1
cp "$build/meson-logs/testlog.txt" "$build/benchmarks.log"
meson test -C "$build" --suite bench --num-processes 1 --timeout-multiplier 4 \
  "$@" >/dev/null 2>&1 || status=1
cat "$build/meson-logs/testlog.txt" >>"$build/benchmarks.log"
grep -E '^(==+ [0-9]+/[0-9]+ =+|test: |ok|not ok|# |1\.\.)' "$build/benchmarks.log" \
  | grep -vE '^# (Start|End) of|^# random seed'
exit $status
