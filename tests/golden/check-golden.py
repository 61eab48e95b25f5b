#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Golden test: compare the facts of the seed articles with the spec.

Runs `newsfacts parse` once on every article in the examples folder (all in
one call, so that story evidence applies as it would for a user) and
compares one group of keys with `*.expected.json`, as
`spec/facts-json.md` describes: lists mean "any of these", items marked
optional may be reported or not, names under `entities_optional` may be
reported or not, and anything else reported counts against precision (here:
fails).  Prints TAP, one test per article.

Usage: check-golden.py NEWSFACTS EXAMPLES_DIR SEEDS_DIR GROUP
GROUP is one of: structure, published, quotes, figures, dates, entities,
acronyms, offsets.
"""

import json
import os
import re
import subprocess
import sys

STOPWORDS = {
    "a", "an", "the", "of", "in", "on", "to", "for", "with", "by", "at",
    "what", "that", "which", "and", "or", "its", "their", "it", "under",
}


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


def as_list(v):
    return v if isinstance(v, list) else [v]


def content_words(s):
    return {w for w in re.findall(r"[a-z0-9]+", (s or "").lower())
            if w not in STOPWORDS}


class Checker:
    def __init__(self, name):
        self.name = name
        self.problems = []

    def fail(self, msg):
        self.problems.append(msg)

    def equal(self, what, actual, expected):
        if actual != expected:
            self.fail(f"{what}: got {actual!r}, want {expected!r}")


def check_structure(c, got, want):
    for key in ("headline", "byline", "agency", "dateline", "captions",
                "related", "contacts"):
        c.equal(key, got.get(key), want.get(key))
    for key in ("schema", "id", "source", "headline", "byline", "agency",
                "dateline", "published", "published_inferred", "brief",
                "body", "quotes", "figures", "dates", "entities", "acronyms",
                "captions", "related", "contacts", "story"):
        if key not in got:
            c.fail(f"key {key!r} missing")
    body = got.get("body") or ""
    furniture = ["Send to", "(END)", "(AFP-Yonhap)"]
    furniture += want.get("related", []) + want.get("captions", [])
    furniture += want.get("contacts", [])
    for item in furniture:
        if item and item in body:
            c.fail(f"body holds furniture {item!r}")


def check_published(c, got, want):
    c.equal("published", got.get("published"), want.get("published"))


def match_quote(actual, expected):
    return norm(actual.get("text")) == norm(expected["text"])


def check_quotes(c, got, want):
    actual = list(got.get("quotes") or [])
    for exp in want.get("quotes", []):
        found = [q for q in actual if match_quote(q, exp)]
        if not found:
            if not exp.get("optional"):
                c.fail(f"quote missing: {exp['text'][:60]!r}")
            continue
        q = found[0]
        actual.remove(q)
        speakers = [s.lower() for s in
                    as_list(exp["speaker"]) + exp.get("speaker_aliases", [])]
        if (q.get("speaker") or "").lower() not in speakers:
            c.fail(f"quote {exp['text'][:40]!r}: speaker {q.get('speaker')!r},"
                   f" want one of {speakers}")
        c.equal(f"quote {exp['text'][:40]!r} speaker_kind",
                q.get("speaker_kind"), exp["speaker_kind"])
        if "verb" in exp:
            c.equal(f"quote {exp['text'][:40]!r} verb", q.get("verb"),
                    exp["verb"])
        c.equal(f"quote {exp['text'][:40]!r} partial", bool(q.get("partial")),
                bool(exp.get("partial", False)))
        if "speaker_role" in exp:
            c.equal(f"quote {exp['text'][:40]!r} speaker_role",
                    (q.get("speaker_role") or "").lower(),
                    exp["speaker_role"].lower())
    for q in actual:
        c.fail(f"extra quote: {q.get('text', '')[:60]!r}")


def check_figures(c, got, want):
    actual = list(got.get("figures") or [])
    for exp in want.get("figures", []):
        found = [f for f in actual if norm(f.get("text")) == norm(exp["text"])]
        if not found:
            if not exp.get("optional"):
                c.fail(f"figure missing: {exp['text']!r}")
            continue
        f = found[0]
        actual.remove(f)
        label = f"figure {exp['text']!r}"
        c.equal(f"{label} kind", f.get("kind"), exp["kind"])
        if f.get("value") is None or abs(f["value"] - exp["value"]) > 1e-9:
            c.fail(f"{label} value: got {f.get('value')!r}, want {exp['value']}")
        c.equal(f"{label} unit", f.get("unit"), exp["unit"])
        c.equal(f"{label} qualifier", f.get("qualifier"), exp.get("qualifier"))
        if "subject" in exp:
            shared = content_words(f.get("subject")) & content_words(exp["subject"])
            if not shared:
                c.fail(f"{label} subject {f.get('subject')!r} shares no word "
                       f"with {exp['subject']!r}")
    for f in actual:
        c.fail(f"extra figure: {f.get('text')!r}")


def check_dates(c, got, want):
    actual = list(got.get("dates") or [])
    for exp in want.get("dates", []):
        found = [d for d in actual if norm(d.get("text")) == norm(exp["text"])]
        if not found:
            if not exp.get("optional"):
                c.fail(f"date missing: {exp['text']!r}")
            continue
        d = found[0]
        actual.remove(d)
        if exp.get("optional") and exp.get("value") is None:
            continue
        if d.get("value") not in as_list(exp.get("value")):
            c.fail(f"date {exp['text']!r} value: got {d.get('value')!r}, "
                   f"want {exp.get('value')!r}")
    for d in actual:
        c.fail(f"extra date: {d.get('text')!r} = {d.get('value')!r}")


def entity_names(e):
    return [e.get("name") or ""] + list(e.get("aliases") or [])


def check_entities(c, got, want):
    actual = list(got.get("entities") or [])
    known = set()
    for exp in want.get("entities", []):
        names = {n.lower() for n in entity_names(exp)}
        known |= names
        found = [e for e in actual
                 if {n.lower() for n in entity_names(e)} & names]
        if not found:
            c.fail(f"entity missing: {exp['name']!r}")
            continue
        e = found[0]
        label = f"entity {exp['name']!r}"
        got_names = {n.lower() for n in entity_names(e)}
        if exp["name"].lower() not in got_names:
            c.fail(f"{label}: reported as {e.get('name')!r} without that name")
        for alias in exp.get("aliases", []):
            if alias.lower() not in got_names:
                c.fail(f"{label}: alias {alias!r} missing (have {sorted(got_names)})")
        c.equal(f"{label} kind", e.get("kind"), exp["kind"])
        if "role" in exp:
            c.equal(f"{label} role", (e.get("role") or "").lower(),
                    exp["role"].lower())
        for other in found[1:]:
            c.fail(f"{label} reported more than once: {other.get('name')!r}")
        for e2 in found:
            actual.remove(e2)
    optional = {n.lower() for n in want.get("entities_optional", [])}
    for e in actual:
        names = {n.lower() for n in entity_names(e)}
        if not names & (optional | known):
            c.fail(f"extra entity: {e.get('name')!r} ({e.get('kind')})")


def check_acronyms(c, got, want):
    g = sorted((a.get("short"), a.get("long")) for a in got.get("acronyms") or [])
    w = sorted((a["short"], a["long"]) for a in want.get("acronyms", []))
    c.equal("acronyms", g, w)


def check_offsets(c, got, want, text):
    for key in ("quotes", "figures", "dates"):
        for item in got.get(key) or []:
            s, e = item.get("start"), item.get("end")
            if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s <= e <= len(text):
                c.fail(f"{key} {item.get('text')!r}: bad span {s}..{e}")
                continue
            if norm(text[s:e]) != norm(item.get("text")):
                c.fail(f"{key} {item.get('text')!r}: span holds {text[s:e]!r}")


CHECKS = {
    "structure": check_structure,
    "published": check_published,
    "quotes": check_quotes,
    "figures": check_figures,
    "dates": check_dates,
    "entities": check_entities,
    "acronyms": check_acronyms,
}


def main():
    if len(sys.argv) != 5 or sys.argv[4] not in list(CHECKS) + ["offsets"]:
        print(__doc__, file=sys.stderr)
        return 2
    newsfacts, examples, seeds, group = sys.argv[1:]
    if not os.path.isdir(examples) or not os.path.isdir(seeds):
        print("1..0 # SKIP ../shared is not beside the source tree")
        return 0

    wanted = sorted(f for f in os.listdir(examples) if f.endswith(".expected.json"))
    files = [os.path.join(seeds, f.replace(".expected.json", ".txt")) for f in wanted]
    run = subprocess.run([newsfacts, "parse"] + files, capture_output=True,
                         text=True, timeout=60)
    results = {}
    for line in run.stdout.splitlines():
        obj = json.loads(line)
        results[obj.get("source")] = obj

    print(f"1..{len(wanted)}")
    failed = 0
    for i, name in enumerate(wanted, 1):
        want = json.load(open(os.path.join(examples, name), encoding="utf-8"))
        c = Checker(want["source"])
        got = results.get(want["source"])
        if got is None:
            c.fail(f"no output (exit {run.returncode}): {run.stderr.strip()}")
        elif group == "offsets":
            with open(os.path.join(seeds, want["source"]), encoding="utf-8-sig", newline="") as f:
                text = f.read()
            check_offsets(c, got, want, text)
        else:
            CHECKS[group](c, got, want)
        ok = not c.problems
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {i} - {group}: {want['source']}")
        for p in c.problems:
            print(f"# {p}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
