#!/usr/bin/env python3
# Validates the desktop data files the way distributions and GNOME Software
# do: desktop-file-validate, appstreamcli, glib-compile-schemas --strict,
# and sanity checks of the icons, search provider, man pages and completion.
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import configparser
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SRC = os.environ.get("NF_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("NF_BUILD_ROOT", os.path.join(SRC, "build"))
DATA = os.path.join(SRC, "data")
APP_ID = "io.github.newsfacts.Viewer"

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail, None))


def skip(name, why):
    results.append((name, True, "", why))


def run(argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def tool_check(name, tool, argv, must_not_contain=None):
    if shutil.which(tool) is None:
        skip(name, f"{tool} not installed")
        return
    rc, out = run([tool] + argv)
    ok = rc == 0 and (must_not_contain is None or must_not_contain not in out)
    check(name, ok, out)


desktop = os.path.join(BUILD, "data", APP_ID + ".desktop")
metainfo = os.path.join(BUILD, "data", APP_ID + ".metainfo.xml")
check("the desktop file is built", os.path.exists(desktop), desktop)
check("the metainfo is built", os.path.exists(metainfo), metainfo)
tool_check("desktop-file-validate", "desktop-file-validate", [desktop])
tool_check("appstreamcli validate --no-net", "appstreamcli",
           ["validate", "--no-net", "--explain", metainfo])

schemas = glob.glob(os.path.join(DATA, "*.gschema.xml"))
if schemas:
    with tempfile.TemporaryDirectory() as tmp:
        for s in schemas:
            shutil.copy(s, tmp)
        tool_check("glib-compile-schemas --strict", "glib-compile-schemas",
                   ["--strict", "--targetdir", tmp, tmp])
else:
    skip("glib-compile-schemas --strict", "no schema in data/ yet")

# The metainfo carries what GNOME Software shows.
root = ET.parse(metainfo).getroot() if os.path.exists(metainfo) else ET.Element("x")
check("metainfo has screenshots", len(root.findall("./screenshots/screenshot/image")) >= 1)
check("metainfo has releases", len(root.findall("./releases/release")) >= 1)
check("metainfo has a content rating", root.find("content_rating") is not None)
check("metainfo launches the desktop file",
      root.findtext("launchable") == APP_ID + ".desktop")

for svg in (f"icons/hicolor/scalable/apps/{APP_ID}.svg",
            f"icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg"):
    path = os.path.join(DATA, svg)
    try:
        el = ET.parse(path).getroot()
        ok = el.tag.endswith("svg") and el.get("viewBox") is not None
    except (OSError, ET.ParseError) as e:
        ok = False
    check(f"icon {os.path.basename(svg)} is an SVG with a viewBox", ok)

ini = configparser.ConfigParser()
ini.optionxform = str
ini.read(os.path.join(DATA, APP_ID + ".search-provider.ini"))
sp = ini["Shell Search Provider"] if ini.has_section("Shell Search Provider") else {}
check("search provider points at the service and the desktop file",
      sp.get("BusName") == "io.github.newsfacts.Facts1"
      and sp.get("DesktopId") == APP_ID + ".desktop"
      and sp.get("Version") == "2"
      and sp.get("ObjectPath", "").startswith("/io/github/newsfacts/Facts1"),
      str(dict(sp)))

for page in ("newsfacts.1", "newsfactsd.1"):
    path = os.path.join(DATA, "man", page)
    if shutil.which("man") is None:
        check(f"man page {page} has a title", ".TH " in open(path).read())
        continue
    env = dict(os.environ, MANWIDTH="80", LANG="C.UTF-8")
    p = subprocess.run(["man", "--warnings", "-l", path], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check(f"man page {page} renders without warnings",
          p.returncode == 0 and p.stderr.strip() == "" and "SYNOPSIS" in p.stdout,
          p.stderr)

rc, out = run(["bash", "-n", os.path.join(DATA, "completion", "newsfacts")])
check("bash completion parses", rc == 0, out)

# Translations: POTFILES.in names every file with marked strings, and
# every language in LINGUAS translates all of them.
PO = os.path.join(SRC, "po")
listed = {l.strip() for l in open(os.path.join(PO, "POTFILES.in"))
          if l.strip() and not l.startswith("#")}
marked = set()
for pattern in ("common/*.c", "service/*.c", "viewer/*.c", "viewer/*.ui",
                "viewer/gtk/*.ui", "data/*.desktop.in", "data/*.metainfo.xml.in",
                "data/*.gschema.xml"):
    for path in glob.glob(os.path.join(SRC, pattern)):
        text = open(path, encoding="utf-8").read()
        if ('_("' in text or 'N_("' in text or "ngettext (" in text
                or 'translatable="yes"' in text or "<summary>" in text
                or path.endswith(".in")):
            marked.add(os.path.relpath(path, SRC))
unlisted = sorted(marked - listed)
check("POTFILES.in lists every file with translatable strings", not unlisted,
      "not listed: " + ", ".join(unlisted))
gone = sorted(f for f in listed if not os.path.exists(os.path.join(SRC, f)))
check("POTFILES.in lists no missing file", not gone, ", ".join(gone))

if shutil.which("xgettext") and shutil.which("msgcmp"):
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "newsfacts.pot")
        keywords = ["--keyword=_", "--keyword=N_", "--keyword=C_:1c,2",
                    "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3",
                    "--keyword=g_dpgettext2:2c,3", "--keyword=ngettext:1,2"]
        rc, out = run(["xgettext", "--from-code=UTF-8", "--add-comments", "-o", pot,
                       "-D", SRC, "-f", os.path.join(PO, "POTFILES.in")] + keywords)
        check("xgettext extracts the strings", rc == 0, out)
        for lang in open(os.path.join(PO, "LINGUAS")).read().split():
            po = os.path.join(PO, lang + ".po")
            rc, out = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po])
            check(f"{lang}.po compiles with msgfmt --check", rc == 0, out)
            rc, out = run(["msgcmp", po, pot])
            check(f"{lang}.po translates every string of the sources", rc == 0, out)
else:
    skip("translations are complete", "gettext tools missing")

print(f"1..{len(results)}")
for i, (name, ok, detail, why) in enumerate(results, 1):
    if why is not None:
        print(f"ok {i} {name} # SKIP {why}")
        continue
    print(f"{'ok' if ok else 'not ok'} {i} {name}")
    if not ok and detail:
        for line in detail.strip().splitlines()[:20]:
            print(f"# {line}")
sys.exit(0)
