#!/usr/bin/env python3
# make-corpus.py OUTDIR TARGET: the starting corpus of a fuzz target, made
# at run time in the build folder (research texts are never committed).
# It holds the target's own snippets (tests/fuzz/corpus/TARGET), the seed
# articles, and short snippets cut from the seeds and a sample of the BBC
# corpus: single paragraphs and headline + first paragraph, which are the
# sizes libFuzzer mutates best.
import hashlib
import os
import pathlib
import sys

out = pathlib.Path(sys.argv[1])
target = sys.argv[2]
here = pathlib.Path(__file__).resolve().parent
shared = pathlib.Path(os.environ.get("NF_SHARED_DIR", here / ".." / ".." / ".." / "shared"))
out.mkdir(parents=True, exist_ok=True)


def put(data: bytes) -> None:
    name = hashlib.sha1(data).hexdigest()
    (out / name).write_bytes(data)


for f in sorted((here / "corpus" / target).glob("*")):
    put(f.read_bytes())

texts = sorted((shared / "seeds").glob("*.txt"))
texts += sorted((shared / "corpus" / "bbc-news" / "bbc").glob("*/*.txt"))[::40]

if target == "fuzz-query":
    # Queries: runs of one to four words from the texts.
    for f in texts:
        words = f.read_bytes().split()
        for i in range(0, min(len(words), 200), 23):
            put(b" ".join(words[i:i + 1 + i % 4]))
    print(f"{len(list(out.iterdir()))} inputs in {out}")
    sys.exit(0)

for f in texts:
    data = f.read_bytes()
    if f.parent.name == "seeds":
        put(data)
    paragraphs = [p for p in data.split(b"\n\n") if p.strip()]
    for p in paragraphs[:6]:
        put(p + b"\n")
    if len(paragraphs) > 1:
        put(paragraphs[0] + b"\n\n" + paragraphs[1] + b"\n")

print(f"{len(list(out.iterdir()))} inputs in {out}")
