#!/bin/sh
# The whole test suite: a fresh -Werror build and every suite but the
# benchmarks; then the same tests built with AddressSanitizer and
# UndefinedBehaviorSanitizer, the bus tests under valgrind memcheck, and
# each libFuzzer target for $NF_FUZZ_SECONDS (60) seconds.  Ends with a
# line "N passed, N failed" that counts every step.
#
# NF_BUILD_DIR    main build folder (default _build-test); the sanitizer
#                 and fuzz builds go beside it (-asan, -fuzz)
# NF_QUICK=1      the main build and suite only
# NF_FUZZ_SECONDS seconds per fuzz target (default 60)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build="${NF_BUILD_DIR:-$top/_build-test}"
asan="$build-asan"
fuzz="$build-fuzz"
fuzz_seconds="${NF_FUZZ_SECONDS:-60}"
cd "$top"

# One line per step that is not a meson test: "PASS name" or "FAIL name".
steps="$build/meson-logs/run-tests-steps"
step () {
  echo "$1 $2" >>"$steps"
  [ "$1" = PASS ] || echo "*** step failed: $2"
}

summary () {
  python3 - "$steps" "$@" <<'PY'
import json, os, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    if line.startswith("PASS"):
        passed += 1
    elif line.strip():
        failed += 1
for log in sys.argv[2:]:
    if not os.path.exists(log):
        continue
    for line in open(log):
        r = json.loads(line).get("result")
        if r in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
}

# 1. The main build and every quick suite.
rm -rf "$build"
meson setup "$build" -Dwerror=true --buildtype=debugoptimized >"$top/.setup.log" 2>&1 \
  || { cat "$top/.setup.log"; echo "0 passed, 1 failed"; exit 1; }
rm -f "$top/.setup.log"
meson compile -C "$build" || { echo "0 passed, 1 failed"; exit 1; }
: >"$steps"

meson test -C "$build" --print-errorlogs --no-suite bench --no-suite eval
logs="$build/meson-logs/testlog.json"

if [ "${NF_QUICK:-0}" = 1 ]; then
  summary $logs
  exit $?
fi

# 2. AddressSanitizer + UndefinedBehaviorSanitizer: every suite that needs
# no display, with any UB report fatal.  Time limits in the tests scale
# with NF_TIME_FACTOR.
rm -rf "$asan"
if meson setup "$asan" -Dwerror=true --buildtype=debugoptimized \
     -Db_sanitize=address,undefined -Dc_args=-fno-sanitize-recover=all \
     -Dviewer=disabled >"$build/meson-logs/asan-setup.log" 2>&1 \
   && meson compile -C "$asan" >"$build/meson-logs/asan-compile.log" 2>&1; then
  step PASS sanitizer-build
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  NF_TIME_FACTOR=10 \
    meson test -C "$asan" --print-errorlogs --timeout-multiplier 4 \
      --no-suite bench --no-suite eval --no-suite display --no-suite install
  logs="$logs $asan/meson-logs/testlog.json"
else
  tail -n 40 "$build/meson-logs/asan-setup.log" "$build/meson-logs/asan-compile.log" 2>/dev/null
  step FAIL sanitizer-build
fi

# 3. valgrind memcheck over the bus tests (the service included): no
# definite leaks, no invalid reads or writes.
if command -v valgrind >/dev/null; then
  NF_TIME_FACTOR=20 meson test -C "$build" --setup valgrind --print-errorlogs \
    --suite bus
  logs="$logs $build/meson-logs/testlog-valgrind.json"
else
  step FAIL valgrind-missing
fi

# 4. libFuzzer: one clang build, each target from a fresh corpus of the
# seeds and snippets, two at a time.  A crash leaves its input in
# $fuzz/artifacts; copy it to tests/fuzz/corpus/TARGET/ as a regression.
run_fuzzer () {
  name=$1
  corpus="$fuzz/corpus/$name"
  dict="$top/tests/fuzz/$name.dict"
  rm -rf "$corpus"
  python3 "$top/tests/fuzz/make-corpus.py" "$corpus" "$name" >/dev/null
  set -- -max_total_time="$fuzz_seconds" -max_len=4096 -timeout=10 \
         -rss_limit_mb=2048 -print_final_stats=1 \
         -artifact_prefix="$fuzz/artifacts/$name-"
  [ -f "$dict" ] && set -- "$@" -dict="$dict"
  if "$fuzz/tests/fuzz/$name" "$@" "$corpus" >"$fuzz/$name.log" 2>&1; then
    echo "PASS fuzz-$name" >"$fuzz/$name.result"
  else
    echo "FAIL fuzz-$name" >"$fuzz/$name.result"
  fi
}

# The fuzz targets this build defines (fuzz-*, without the -replay tests).
fuzz_targets () {
  meson introspect --targets "$fuzz" | python3 -c '
import json, sys
for t in json.load(sys.stdin):
    if t["name"].startswith("fuzz-") and not t["name"].endswith("-replay"):
        print(t["name"])'
}

rm -rf "$fuzz"
if ! command -v clang >/dev/null; then
  step FAIL fuzz-needs-clang
elif CC=clang meson setup "$fuzz" -Dfuzzing=true --buildtype=debugoptimized \
       -Db_sanitize=address,undefined -Db_lundef=false -Dviewer=disabled \
       -Dc_args=-fsanitize=fuzzer-no-link \
       >"$build/meson-logs/fuzz-setup.log" 2>&1 \
     && targets=$(fuzz_targets) \
     && meson compile -C "$fuzz" $(for t in $targets; do echo "tests/fuzz/$t"; done) \
       >"$build/meson-logs/fuzz-compile.log" 2>&1; then
  step PASS fuzz-build
  mkdir -p "$fuzz/artifacts"
  running=0
  for t in $targets; do
    echo "fuzzing $t for $fuzz_seconds s"
    run_fuzzer "$t" &
    running=$((running + 1))
    if [ $running -ge 2 ]; then
      wait
      running=0
    fi
  done
  wait
  for t in $targets; do
    result=$(cat "$fuzz/$t.result" 2>/dev/null || echo "FAIL fuzz-$t")
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$fuzz/$t.log" \
      | sed "s/^/$t: /"
    case $result in
      PASS*) step PASS "fuzz-$t" ;;
      *) tail -n 60 "$fuzz/$t.log"; ls "$fuzz/artifacts"; step FAIL "fuzz-$t" ;;
    esac
  done
else
  tail -n 40 "$build/meson-logs/fuzz-setup.log" "$build/meson-logs/fuzz-compile.log" 2>/dev/null
  step FAIL fuzz-build
fi

summary $logs
