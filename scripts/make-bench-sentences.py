#!/usr/bin/env python3
"""Writes distinct English sentences found on this machine (Debian copyright and licence texts),
one a line, for benchmarks that need real sentence embeddings (seeded, reproducible).

  scripts/make-bench-sentences.py 4000 > sentences.txt
"""
import glob
import random
import re
import sys


def main():
    count = int(sys.argv[1])
    seen = set()
    sentences = []
    files = sorted(glob.glob("/usr/share/common-licenses/*") + glob.glob("/usr/share/doc/*/copyright"))
    for path in files:
        try:
            text = open(path, encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        text = re.sub(r"\s+", " ", text)
        for s in re.split(r"(?<=[.!?])\s+", text):
            words = s.split()
            if 6 <= len(words) <= 40 and s[0].isupper() and s not in seen and not re.search(r"[<>@{}|]|http|Copyright|\(c\)", s):
                seen.add(s)
                sentences.append(s)
    random.Random(20261128).shuffle(sentences)
    if len(sentences) < count:
        sys.exit(f"only {len(sentences)} sentences found, {count} asked")
    sys.stdout.write("\n".join(sentences[:count]) + "\n")


if __name__ == "__main__":
    main()
