#!/usr/bin/python3
# Measures newsfactsd on a private bus (times are round trips through
# the bus, client included): ingest throughput through D-Bus,
# search and page latency, and the service's memory, with N generated
# articles (NF_BENCH_ARTICLES, default 20000).  Prints TAP with the
# figures as comments.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

NAME = "io.github.newsfacts.Facts1"
ROOT = "/io/github/newsfacts/Facts1"
STORE = NAME + ".Store"
SRC = os.environ.get("NF_SOURCE_ROOT", ".")
BUILD = os.environ.get("NF_BUILD_ROOT", "build")
N = int(os.environ.get("NF_BENCH_ARTICLES", "20000"))
IN_FLIGHT = 32

n_tap = 0


def tap(ok, name):
    global n_tap
    n_tap += 1
    print(f"{'ok' if ok else 'not ok'} {n_tap} {name}", flush=True)


def call(bus, path, iface, method, args, reply, unpack=True):
    result = bus.call_sync(NAME, path, iface, method, args, GLib.VariantType(reply),
                           Gio.DBusCallFlags.NONE, 60000, None)
    return result.unpack() if unpack else result


def timed(fn, repeat=100):
    """Median and 99th percentile of @repeat calls, in ms."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2] * 1000, times[min(len(times) - 1, int(len(times) * 0.99))] * 1000


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    seeds = []
    for name in sorted(os.listdir(os.path.join(SRC, "data", "samples"))):
        with open(os.path.join(SRC, "data", "samples", name), encoding="utf-8") as f:
            seeds.append(f.read())
    tmp = tempfile.mkdtemp(prefix="nf-bench-")
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "data"), NF_SAMPLES_DIR="")
    db = os.path.join(tmp, "facts.db")
    service = subprocess.Popen([os.path.join(BUILD, "service", "newsfactsd"), "--db", db,
                                "--no-watch"], env=env)
    try:
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                call(bus, ROOT, "org.freedesktop.DBus.Properties", "Get",
                     GLib.Variant("(ss)", (STORE, "ArticleCount")), "(v)")
                break
            except GLib.Error:
                time.sleep(0.05)

        loop = GLib.MainLoop()
        state = {"next": 0, "pending": 0, "done": 0, "errors": 0}

        def send():
            while state["pending"] < IN_FLIGHT and state["next"] < N:
                i = state["next"]
                state["next"] += 1
                text = (seeds[i % len(seeds)] +
                        f"\n\nUpdate {i}: the negotiators met for round {i // 7} "
                        f"in city{i % 97}.\n")
                state["pending"] += 1
                bus.call(NAME, ROOT, STORE, "Ingest",
                         GLib.Variant("(ssa{sv})", (f"bench-{i}.txt", text, {})),
                         GLib.VariantType("(o)"), Gio.DBusCallFlags.NONE, 120000, None,
                         done, None)

        def done(source, result, _data):
            state["pending"] -= 1
            try:
                source.call_finish(result)
                state["done"] += 1
            except GLib.Error:
                state["errors"] += 1
            send()
            if state["pending"] == 0 and state["next"] >= N:
                loop.quit()

        start = time.perf_counter()
        send()
        loop.run()
        took = time.perf_counter() - start
        rate = state["done"] / took
        print(f"# ingested {state['done']} articles through D-Bus in {took:.1f} s: "
              f"{rate:.0f} articles/s ({state['errors']} errors)")
        tap(state["errors"] == 0 and state["done"] == N, f"{N} articles ingested")

        count = call(bus, ROOT, "org.freedesktop.DBus.Properties", "Get",
                     GLib.Variant("(ss)", (STORE, "ArticleCount")), "(v)")[0]
        tap(count == N, f"ArticleCount is {count}")

        def search(q, offset=0, limit=50, unpack=True):
            return lambda: call(bus, ROOT, STORE, "Search",
                                GLib.Variant("(suu)", (q, offset, limit)), "(uao)",
                                unpack)
        for label, q, off in (("list, first page", "", 0),
                              ("list, page at offset 10000", "", min(10000, N - 50)),
                              ("common word (every article)", "korea", 0),
                              ("rare word (one article)", f"city{N % 97} round", 0),
                              ("prefix", "negotiat*", 0),
                              ("phrase", '"defense cost"', 0)):
            p50, p99 = timed(search(q, off, unpack=False))
            total = search(q, off)()[0]
            print(f"# Search {label}: p50 {p50:.1f} ms, p99 {p99:.1f} ms, total {total}")
        paths = search("", 0, 100)()[1]
        p50, p99 = timed(lambda: call(bus, ROOT, STORE, "GetArticles",
                                      GLib.Variant("(aoas)", (paths, [])), "(aa{sv})",
                                      False))
        print(f"# GetArticles, 100 articles, list fields: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        p50, p99 = timed(lambda: call(bus, paths[0], "org.freedesktop.DBus.Properties",
                                      "GetAll", GLib.Variant("(s)", (NAME + ".Article",)),
                                      "(a{sv})", False))
        print(f"# Article GetAll: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        p50, p99 = timed(lambda: call(bus, paths[0], NAME + ".Article", "GetJson",
                                      None, "(s)", False))
        print(f"# Article GetJson: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        p50, p99 = timed(lambda: bus.call_sync(NAME, ROOT, "org.freedesktop.DBus.Peer", "Ping",
                                               None, None, Gio.DBusCallFlags.NONE, 60000,
                                               None))
        print(f"# Peer.Ping (the bus itself): p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        rss = rss_kib(service.pid)
        size = os.path.getsize(db) + (os.path.getsize(db + "-wal") if os.path.exists(db + "-wal") else 0)
        print(f"# newsfactsd RSS {rss / 1024:.1f} MiB with {count} articles; "
              f"database {size / 1048576:.1f} MiB")
        tap(rss < 200 * 1024, "the service stays under 200 MiB")
    finally:
        service.terminate()
        service.wait(timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"1..{n_tap}")


if __name__ == "__main__":
    if "DBUS_SESSION_BUS_ADDRESS" not in os.environ:
        os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable] + sys.argv)
    main()
