#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Score quotes, speakers and entities against annotated corpora.

Usage: quotes-eval.py NEWSFACTS [SHARED_DIR] [--split dev|train] [--tap]
       [--show N] [--context pronoun,named]

--show N prints the first N errors (missed and extra quotes, wrong
speakers); --context KINDS prints every error and, under each wrong
speaker of those kinds, the text around it with the gold Source in [[ ]];
"entities" among them lists MEANTIME's missed and extra entities.

PolNeAR (../shared/corpus/polnear, the `dev` split unless told): the gold
direct quotes are the parts of attribution Content spans that lie inside
quotation marks; a quote found by `newsfacts parse` is right when it
overlaps a gold quote by at least half of the shorter of the two.  Quotes
of a single word are scare quotes by our rules (not speech) and are left
out of the gold.  Speaker accuracy is counted on the matched quotes whose
gold has a Source: named sources directly, pronoun sources ("he") by the
named source they refer to, which PolNeAR does not give: the nearest named
Source annotated before whose gender and number fit (see antecedent());
the score by the nearest named Source alone is printed beside it.
A speaker is right when its head word (last content word) is among the
gold's words or the gold's head among its words.

MEANTIME (../shared/corpus/meantime): named people, organisations and
places (entity instances with a proper-name mention) in the part of each
article that is annotated (headline, date line, first four sentences,
which is the text given to the parser); a reported entity
matches a gold one of the same kind when one of its names equals one of
the gold's proper-name mentions, or for people when the surnames agree.

Prints the figures; with --tap, TAP lines that check them against the
targets (quote F1 >= 0.90, speaker accuracy >= 0.85 named and 0.80
pronoun, person F1 >= 0.75).
"""

import glob
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "them",
            "you", "his", "their", "its"}
STOP = {"a", "an", "the", "of", "in", "on", "for", "to", "and", "at", "by",
        "from", "with", "'s", "’s", "s", "mr", "mrs", "ms", "dr"}
OPEN = "“\"«„"
CLOSE = "”\"»"
TARGETS = {"quote_f1": 0.90, "named": 0.85, "pronoun": 0.80, "person_f1": 0.75}


def words(s):
    """Lowercased words without stop words or possessive endings
    ("Clinton’s" is Clinton)."""
    ws = [re.sub(r"['’]s$", "", w)
          for w in re.findall(r"[\w'’.-]+", (s or "").lower())]
    return [w for w in ws if w.strip(".") not in STOP]


def same_speaker(got, gold):
    g, w = words(got), words(gold)
    if not g or not w:
        return False
    return g[-1].strip(".") in {x.strip(".") for x in w} or \
        w[-1].strip(".") in {x.strip(".") for x in g}


def run_parse(newsfacts, files):
    """Runs `newsfacts parse` on files in batches; returns name → facts."""
    out = {}
    for i in range(0, len(files), 200):
        batch = files[i:i + 200]
        run = subprocess.run([newsfacts, "parse"] + batch, capture_output=True,
                             text=True, timeout=600)
        for line in run.stdout.splitlines():
            facts = json.loads(line)
            out[facts["source"]] = facts
    return out


# --- PolNeAR -------------------------------------------------------------

def read_ann(path):
    spans, rels = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0].startswith("T"):
                head = parts[1].split(" ", 1)
                if len(head) < 2:
                    continue
                ranges = []
                for r in head[1].split(";"):
                    a, b = r.split()
                    ranges.append((int(a), int(b)))
                spans[parts[0]] = (head[0], ranges)
            elif len(parts) >= 2 and parts[0].startswith("E"):
                roles = dict(p.split(":", 1) for p in parts[1].split())
                rels.append(roles)
    return spans, rels


def quoted_parts(text, start, end):
    """Parts of text[start:end] inside quotation marks (marks may sit just
    outside the span)."""
    if start > 0 and text[start - 1] in OPEN:
        start -= 1
    if end < len(text) and text[end] in CLOSE:
        end += 1
    parts, open_at = [], None
    for i in range(start, end):
        c = text[i]
        if open_at is None and (c in "“«„" or c == '"'):
            open_at = i + 1
        elif open_at is not None and (c in "”»" or c == '"'):
            parts.append((open_at, i))
            open_at = None
    if open_at is not None and end - open_at > 0:
        parts.append((open_at, end))
    return parts


def is_named(source):
    """A Source that names someone: "Trump", "Mr. Obama", "the Daily News";
    not "he", "The judge" or "The Republican presidential nominee" (a
    description: one capitalised adjective after an article)."""
    if source.lower().strip() in PRONOUNS:
        return False
    ws = source.split()
    caps = [w[:1].isupper() for w in ws]
    if ws and ws[0].lower() in ("the", "a", "an", "another", "this", "that"):
        return any(a and b for a, b in zip(caps[1:], caps[2:]))
    return any(caps)


LEXICON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                       "data", "lexicon")
FEMALE_WORDS = {"mrs", "ms", "madam", "woman", "wife", "mother", "daughter",
                "sister", "actress", "spokeswoman", "chairwoman",
                "congresswoman", "businesswoman", "grandmother", "lady", "girl"}
MALE_WORDS = {"mr", "man", "husband", "father", "son", "brother",
              "spokesman", "chairman", "congressman", "businessman",
              "grandfather", "boy"}
GROUP_HEADS = {"board", "campaign", "committee", "team", "staff", "party",
               "administration", "government", "department", "office",
               "poll", "survey", "study", "report", "statement", "account",
               "article", "book", "speech", "memo", "letter", "website",
               "tweet", "tweets", "ad", "video", "editorial", "column",
               "email", "excerpts", "release", "interview", "headline"}
QUANTIFIERS = {"some", "many", "most", "several", "all", "few", "both",
               "other", "two", "three", "four", "thousands", "hundreds"}


def read_names(name):
    try:
        with open(os.path.join(LEXICON, name), encoding="utf-8") as f:
            return {w.strip() for w in f if w.strip() and w[0] != "#"}
    except OSError:
        return set()


FEMALE_NAMES = read_names("female-names.txt")
MALE_NAMES = read_names("male-names.txt")
GIVEN_NAMES = read_names("given-names.txt")
ORG_WORDS = read_names("org-words.txt")
ORG_NAMES = {n.lower() for line in read_names("organizations.txt")
             if line.startswith("org|") for n in line.split("|")[1:]}


def core(source):
    """The name part of a Source, before its apposition or relative clause
    ("Mattie Thomas" of "Mattie Thomas, 66, a retired …")."""
    s = re.split(r",| \(| who | which | whose | that ", source, 1)[0]
    return [w.strip(".'’") for w in s.split() if w.strip(".'’")]


def gender(source, text):
    """"female", "male" or None (not known) for a named Source: from a noun
    or an honorific in its name part ("Mrs.", "his wife") or from the given
    name in it or before its surname in the article ("Phyllis Schlafly" for
    "Schlafly"), when all such given names agree."""
    ws = [w.lower() for w in core(source)]
    if set(ws) & FEMALE_WORDS:
        return "female"
    if set(ws) & MALE_WORDS:
        return "male"
    caps = [w for w in core(source) if w[:1].isupper()]
    if not caps:
        return None
    given = [caps[-2].lower()] if len(caps) >= 2 else []
    given += [g.lower() for g in re.findall(
        r"\b([A-Z][a-z]+) (?:[A-Z]\. )?" + re.escape(caps[-1]) + r"\b", text)]
    found = {"female" for g in given if g in FEMALE_NAMES} | \
        {"male" for g in given if g in MALE_NAMES}
    # a given name borne by both ("Chris") leaves it open
    if any(g in GIVEN_NAMES and g not in FEMALE_NAMES and g not in MALE_NAMES
           for g in given):
        return None
    return found.pop() if len(found) == 1 else None


def is_group(source, text=""):
    """A body, a text or several people ("Mexican officials", "some
    Republicans", "his campaign", "The Washington Post": a head that our
    lexicon files as an organisation word), which "he" or "she" cannot
    stand for."""
    ws = core(source)
    if not ws:
        return False
    head = ws[-1].lower()
    # one capitalised word that the article also writes in lower case is a
    # common noun opening a sentence ("Progressives", "Fact-checkers")
    if len(ws) == 1 and head != ws[0] and \
            re.search(r"\b" + re.escape(head) + r"\b", text):
        return True
    return ws[0].lower() in QUANTIFIERS or head in GROUP_HEADS or \
        head.split("-")[-1] in ORG_WORDS or head in ORG_NAMES or \
        (ws[-1][:1].islower() and head.endswith("s")
         and not head.endswith("ss"))


def antecedent(pronoun, pos, named, text):
    """The named Source a pronoun Source stands for: the nearest one
    annotated before it whose gender and number fit ("she" is not the
    "Walter Hewlett" quoted just before; "he" is not "Mexican officials");
    the nearest one when none fits."""
    before = [s for p, s in named if p < pos]
    want = {"he": "male", "she": "female"}.get(pronoun)
    for s in reversed(before):
        if want is not None:
            if not is_group(s, text) and gender(s, text) in (want, None):
                return s
        elif pronoun == "they":
            if gender(s, text) is None:
                return s
        else:
            return s
    return before[-1] if before else None


def described(source, pos, named, text):
    """The named Source a definite description stands for ("the Florida
    senator", "The Wisconsin Republican": "the", no name of its own, one
    person): the nearest one annotated before or after it whose gender
    fits (an article may name the senator only later); None for anything
    else ("a reporter" brings in someone new)."""
    ws = core(source)
    if is_named(source) or len(ws) < 2 or ws[0].lower() != "the" or \
            is_group(source, text):
        return None
    sex = gender(source, text)
    fits = [(abs(p - pos), s) for p, s in named
            if p != pos and not is_group(s, text) and
            (sex is None or gender(s, text) in (sex, None)) and
            core(s)[:1] != ws[:1]]
    return min(fits)[1] if fits else None


def gold_quotes(text, spans, rels, rule="fit"):
    sources = []
    for rel in rels:
        src = rel.get("Source")
        if src in spans:
            rng = spans[src][1]
            stext = " ".join(text[a:b] for a, b in rng)
            sources.append((rng[0][0], stext))
    sources.sort()
    named = [(p, s) for p, s in sources if is_named(s)]
    out = {}
    for rel in rels:
        content = rel.get("Content")
        if content not in spans:
            continue
        src = rel.get("Source")
        stext, kind, said = None, None, None
        if src in spans:
            rng = spans[src][1]
            stext = " ".join(text[a:b] for a, b in rng)
            kind = "pronoun" if stext.lower().strip() in PRONOUNS else "named"
            said = (stext, rng[0][0], described(stext, rng[0][0], named, text))
            if kind == "pronoun" and rule == "fit":
                stext = antecedent(stext.lower().strip(), rng[0][0], named,
                                   text)
            elif kind == "pronoun":
                before = [s for p, s in named if p < rng[0][0]]
                stext = before[-1] if before else None
        for a, b in spans[content][1]:
            for qs, qe in quoted_parts(text, a, b):
                inner = text[qs:qe].strip()
                if len(inner.split()) < 2:
                    continue
                out.setdefault((qs, qe), (stext, kind, said))
    return out


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def context_lines(text, gs, ge, said):
    """The text around a wrong speaker, for --context: from two sentences
    before the quote to the end of the gold Source, the Source in [[ ]]."""
    stext, at = said[:2]
    start = min(gs, at)
    for _ in range(3):
        cut = max(text.rfind(". ", 0, start - 1), text.rfind("\n", 0, start - 1))
        start = cut + 1 if cut >= 0 else 0
    end = max(ge, at + len(stext)) + 40
    snippet = text[start:at] + "[[" + text[at:at + len(stext)] + "]]" + \
        text[at + len(stext):end]
    return ("  ", " ".join(snippet.split()))


def score_polnear(newsfacts, shared, split, show, context=()):
    base = os.path.join(shared, "corpus", "polnear", "data", split)
    texts = sorted(glob.glob(os.path.join(base, "text", "*.txt")))
    facts = run_parse(newsfacts, texts)
    tp = fp = fn = 0
    spk = {"named": [0, 0], "pronoun": [0, 0], "nearest": [0, 0],
           "described": [0, 0]}
    errors = []
    for path in texts:
        name = os.path.basename(path)
        anns = sorted(glob.glob(os.path.join(base, "attributions",
                                             name[:-4] + "_*.ann")))
        if not anns:
            continue
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        ann = read_ann(anns[0])
        gold = gold_quotes(text, *ann)
        nearest = gold_quotes(text, *ann, rule="nearest")
        got = [(q["start"], q["end"], q) for q in
               facts.get(name, {}).get("quotes", [])]
        used = set()
        for (gs, ge), (stext, kind, said) in sorted(gold.items()):
            best, best_o = None, 0
            for i, (s, e, q) in enumerate(got):
                o = overlap((s, e), (gs, ge))
                if i not in used and o > best_o and \
                        o * 2 >= min(e - s, ge - gs):
                    best, best_o = i, o
            if best is None:
                fn += 1
                errors.append(("miss", name, text[gs:ge][:70], stext))
                continue
            used.add(best)
            tp += 1
            if stext is None or kind is None:
                continue
            q = got[best][2]
            # a description is also right as the name of whom it describes
            ok = same_speaker(q.get("speaker"), stext) or \
                (said[2] is not None and same_speaker(q.get("speaker"), said[2]))
            spk["described"][0] += ok and said[2] is not None
            spk["described"][1] += said[2] is not None
            spk[kind][0] += ok
            spk[kind][1] += 1
            if kind == "pronoun":
                spk["nearest"][0] += same_speaker(q.get("speaker"),
                                                  nearest[(gs, ge)][0])
                spk["nearest"][1] += 1
            if not ok:
                errors.append((kind, name, text[gs:ge][:50],
                               f"{q.get('speaker')!r} want {stext!r}"))
                if kind in context:
                    errors.append(context_lines(text, gs, ge, said))
        for i, (s, e, q) in enumerate(got):
            if i not in used:
                fp += 1
                errors.append(("extra", name, q["text"][:70], q.get("speaker")))
    for e in errors[:show]:
        print("#", *e)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"quote_p": p, "quote_r": r, "quote_f1": f1, "gold": tp + fn,
            "named": spk["named"][0] / max(1, spk["named"][1]),
            "named_n": spk["named"][1],
            "pronoun": spk["pronoun"][0] / max(1, spk["pronoun"][1]),
            "pronoun_n": spk["pronoun"][1],
            "nearest": spk["nearest"][0] / max(1, spk["nearest"][1]),
            "described": spk["described"][0] / max(1, spk["described"][1]),
            "described_n": spk["described"][1]}


# --- MEANTIME ------------------------------------------------------------

# MEANTIME annotates the headline (sentence 0), the date line and the first
# sentences of the body only; the rest is left out of the text we parse.
ANNOTATED_SENTENCES = 5
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "'s", "'", "n't", "%",
                   "’s"}


def meantime_doc(path):
    root = ET.parse(path).getroot()
    tokens = {}
    sentences = {}
    for t in root.iter("token"):
        tokens[t.get("t_id")] = t.text or ""
        if int(t.get("sentence")) <= ANNOTATED_SENTENCES:
            sentences.setdefault(int(t.get("sentence")), []).append(t.text or "")
    lines = []
    for n in sorted(sentences):
        out = ""
        for w in sentences[n]:
            if out and w not in NO_SPACE_BEFORE and not out.endswith(("(", "$")):
                out += " "
            out += w
        lines.append(out)
    text = "\n\n".join(lines) + "\n"
    markables = root.find("Markables")
    mentions, entities = {}, {}
    for m in markables:
        if m.tag == "ENTITY_MENTION":
            ids = [a.get("t_id") for a in m.iter("token_anchor")]
            mentions[m.get("m_id")] = (m.get("syntactic_type"),
                                       " ".join(tokens[i] for i in ids))
        elif m.tag == "ENTITY" and m.get("ent_type") in ("PER", "ORG", "LOC"):
            entities[m.get("m_id")] = {"type": m.get("ent_type"), "names": set()}
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target").get("m_id")
        if target not in entities:
            continue
        for src in rel.findall("source"):
            kind, surface = mentions.get(src.get("m_id"), (None, None))
            if kind == "NAM" and surface:
                entities[target]["names"].add(norm_name(surface))
    gold = [e for e in entities.values() if e["names"]]
    return text, gold


def norm_name(s):
    s = re.sub(r"\s+([.,'’])", r"\1", s)
    s = re.sub(r"^the\s+", "", s.strip(), flags=re.I)
    s = re.sub(r"['’]s$", "", s)
    return s.lower().replace(".", "")


KINDS = {"person": "PER", "organization": "ORG", "place": "LOC"}


def entity_matches(pred, gold):
    names = {norm_name(n) for n in [pred["name"]] + pred.get("aliases", [])}
    if names & gold["names"]:
        return True
    if gold["type"] == "PER":
        last = {n.split()[-1] for n in names if n}
        return any(g.split()[-1] in last for g in gold["names"] if g)
    return False


def score_meantime(newsfacts, shared, tmpdir, show=False):
    base = os.path.join(shared, "corpus", "meantime", "data",
                        "meantime_newsreader_english_oct15",
                        "intra-doc_annotation")
    paths = sorted(glob.glob(os.path.join(base, "*", "*.xml")))
    golds, files = {}, []
    for i, path in enumerate(paths):
        text, gold = meantime_doc(path)
        name = f"meantime-{i:03d}.txt"
        with open(os.path.join(tmpdir, name), "w", encoding="utf-8") as f:
            f.write(text)
        golds[name] = gold
        files.append(os.path.join(tmpdir, name))
    facts = run_parse(newsfacts, files)
    counts = {t: [0, 0, 0] for t in KINDS.values()}  # tp, pred, gold
    for name, gold in golds.items():
        preds = [e for e in facts.get(name, {}).get("entities", [])
                 if e["kind"] in KINDS]
        for t in KINDS.values():
            counts[t][2] += sum(1 for g in gold if g["type"] == t)
        for p in preds:
            t = KINDS[p["kind"]]
            counts[t][1] += 1
        matched = set()
        for g in gold:
            for i, p in enumerate(preds):
                if KINDS[p["kind"]] == g["type"] and entity_matches(p, g):
                    counts[g["type"]][0] += 1
                    matched.add(i)
                    break
            else:
                if show:
                    print("# entity miss", name, g["type"], sorted(g["names"]))
        for i, p in enumerate(preds):
            if show and i not in matched:
                print("# entity extra", name, KINDS[p["kind"]], p["name"])
    out = {}
    for t, (tp, pred, gold) in counts.items():
        p = min(1.0, tp / pred) if pred else 0.0
        r = tp / gold if gold else 0.0
        out[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
        if show:
            print("# entity counts", t, "tp", tp, "predicted", pred, "gold", gold)
    return out


def main():
    args = sys.argv[1:]
    tap = "--tap" in args
    split, show = "dev", 0
    if "--split" in args:
        split = args[args.index("--split") + 1]
    if "--show" in args:
        show = int(args[args.index("--show") + 1])
    context = ()
    if "--context" in args:
        context = args[args.index("--context") + 1].split(",")
        show = show or 100000
    pos = [a for i, a in enumerate(args) if not a.startswith("--")
           and (i == 0 or args[i - 1] not in ("--split", "--show", "--context"))]
    newsfacts = pos[0]
    here = os.path.dirname(os.path.abspath(__file__))
    shared = pos[1] if len(pos) > 1 else os.environ.get(
        "NF_SHARED_DIR", os.path.join(here, "..", "..", "..", "shared"))
    if not os.path.isdir(os.path.join(shared, "corpus", "polnear")):
        print("1..0 # SKIP ../shared/corpus is not beside the source tree")
        return 0

    import tempfile
    q = score_polnear(newsfacts, shared, split, show, context)
    with tempfile.TemporaryDirectory() as tmp:
        m = score_meantime(newsfacts, shared, tmp, "entities" in context)
    lines = [
        f"PolNeAR {split}: {q['gold']} gold quotes; quote P {q['quote_p']:.3f}"
        f" R {q['quote_r']:.3f} F1 {q['quote_f1']:.3f}",
        f"speaker accuracy: named {q['named']:.3f} (n={q['named_n']}),"
        f" pronoun {q['pronoun']:.3f} (n={q['pronoun_n']};"
        f" {q['nearest']:.3f} by the nearest named Source alone);"
        f" descriptions among the named {q['described']:.3f}"
        f" (n={q['described_n']})",
    ]
    for t in ("PER", "ORG", "LOC"):
        p, r, f = m[t]
        lines.append(f"MEANTIME {t}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    checks = [("quote F1", q["quote_f1"], TARGETS["quote_f1"]),
              ("named speaker accuracy", q["named"], TARGETS["named"]),
              ("pronoun speaker accuracy", q["pronoun"], TARGETS["pronoun"]),
              ("person F1", m["PER"][2], TARGETS["person_f1"])]
    if tap:
        print(f"1..{len(checks)}")
        for line in lines:
            print("#", line)
        failed = 0
        for i, (what, value, target) in enumerate(checks, 1):
            ok = value >= target
            failed += not ok
            print(f"{'ok' if ok else 'not ok'} {i} - {what} {value:.3f} >= {target}")
        return 1 if failed else 0
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
