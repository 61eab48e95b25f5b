#!/bin/sh
# Installs what building, running and testing Newsfacts needs on Debian 12.
set -eu
packages="
  meson ninja-build pkg-config gcc clang lld libclang-rt-14-dev
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libsqlite3-dev sqlite3
  libgtk-4-dev libadwaita-1-dev gettext
  dbus dbus-x11 xvfb xauth at-spi2-core
  python3 python3-gi python3-dbus gir1.2-atspi-2.0 gir1.2-gtk-4.0 gir1.2-adw-1
  desktop-file-utils appstream valgrind
  locales man-db
"
if [ "$(id -u)" -ne 0 ]; then
  exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
    || missing="$missing $p"
done
if [ -n "$missing" ]; then
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing
fi
# The install tests run the programs in Korean (LANG=ko_KR.UTF-8).
if ! locale -a | grep -qi '^ko_KR\.utf-\?8$'; then
  sed -i 's/^# *\(ko_KR.UTF-8 UTF-8\)/\1/' /etc/locale.gen && locale-gen
fi
