#!/bin/sh
# The whole test suite: a fresh -Werror build and every suite but the
# benchmarks.  Ends with a line "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build="${NF_BUILD_DIR:-$top/_build-test}"
cd "$top"

rm -rf "$build"
meson setup "$build" -Dwerror=true --buildtype=debugoptimized >"$top/.setup.log" 2>&1 \
  || { cat "$top/.setup.log"; echo "0 passed, 1 failed"; exit 1; }
rm -f "$top/.setup.log"
meson compile -C "$build" || { echo "0 passed, 1 failed"; exit 1; }

meson test -C "$build" --print-errorlogs --no-suite bench --no-suite eval
status=$?

python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    r = json.loads(line).get("result")
    if r in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif r == "SKIP":
        skipped += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
