#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The story of the two seed articles, as `newsfacts parse --stories` prints it.

Both seeds in one call must make one story; the year-less "May 5" dateline
takes its year from the story (2020, not the latest year with a Tuesday
May 5); the four figures both give (28,500 troops, $870 million,
13 percent, 4,000 workers) agree, and "at least 13 percent" against
"13 percent" is reported as a qualifier difference with both sources.
Without --stories the output is one facts object per article.  Prints TAP.

Usage: check-stories.py NEWSFACTS SEEDS_DIR
"""

import json
import os
import subprocess
import sys

SEEDS = ["000_3fef9dc81930f8b6.txt", "004_f680026f844309a2.txt"]
SHARED = [("count", 28500), ("money", 870000000), ("percent", 13), ("count", 4000)]

results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def run(newsfacts, files, *options):
    out = subprocess.run([newsfacts, "parse", *options, *files], check=True,
                         capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def main():
    newsfacts, seeds_dir = sys.argv[1], sys.argv[2]
    files = [os.path.join(seeds_dir, name) for name in SEEDS]
    if not all(os.path.exists(f) for f in files):
        print("1..0 # SKIP no seeds in " + seeds_dir)
        return 0

    plain = run(newsfacts, files)
    check(len(plain) == 2 and all(o.get("schema") == "newsfacts/1" for o in plain),
          "without --stories: one facts object per article")

    objects = run(newsfacts, files, "--stories")
    articles = [o for o in objects if o.get("schema") == "newsfacts/1"]
    stories = [o for o in objects if o.get("schema") == "newsfacts-story/1"]
    check(len(articles) == 2, "two articles")
    check(len(stories) == 1, "one story", "%d stories" % len(stories))
    ids = {a["story"] for a in articles}
    check(len(ids) == 1 and None not in ids, "both articles carry the story id", str(ids))
    later = next(a for a in articles if a["source"] == SEEDS[1])
    check(later["published"] == "2020-05-05" and later["published_inferred"],
          "seed 004 is published 2020-05-05 (inferred)", str(later["published"]))
    if not stories:
        return report()
    story = stories[0]
    check(story["id"] in ids, "the story object has the articles' story id")
    check([a["source"] for a in story["articles"]] == SEEDS, "articles in time order")
    check(story["title"] and story["first"].startswith("2020-04-28")
          and story["last"] == "2020-05-05", "title and time span",
          "%s %s" % (story["first"], story["last"]))

    figures = story["figures"]
    if not any(f["articles"] > 1 for f in figures):
        print("1..0 # SKIP the figures stage gives no figures yet")
        return 0
    for kind, value in SHARED:
        matches = [f for f in figures if f["kind"] == kind and f["value"] == value]
        ok = len(matches) == 1 and matches[0]["articles"] == 2 \
            and matches[0]["agreement"] == "agree" \
            and {s["article"] for s in matches[0]["sources"]} == {a["id"] for a in articles}
        check(ok, "%s %s given by both articles and agreeing" % (kind, value),
              json.dumps(matches)[:300])
    percent = [f for f in figures if f["kind"] == "percent" and f["value"] == 13]
    diffs = percent[0]["differences"] if percent else []
    check(len(diffs) == 1 and diffs[0]["field"] == "qualifier"
          and diffs[0]["a"]["qualifier"] == "at least" and diffs[0]["b"]["qualifier"] is None
          and diffs[0]["a"]["article"] != diffs[0]["b"]["article"],
          "13 percent: 'at least' against none is a qualifier difference", json.dumps(diffs)[:300])
    others = [f for f in figures if f not in percent and f["differences"]]
    check(not others, "no other figure differs", json.dumps(others)[:300])
    return report()


def report():
    print("1..%d" % len(results))
    failed = 0
    for i, (ok, name, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            print("# " + detail)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
