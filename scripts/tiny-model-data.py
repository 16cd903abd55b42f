#!/usr/bin/env python3
"""Builds the sentence files the tiny model is distilled on, from packages installed here.

Sources (nothing is downloaded):
  * WordNet 3.0 (Debian package wordnet-base, WordNet 3.0 license, a BSD-like permissive license,
    /usr/share/doc/wordnet-base/copyright): from every synset of data.noun, data.verb, data.adj and
    data.adv, its gloss as "lemma: definition" and each quoted usage example as it is.
  * Manual pages under /usr/share/man/man1 (various free licenses, those of each package): the NAME
    line of each page, "name - description", when the page is plain roff with a .SH NAME section;
    only pages a Debian package owns (dpkg -S), and not the thousands of near-identical
    gcloud/bq/gsutil pages of the Google Cloud SDK.

Deterministic: the same installed files give the same output. Texts are whitespace-normalized,
deduplicated case-sensitively, ordered by their SHA-1, and split by hash into train and eval, so
the two files never share a text.

Usage: scripts/tiny-model-data.py OUT_DIR [--eval-percent 2] [--max-train N]
Writes OUT_DIR/train.txt and OUT_DIR/eval.txt (one sentence a line), OUT_DIR/man-pages.txt (the
man pages train.txt quotes, to find their packages and licenses with dpkg -S) and prints counts.
"""

import argparse
import gzip
import hashlib
import os
import re
import subprocess
import sys

WORDNET = "/usr/share/wordnet"
MAN1 = "/usr/share/man/man1"


def wordnet_sentences():
    for pos in ("noun", "verb", "adj", "adv"):
        path = os.path.join(WORDNET, "data." + pos)
        with open(path, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  ") or "|" not in line:
                    continue  # the license header
                fields, gloss = line.split("|", 1)
                parts = fields.split()
                lemma = parts[4].replace("_", " ")
                lemma = re.sub(r"\([a-z]+\)$", "", lemma)  # adjective markers like (a)
                pieces = [p.strip() for p in gloss.strip().split(";")]
                definition = "; ".join(p for p in pieces if p and not p.startswith('"'))
                if definition:
                    yield "wordnet", lemma + ": " + definition
                for example in re.findall(r'"([^"]+)"', gloss):
                    yield "wordnet", example


ROFF = re.compile(r"\\f[BIRP]|\\f\(..|\\\*\(..|\\&|\\[eE]")


def dpkg_owned(paths):
    """The paths a Debian package owns (pages installed by other means are left out)."""
    owned = set()
    for i in range(0, len(paths), 500):
        result = subprocess.run(["dpkg", "-S"] + paths[i : i + 500], capture_output=True, text=True)
        for line in result.stdout.splitlines():
            if ": " in line and not line.startswith("diversion "):
                owned.add(line.split(": ", 1)[1].strip())
    return owned


def man_sentences():
    if not os.path.isdir(MAN1):
        return
    names = [
        n
        for n in sorted(os.listdir(MAN1))
        if n.endswith(".gz") and not n.startswith(("gcloud", "bq", "gsutil"))
    ]
    owned = dpkg_owned([os.path.join(MAN1, n) for n in names])
    for name in names:
        if os.path.join(MAN1, name) not in owned:
            continue
        try:
            with gzip.open(os.path.join(MAN1, name), "rt", encoding="utf-8", errors="replace") as f:
                text = f.read(20000)
        except (OSError, EOFError):
            continue
        m = re.search(r"^\.S[Hh]\s+\"?NAME\"?\s*\n(.*?)(?=^\.S[Hh])", text, re.M | re.S)
        if not m:
            continue
        body = " ".join(l for l in m.group(1).splitlines() if not l.startswith("."))
        body = ROFF.sub("", body).replace("\\-", "-").replace("\\(em", "-")
        body = " ".join(body.split())
        if " - " in body and 10 <= len(body) <= 200 and "\\" not in body:
            yield "man:" + name, body


def in_eval_split(text, percent):
    """Whether a (whitespace-normalized) text belongs to the eval split: a hash of it, not its
    position, decides, so adding sources never moves a text between the splits."""
    bucket = int(hashlib.sha1(("split:" + text).encode("utf-8")).hexdigest()[:8], 16) % 10000
    return bucket < percent * 100


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--eval-percent", type=float, default=2.0)
    parser.add_argument("--max-train", type=int, default=0, help="keep the first N by hash; 0: all")
    args = parser.parse_args()
    if not os.path.isdir(WORDNET):
        sys.exit(f"{WORDNET} not found: apt-get install wordnet-base")
    seen = {}
    for source, text in list(wordnet_sentences()) + list(man_sentences()):
        text = " ".join(text.split())
        if len(text) >= 8:
            seen.setdefault(text, source)
    ordered = sorted(seen, key=lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest())
    train, evaluation = [], []
    for text in ordered:
        (evaluation if in_eval_split(text, args.eval_percent) else train).append(text)
    if args.max_train > 0:
        train = train[: args.max_train]
    os.makedirs(args.out, exist_ok=True)
    for name, rows in (("train.txt", train), ("eval.txt", evaluation)):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.writelines(t + "\n" for t in rows)
    counts = {}
    pages = set()
    for t in train:
        kind = seen[t].split(":", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "man":
            pages.add(os.path.join(MAN1, seen[t].split(":", 1)[1]))
    with open(os.path.join(args.out, "man-pages.txt"), "w", encoding="utf-8") as f:
        f.writelines(p + "\n" for p in sorted(pages))
    print(f"train {len(train)} ({counts}), eval {len(evaluation)}, distinct texts {len(seen)}")


if __name__ == "__main__":
    main()
