#!/usr/bin/env python3
"""Writes COUNT distinct real documents and distinct real queries, for the 100k-document benchmarks.

  scripts/make-real-corpus.py COUNT CORPUS.jsonl QUERIES.txt [QUERY_COUNT=1000]

Documents, from what is installed here (no download), deduplicated by text:
  * every Debian package of apt's lists (make-package-corpus.py's documents: short description
    and debtags), ids "pkg:NAME";
  * paragraphs of the manual pages under /usr/share/man/man1..8 (roff removed with
    man-domain-data.py's rules; paragraphs of 8 to 80 words, longer ones cut), ids
    "man:PAGE#N";
  * docstrings of the Python standard library (at least 5 words, first 80 words), ids "py:FILE#N".
Shuffled with a fixed seed and cut to COUNT. Queries: the NAME lines of the manual pages ("list
directory contents"), distinct, shuffled, QUERY_COUNT of them: short real questions about tools,
answered by a package description or a man paragraph. Deterministic for the same installed files.
"""
import ast
import glob
import gzip
import importlib.util
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


man = load("man_domain_data", "man-domain-data.py")
packages = load("make_package_corpus", "make-package-corpus.py")


def package_docs():
    dump = subprocess.run(["apt-cache", "dumpavail"], capture_output=True, check=True).stdout
    docs = {}
    for s in packages.stanzas(dump.decode("utf-8", errors="replace")):
        name, description = s.get("Package"), s.get("Description", "")
        if name and description:
            tags = s.get("Tag", "").replace("\n", " ")
            text = (description.split("\n")[0] + (". Tags: " + tags if tags else "")).strip()
            docs["pkg:" + name] = {"id": "pkg:" + name, "title": name, "text": text,
                                   "section": s.get("Section", "unknown")}
    return docs.values()


PARAGRAPH = re.compile(r"^\.(?:PP|P|LP|TP|IP|HP|SH|SS|Sh|Ss|Pp)\b.*$", re.M)


def man_pages():
    for sec in man.SECTIONS:
        folder = os.path.join(man.MAN, sec)
        if not os.path.isdir(folder):
            continue
        for n in sorted(os.listdir(folder)):
            path = os.path.join(folder, n)
            if n.endswith(".gz") and not os.path.islink(path) and not n.startswith(("gcloud", "bq", "gsutil")):
                yield n[:-3], path


def man_docs_and_queries():
    docs, queries = [], []
    for page, path in man_pages():
        text = man.read_page(path)
        if not text or text.lstrip().startswith(".so "):
            continue
        name = man.section(text, "NAME")
        if name:
            q = man.name_query(name)
            if q and len(q.split()) >= 2:
                queries.append(q)
        for i, block in enumerate(PARAGRAPH.split(text)):
            body = re.sub(r"\\[hv]'[^']*'|\\c", " ", man.body_text(block))
            words = body.split()
            if 8 <= len(words) and not body.startswith(name and man.body_text(name) or "\0"):
                docs.append({"id": f"man:{page}#{i}", "title": page,
                             "text": man.passage_of(body, 80), "section": "man"})
    return docs, queries


def python_docs():
    docs = []
    files = sorted(glob.glob(f"/usr/lib/python3*/**/*.py", recursive=True))
    for f in files:
        try:
            tree = ast.parse(open(f, encoding="utf-8", errors="replace").read())
        except (SyntaxError, ValueError):
            continue
        for i, node in enumerate(ast.walk(tree)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
                d = ast.get_docstring(node)
                if d and len(d.split()) >= 5:
                    title = getattr(node, "name", os.path.basename(f))
                    docs.append({"id": f"py:{f}#{i}", "title": title,
                                 "text": man.passage_of(" ".join(d.split()), 80), "section": "python"})
    return docs


def main():
    count, corpus, query_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    query_count = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    mans, queries = man_docs_and_queries()
    seen, docs = set(), []
    for d in list(package_docs()) + mans + python_docs():
        key = d["text"].lower()
        if key not in seen:
            seen.add(key)
            docs.append(d)
    random.Random(20261205).shuffle(docs)
    if len(docs) < count:
        sys.exit(f"only {len(docs)} distinct documents, {count} asked")
    with open(corpus, "w", encoding="utf-8") as out:
        for d in docs[:count]:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    distinct = sorted(set(q.strip() for q in queries))
    random.Random(7).shuffle(distinct)
    with open(query_file, "w", encoding="utf-8") as out:
        for q in distinct[:query_count]:
            out.write(q + "\n")
    print(f"{len(docs)} distinct documents ({len(mans)} man paragraphs), {count} written;"
          f" {len(distinct)} distinct queries, {min(query_count, len(distinct))} written",
          file=sys.stderr)


if __name__ == "__main__":
    main()
