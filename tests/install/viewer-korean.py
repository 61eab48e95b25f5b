#!/usr/bin/env python3
# Helper of test-install.py: runs an installed viewer under LANG=ko_KR.UTF-8
# (inside xvfb-run and dbus-run-session) and reads its controls through
# the accessibility bus, as a screen reader would.  Prints one JSON object:
# {"names": [...accessible names...]} or {"error": "..."}.
#
# Usage: viewer-korean.py PREFIX
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def wait_for(condition, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return None


def names_of(node, depth=0):
    if node is None or depth > 60:
        return
    try:
        yield node.get_name() or ""
        count = node.get_child_count()
    except Exception:
        return
    for i in range(count):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        yield from names_of(child, depth + 1)


def main():
    prefix = sys.argv[1]
    try:
        import gi
        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi
    except (ImportError, ValueError) as error:
        print(json.dumps({"skip": f"no Atspi bindings ({error})"}))
        return
    tmp = tempfile.mkdtemp(prefix="nf-ko-")
    env = dict(os.environ, LANG="ko_KR.UTF-8", GTK_A11Y="atspi",
               GSETTINGS_BACKEND="memory", XDG_DATA_HOME=tmp)
    for k in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "NO_AT_BRIDGE", "G_DEBUG"):
        env.pop(k, None)
    procs = []
    try:
        procs.append(subprocess.Popen(
            [os.path.join(prefix, "bin", "newsfactsd"), "--no-watch",
             "--db", os.path.join(tmp, "facts.db")], env=env))
        # On a loaded machine a fresh Xvfb may refuse the first client: start
        # the viewer again if it gives up on the display at once.
        for attempt in range(5):
            viewer = subprocess.Popen([os.path.join(prefix, "bin", "newsfacts-viewer")],
                                      env=env)
            try:
                viewer.wait(1.5)
            except subprocess.TimeoutExpired:
                break
            time.sleep(1)
        procs.append(viewer)
        Atspi.init()
        desktop = Atspi.get_desktop(0)

        def find_app():
            for i in range(desktop.get_child_count()):
                app = desktop.get_child_at_index(i)
                if app is not None and app.get_name() == "newsfacts-viewer":
                    return app
            return None

        app = wait_for(find_app, 60)
        if app is None:
            print(json.dumps({"error": "the viewer never showed on the accessibility bus"}))
            return
        # Wait until the window has filled in (the list reads the samples).
        names = wait_for(lambda: [n for n in names_of(app) if n]
                         if len(list(names_of(app))) > 20 else None, 30) or []
        print(json.dumps({"names": names}))
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


main()
