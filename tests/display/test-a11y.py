#!/usr/bin/env python3
# test-a11y.py: the viewer seen through the accessibility bus (AT-SPI)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the real newsfactsd (temporary store, filled with the samples) and
# the real newsfacts-viewer under Xvfb on a private session bus, then reads
# the viewer the way a screen reader does: every control must have a name,
# and the article list must read out the two sample headlines.  Prints TAP.

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

SEED_HEADLINES = [
    "U.S. expects S. Korea to be flexible in defense cost-sharing talks: "
    "official",
    "US looking for further compromise from S. Korea in defense cost talks: "
    "State Department",
]
CONTROLS = {"push button", "toggle button", "entry", "text", "menu button",
            "check box", "radio button", "spin button", "link"}


def skip_all(reason):
    print(f"1..0 # SKIP {reason}")
    sys.exit(0)


def reexec_under_display():
    if os.environ.get("NF_DISPLAY_TEST_INNER"):
        # TAP goes to the descriptor kept for it; standard output belongs
        # to the session bus, whose services (the accessibility registry)
        # print there too.
        tap_fd = os.environ.get("NF_TAP_FD")
        if tap_fd:
            sys.stdout = os.fdopen(int(tap_fd), "w", buffering=1)
        return
    xvfb = shutil.which("xvfb-run")
    dbus = shutil.which("dbus-run-session")
    if not xvfb or not dbus:
        skip_all("xvfb-run or dbus-run-session is not installed")
    env = dict(os.environ, NF_DISPLAY_TEST_INNER="1")
    # Start the search for a free display at a random number: many test
    # runs on one machine all starting at :99 race for it.
    first = str(random.randint(100, 2000))
    argv = [xvfb, "-a", "-n", first, "-s", "-screen 0 1280x800x24", dbus,
            "--", sys.executable] + sys.argv
    # Keep the real standard output as descriptor 3 for TAP and give the
    # display and bus standard error instead.
    tap_fd = os.dup(1)
    os.set_inheritable(tap_fd, True)
    os.dup2(2, 1)
    env["NF_TAP_FD"] = str(tap_fd)
    os.execve(xvfb, argv, env)


def name_owned(name):
    out = subprocess.run(
        ["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
         "--object-path", "/org/freedesktop/DBus",
         "--method", "org.freedesktop.DBus.NameHasOwner", name],
        capture_output=True, text=True)
    return "true" in out.stdout


def wait_for(condition, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return None


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        n = node.get_child_count()
    except Exception:
        return
    for i in range(n):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def main():
    reexec_under_display()
    try:
        import gi
        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi
    except (ImportError, ValueError) as error:
        skip_all(f"python3-gi with Atspi 2.0 is missing ({error})")

    build = os.environ.get("NF_BUILD_ROOT", ".")
    source = os.environ.get("NF_SOURCE_ROOT", ".")
    service = os.path.join(build, "service", "newsfactsd")
    viewer = os.path.join(build, "viewer", "newsfacts-viewer")
    if not os.access(service, os.X_OK):
        skip_all(f"{service} is not built")

    tmp = tempfile.mkdtemp(prefix="nf-a11y-")
    env = dict(os.environ, NF_SAMPLES_DIR=os.path.join(source, "data",
                                                       "samples"),
               GTK_A11Y="atspi", GSETTINGS_BACKEND="memory",
               XDG_DATA_HOME=tmp)
    env.pop("NO_AT_BRIDGE", None)
    procs = []
    failures = 0
    count = 0

    def check(ok, what, note=None):
        nonlocal failures, count
        count += 1
        print(f"{'ok' if ok else 'not ok'} {count} {what}")
        if note:
            for line in str(note).splitlines():
                print(f"#   {line}")
        if not ok:
            failures += 1

    try:
        procs.append(subprocess.Popen(
            [service, "--db", os.path.join(tmp, "facts.db"), "--no-watch"],
            env=env))
        if not wait_for(lambda: name_owned("io.github.newsfacts.Facts1"),
                        20):
            skip_all("newsfactsd did not take its name")
        # On a loaded machine a fresh Xvfb may refuse the first client:
        # try the viewer again if it gives up on the display at once.
        for attempt in range(5):
            viewer_proc = subprocess.Popen([viewer], env=env)
            try:
                viewer_proc.wait(1.5)
            except subprocess.TimeoutExpired:
                break
            print(f"# the viewer exited at once ({viewer_proc.returncode}); "
                  "trying again")
            time.sleep(1)
        procs.append(viewer_proc)

        Atspi.init()
        desktop = Atspi.get_desktop(0)

        def find_app():
            for i in range(desktop.get_child_count()):
                app = desktop.get_child_at_index(i)
                if app is not None and app.get_name() == "newsfacts-viewer":
                    return app
            return None

        def headlines_read(app):
            names = {n.get_name() for n in walk(app)}
            return all(h in names for h in SEED_HEADLINES) and names

        print("1..3")
        app = wait_for(find_app, 20)
        check(app is not None, "the viewer is on the accessibility bus")
        if app is None:
            return 1
        names = wait_for(lambda: headlines_read(app), 20)
        check(names is not None,
              "the article list reads out both sample headlines")

        if os.environ.get("NF_A11Y_DUMP"):
            for node in walk(app):
                print("#", node.get_role_name(), repr(node.get_name()),
                      node.get_state_set().contains(Atspi.StateType.VISIBLE))
        unnamed = []
        n_controls = 0
        for node in walk(app):
            try:
                role = node.get_role_name()
                # GTK 4.8 sets VISIBLE, not SHOWING, on what is on screen
                showing = node.get_state_set().contains(Atspi.StateType.VISIBLE)
            except Exception:
                continue
            if role in CONTROLS and showing:
                n_controls += 1
                name = (node.get_name() or "").strip()
                # Without a name GTK 4.8 falls back to the type name.
                if not name or re.fullmatch(r"(Gtk|Adw|Nf)[A-Z]\w*", name):
                    parent = node.get_parent()
                    unnamed.append(f"{role} in {parent.get_role_name()} "
                                   f"'{parent.get_name()}'" if parent
                                   else role)
        check(n_controls > 0 and not unnamed,
              f"all {n_controls} controls on screen have a name",
              "\n".join(unnamed) if unnamed else None)
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
