#!/bin/sh
# Opens the viewer on the sample articles with the service built in BUILD:
#   tools/demo.sh _build
# Uses the session bus if there is one (else starts a private one), starts
# the in-tree newsfactsd unless a service already runs (its first start
# fills the store, $XDG_DATA_HOME/newsfacts/facts.db, with the samples),
# then opens newsfacts-viewer.  Extra arguments go to the viewer.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-_build}
[ $# -gt 0 ] && shift
case $build in
  /*) ;;
  *) build="$(pwd)/$build" ;;
esac
service="$build/service/newsfactsd"
viewer="$build/viewer/newsfacts-viewer"
name=io.github.newsfacts.Facts1

for exe in "$service" "$viewer"; do
  if [ ! -x "$exe" ]; then
    echo "demo.sh: $exe is missing; build first:" >&2
    echo "  meson setup _build && meson compile -C _build" >&2
    exit 1
  fi
done

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "demo.sh: no display (neither DISPLAY nor WAYLAND_DISPLAY is set)." >&2
  echo "Run it from a desktop session, or under a virtual X server:" >&2
  echo "  xvfb-run -a tools/demo.sh ${build}" >&2
  exit 1
fi

# No session bus (a console login, ssh -X): run on a private one.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] &&
   [ ! -S "${XDG_RUNTIME_DIR:-/run/user/$(id -u)}/bus" ]; then
  exec dbus-run-session -- "$0" "$build" "$@"
fi

has_owner() {
  gdbus call --session --dest org.freedesktop.DBus \
    --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$name" 2>/dev/null |
    grep -q true
}

started=""
cleanup() {
  if [ -n "$started" ]; then
    kill "$started" 2>/dev/null || true
    wait "$started" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

if has_owner; then
  echo "demo.sh: using the Newsfacts service already running" >&2
else
  NF_SAMPLES_DIR="$top/data/samples" "$service" &
  started=$!
  i=0
  until has_owner; do
    i=$((i + 1))
    if [ $i -gt 100 ] || ! kill -0 "$started" 2>/dev/null; then
      echo "demo.sh: newsfactsd did not start" >&2
      exit 1
    fi
    sleep 0.1
  done
fi

"$viewer" "$@"
