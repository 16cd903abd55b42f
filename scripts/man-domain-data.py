#!/usr/bin/env python3
"""Builds a retrieval domain from the manual pages installed here: "what does this" questions
answered by man pages, as training pairs for `semsearch train --loss mnrl` and a held-out
evaluation set for `semsearch eval ir`.

Each page under /usr/share/man/man1..man8 that a Debian package owns (dpkg -S; links, `.so` stubs
and the Google Cloud SDK's thousands of near-identical gcloud/bq/gsutil pages are left out) gives
one pair:

  * query:   the description of its NAME line, without the names ("list directory contents" for
             ls(1)), as a user would ask for a tool;
  * passage: the start of its DESCRIPTION section as plain text (roff requests and escapes
             removed), the first MAX_WORDS words, cut back to the last full sentence when one ends
             past half of them.

Pairs whose query or passage occurs on another page too (case-insensitively) are dropped, so every
query has one right answer. Pages are split by a hash of their file name: EVAL_PERCENT of them are
held out. Held-out pages never train; besides, a man1 page whose NAME line
scripts/tiny-model-data.py put into the tiny model's distillation sentences is never held out, so
the built-in tiny model has not seen the evaluation queries either.

Deterministic: the same installed files give the same output.

Usage: scripts/man-domain-data.py OUT_DIR [--eval-percent 20] [--max-words 80]
Writes OUT_DIR/train.tsv (anchor<TAB>positive, with a header), OUT_DIR/eval-docs.jsonl (the corpus:
{"id": "ls.1", "text": passage} for every held-out page), OUT_DIR/eval-queries.tsv (qid<TAB>text),
OUT_DIR/eval-qrels.tsv (qid<TAB>docid<TAB>relevance, one relevant page per query),
OUT_DIR/man-pages.txt (every page used) and prints counts.
"""

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import re

MAN = "/usr/share/man"
SECTIONS = [f"man{i}" for i in range(1, 9)]

_spec = importlib.util.spec_from_file_location(
    "tiny_model_data", os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny-model-data.py")
)
tiny_model_data = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tiny_model_data)

FONT_MACROS = re.compile(r"^\.(B|I|BR|RB|IR|RI|BI|IB|SM|SB|UR|MT|Nm|Ar|Fl|Cm|Pa|Xr|Nd)\b\s*(.*)$")
ESCAPES = [
    (re.compile(r"\\f(\[[^\]]*\]|\(..|.)"), ""),  # font changes
    (re.compile(r"\\\((em|en|hy)"), "-"),
    (re.compile(r"\\\((lq|rq|dq|oq|cq)"), '"'),
    (re.compile(r"\\\[(em|en|hy)\]"), "-"),
    (re.compile(r"\\\[[^\]]*\]"), " "),  # other named characters (bullets...)
    (re.compile(r"\\\(.."), " "),
    (re.compile(r"\\\*(\[[^\]]*\]|\(..|.)"), ""),  # strings
    (re.compile(r"\\[-]"), "-"),
    (re.compile(r"\\[e]"), "\\\\"),
    (re.compile(r"\\[&/,|^ ~0:)]"), " "),
    (re.compile(r"\\s[-+]?\d"), ""),
    (re.compile(r'\\".*$'), ""),  # comments
]


def plain(line):
    for pattern, replacement in ESCAPES:
        line = pattern.sub(replacement, line)
    return line.replace("\\\\", "\\")


def macro_words(args):
    """The words of a font macro's arguments: quoted arguments keep their spaces."""
    return " ".join(a[1:-1] if a.startswith('"') else a for a in re.findall(r'"[^"]*"|\S+', args))


def section(text, name):
    m = re.search(
        r'^\.(?:S[Hh]|Sh)\s+"?' + name + r'"?\s*\n(.*?)(?=^\.(?:S[Hh]|Sh)\s|\Z)', text, re.M | re.S
    )
    return m.group(1) if m else None


def body_text(block):
    words = []
    for line in block.splitlines():
        if line.startswith((".", "'")):
            m = FONT_MACROS.match(line)
            if not m:
                continue  # a request with no text (.PP, .TP, .IP, .RS, ...)
            line = macro_words(m.group(2))
        words.append(plain(line))
    return " ".join(" ".join(words).split())


def passage_of(text, max_words):
    words = text.split()
    if len(words) <= max_words:
        return text
    cut = " ".join(words[:max_words])
    end = max(cut.rfind(". "), cut.rfind(".\u00a0"))
    if end > len(cut) // 2:
        return cut[: end + 1]
    return cut


def pages():
    names = []
    for sec in SECTIONS:
        folder = os.path.join(MAN, sec)
        if not os.path.isdir(folder):
            continue
        for n in sorted(os.listdir(folder)):
            path = os.path.join(folder, n)
            if n.endswith(".gz") and not os.path.islink(path):
                if not n.startswith(("gcloud", "bq", "gsutil")):
                    names.append(path)
    owned = tiny_model_data.dpkg_owned(names)
    return [p for p in names if p in owned]


def read_page(path):
    try:
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            return f.read(200000)
    except (OSError, EOFError):
        return None


def name_query(name_block):
    body = body_text(name_block).replace("\\-", "-")
    m = re.search(r"\s[-\u2013\u2014]+\s+(.*)$", body)
    return m.group(1).strip() if m else None


def held_out(page_file, percent):
    bucket = int(hashlib.sha1(("eval:" + page_file).encode("utf-8")).hexdigest()[:8], 16) % 10000
    return bucket < percent * 100


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--eval-percent", type=float, default=20.0)
    parser.add_argument("--max-words", type=int, default=80)
    args = parser.parse_args()

    distilled = {
        source.split(":", 1)[1]
        for source, text in tiny_model_data.man_sentences()
        if not tiny_model_data.in_eval_split(" ".join(text.split()), 2.0)
    }
    pairs = []  # (page file, query, passage)
    for path in pages():
        if path.endswith(".so") or (text := read_page(path)) is None or text.startswith(".so "):
            continue
        name_block = section(text, "NAME")
        description = section(text, "DESCRIPTION")
        if not name_block or not description:
            continue
        query = name_query(name_block)
        passage = passage_of(body_text(description), args.max_words)
        if not query or len(query.split()) < 2 or len(query) > 200 or "\\" in query:
            continue
        if len(passage.split()) < 12 or "\\" in passage:
            continue
        pairs.append((path, query, passage))

    queries, passages = {}, {}
    for _, q, p in pairs:
        queries[q.lower()] = queries.get(q.lower(), 0) + 1
        passages[p.lower()] = passages.get(p.lower(), 0) + 1
    unique = [t for t in pairs if queries[t[1].lower()] == 1 and passages[t[2].lower()] == 1]

    train, evaluation = [], []
    for path, q, p in unique:
        page = os.path.basename(path)[: -len(".gz")]
        in_distillation = path.startswith(os.path.join(MAN, "man1") + "/") and (
            os.path.basename(path) in distilled
        )
        if held_out(page, args.eval_percent) and not in_distillation:
            evaluation.append((page, q, p))
        else:
            train.append((page, q, p))

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "train.tsv"), "w", encoding="utf-8") as f:
        f.write("anchor\tpositive\n")
        f.writelines(f"{q}\t{p}\n" for _, q, p in train)
    with open(os.path.join(args.out, "eval-docs.jsonl"), "w", encoding="utf-8") as f:
        f.writelines(json.dumps({"id": page, "text": p}) + "\n" for page, _, p in evaluation)
    with open(os.path.join(args.out, "eval-queries.tsv"), "w", encoding="utf-8") as f:
        f.write("qid\ttext\n")
        f.writelines(f"q-{page}\t{q}\n" for page, q, _ in evaluation)
    with open(os.path.join(args.out, "eval-qrels.tsv"), "w", encoding="utf-8") as f:
        f.write("qid\tdocid\trelevance\n")
        f.writelines(f"q-{page}\t{page}\t1\n" for page, _, _ in evaluation)
    with open(os.path.join(args.out, "man-pages.txt"), "w", encoding="utf-8") as f:
        f.writelines(path + "\n" for path, _, _ in sorted(unique))
    print(
        f"pages with NAME and DESCRIPTION {len(pairs)}, unique {len(unique)}:"
        f" train {len(train)}, eval {len(evaluation)}"
    )


if __name__ == "__main__":
    main()
