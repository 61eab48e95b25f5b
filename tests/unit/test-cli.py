#!/usr/bin/env python3
# test-cli.py: `newsfacts parse` on a mix of good and bad files
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built binary (argv[1]) the way a user would and checks what a
# user sees: one JSON line per good file, one error line naming each bad
# file, the exit status, --help and --version.  Prints TAP.

import json
import os
import subprocess
import sys
import tempfile

NEWSFACTS = sys.argv[1]
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(*args, stdin=None):
    proc = subprocess.run([NEWSFACTS, *args], input=stdin, capture_output=True,
                          timeout=60)
    return (proc.returncode, proc.stdout.decode("utf-8"),
            proc.stderr.decode("utf-8"))


GOOD = ("Talks stall in Seoul\n\nSEOUL, May 5 (Yonhap) -- Talks stalled on "
        "Tuesday, officials said.\n\nBoth sides left. (Yonhap)\n")

with tempfile.TemporaryDirectory() as tmp:
    def write(name, data):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    good = write("good.txt", GOOD.encode("utf-8"))
    crlf = write("crlf.txt", GOOD.replace("\n", "\r\n").encode("utf-8"))
    bom = write("bom.txt", b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    utf16 = write("utf16.txt", GOOD.encode("utf-16"))
    cp1252 = write("cp1252.txt", GOOD.replace("Talks stalled",
                                              "\u201cTalks\u201d stalled")
                   .encode("cp1252"))
    binary = write("binary.bin", bytes(range(256)) * 4)
    nul = write("nul.txt", GOOD.encode("utf-8").replace(b"Both", b"Bo\0th"))
    empty = write("empty.txt", b"")
    blank = write("blank.txt", b" \r\n\t\n")
    big = write("big.txt", GOOD.encode("utf-8") * 100)
    bad = write("bad.txt", b"Head\n\nBody \x81\x8d text.\n")
    missing = os.path.join(tmp, "missing.txt")

    goods = [good, crlf, bom, utf16, cp1252]
    bads = [binary, nul, empty, blank, big, bad, missing, tmp]
    mixed = [good, binary, crlf, nul, bom, empty, utf16, blank, big, cp1252,
             bad, missing, tmp]

    status, out, err = run("parse", "--max-size", "4096", *mixed)
    lines = out.splitlines()
    errors = [l for l in err.splitlines() if ": warning: " not in l]
    warnings = [l for l in err.splitlines() if ": warning: " in l]
    check("mixed call exits 1", status == 1, f"status {status}")
    check("one JSON line per good file", len(lines) == len(goods),
          f"{len(lines)} lines")
    parsed = [json.loads(l) for l in lines]
    check("good files in the order given",
          [p["source"] for p in parsed] == [os.path.basename(g) for g in goods],
          str([p["source"] for p in parsed]))
    check("every good file has its headline",
          all(p["headline"] == "Talks stall in Seoul" for p in parsed))
    check("every good file has its dateline and agency",
          all(p["dateline"] == "SEOUL" and p["agency"] == "Yonhap"
              for p in parsed))
    check("CRLF body has no carriage return",
          all("\r" not in p["body"] for p in parsed))
    check("one error line per bad file", len(errors) == len(bads),
          "\n".join(errors))
    for path in bads:
        mine = [l for l in errors if l.startswith(f"newsfacts: {path}: ")]
        check(f"error line names {os.path.basename(path)}", len(mine) == 1,
              "\n".join(errors))
    check("binary is called binary",
          any("binary" in l for l in errors if binary in l))
    check("NUL is called binary",
          any("NUL" in l for l in errors if nul in l))
    check("empty is called empty",
          all("empty" in l for l in errors if empty in l or blank in l))
    check("too large names the limit",
          any("4096" in l and "too large" in l for l in errors if big in l))
    check("missing file says so",
          any("No such file" in l for l in errors if missing in l))
    check("Windows-1252 warns", any(cp1252 in l for l in warnings),
          "\n".join(warnings))
    check("UTF-16 with a mark does not warn",
          not any(utf16 in l for l in warnings))

    status, out, err = run("parse", *goods)
    check("all good files exit 0", status == 0 and len(out.splitlines()) == 5,
          err)

    status, out, err = run("parse", "--pretty", good)
    check("--pretty indents one object", status == 0 and out.count("\n") > 10
          and json.loads(out)["headline"] == "Talks stall in Seoul")

    status, out, err = run("parse", "-", stdin=GOOD.encode("utf-8"))
    check("standard input is read", status == 0
          and json.loads(out)["source"] == "-")
    status, out, err = run("parse", "--max-size", "100", "-",
                           stdin=GOOD.encode("utf-8") * 10)
    check("standard input over the limit fails", status == 1
          and err.startswith("newsfacts: -: too large"), err)

    plain = write("plain.txt", b"Plain headline\n\nA body with no date.\n")
    status, out, err = run("parse", "--published", "2020-05-05", plain, good)
    first, second = [json.loads(l) for l in out.splitlines()]
    check("--published fills a missing date", first["published"] == "2020-05-05",
          str(first["published"]))
    check("--published gives a year to a dateline",
          second["published"] == "2020-05-05", str(second["published"]))
    for bad_date in ("2020-13-01", "yesterday", "2020-02-30", ""):
        status, out, err = run("parse", "--published", bad_date, plain)
        check(f"--published {bad_date!r} is a usage error",
              status == 2 and out == "" and "--published" in err
              and len(err.splitlines()) == 1, err)

    status, out, err = run("parse", "--max-size", "0", plain)
    check("--max-size 0 is a usage error", status == 2 and out == "", err)
    status, out, err = run("parse")
    check("no file is a usage error", status == 2 and "no file" in err, err)
    status, out, err = run("parse", "--frobnicate", plain)
    check("unknown option is a usage error", status == 2, err)

status, out, err = run("--help")
check("--help prints usage on stdout", status == 0
      and out.startswith("Usage: newsfacts") and "parse" in out)
status, out, err = run("parse", "--help")
check("parse --help lists its options", status == 0 and "--published" in out
      and "--max-size" in out and "--pretty" in out)
status, out, err = run("--version")
check("--version prints the version", status == 0
      and out.startswith("newsfacts ") and out.strip().split()[-1][0].isdigit())
status, out, err = run("frobnicate")
check("unknown command exits 2", status == 2 and "frobnicate" in err)
status, out, err = run()
check("no command exits 2 with usage", status == 2 and "Usage" in err)

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and detail:
        for line in detail.splitlines():
            print(f"# {line}")
