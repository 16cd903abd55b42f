#!/usr/bin/env python3
"""Writes a synthetic JSON Lines corpus for the indexing benchmark (seeded, reproducible).

  scripts/make-bench-corpus.py short 100000 > short.jsonl   # ~20-word documents
  scripts/make-bench-corpus.py long 10000 > long.jsonl      # ~1,500-word documents in paragraphs
"""
import json
import random
import sys

WORDS = ("river mountain city engine market garden library signal theory music winter harbour forest "
         "network bridge language festival desert island planet museum factory village ocean railway "
         "camera doctor teacher farmer pilot student painter writer engineer soldier singer").split()
VERBS = "builds explores repairs describes measures paints studies crosses follows protects".split()
SECTIONS = ["science", "sports", "travel", "history", "arts"]


def sentence(rnd):
    n = rnd.randint(8, 16)
    words = [rnd.choice(WORDS) if i % 3 else rnd.choice(VERBS) for i in range(n)]
    return " ".join(words).capitalize() + "."


def main():
    kind, count = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(20261128)
    out = sys.stdout
    for i in range(count):
        if kind == "short":
            text = sentence(rnd) + " " + sentence(rnd)
        else:
            paragraphs = []
            words = 0
            while words < 1500:
                para = " ".join(sentence(rnd) for _ in range(rnd.randint(3, 8)))
                words += len(para.split())
                paragraphs.append(para)
            text = "\n\n".join(paragraphs)
        doc = {"id": f"{kind}-{i}", "title": f"{kind} document {i}", "text": text,
               "section": SECTIONS[i % len(SECTIONS)], "year": 1950 + i % 75}
        out.write(json.dumps(doc) + "\n")


if __name__ == "__main__":
    main()
