#!/usr/bin/env python3
"""Writes distinct English sentences found on this machine, one a line, for benchmarks that need
real sentence embeddings (seeded, reproducible). Sources: Debian copyright and licence texts (the
default; a few thousand sentences), or the short descriptions of the packages apt knows about
(`packages`: about 60,000 distinct short texts on a Debian machine with package lists).

  scripts/make-bench-sentences.py 4000 > sentences.txt
  scripts/make-bench-sentences.py 51000 packages > descriptions.txt
"""
import glob
import random
import re
import subprocess
import sys


def package_descriptions():
    """The distinct short descriptions of `apt-cache dumpavail`, first letter upper-cased."""
    dump = subprocess.run(["apt-cache", "dumpavail"], capture_output=True, check=True).stdout
    seen = set()
    out = []
    for line in dump.decode("utf-8", errors="replace").splitlines():
        if line.startswith("Description: "):
            text = line[len("Description: "):].strip()
            text = text[:1].upper() + text[1:]
            if len(text.split()) >= 2 and text not in seen:
                seen.add(text)
                out.append(text)
    return out


def main():
    count = int(sys.argv[1])
    source = sys.argv[2] if len(sys.argv) > 2 else "licences"
    if source == "packages":
        sentences = package_descriptions()
        random.Random(20261128).shuffle(sentences)
        if len(sentences) < count:
            sys.exit(f"only {len(sentences)} package descriptions found, {count} asked")
        sys.stdout.write("\n".join(sentences[:count]) + "\n")
        return
    if source != "licences":
        sys.exit(f"unknown source {source!r}: licences or packages")
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
