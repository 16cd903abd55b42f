#!/usr/bin/env python3
"""Writes a JSON Lines corpus of Debian packages from apt's package lists, for benchmarks.

  scripts/make-package-corpus.py [count=50000] > packages.jsonl

One document per distinct package name (the last stanza wins): id and title = the package name,
text = its short description followed by its debtags (apt's lists carry no long descriptions
here), metadata section and priority. Shuffled with a fixed seed and cut to COUNT. Needs
`apt-cache dumpavail` with package lists (apt-get update). Its texts overlap the queries that
scripts/bench-web.sh draws from the same lists: fine for load, not for quality figures.
"""
import json
import random
import subprocess
import sys


def stanzas(dump):
    current = {}
    key = None
    for line in dump.splitlines():
        if not line.strip():
            if current:
                yield current
            current, key = {}, None
        elif line[0] in " \t" and key:
            current[key] += "\n" + line.strip()
        elif ":" in line:
            key, _, value = line.partition(":")
            current[key] = value.strip()
    if current:
        yield current


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
    dump = subprocess.run(["apt-cache", "dumpavail"], capture_output=True, check=True).stdout
    docs = {}
    for s in stanzas(dump.decode("utf-8", errors="replace")):
        name, description = s.get("Package"), s.get("Description", "")
        if not name or not description:
            continue
        tags = s.get("Tag", "").replace("\n", " ")
        docs[name] = {
            "id": name,
            "title": name,
            "text": (description.split("\n")[0] + (". Tags: " + tags if tags else "")).strip(),
            "metadata": {"section": s.get("Section", "unknown"), "priority": s.get("Priority", "unknown")},
        }
    names = sorted(docs)
    random.Random(20261205).shuffle(names)
    if len(names) < count:
        sys.exit(f"only {len(names)} packages with a description, {count} asked")
    for name in names[:count]:
        print(json.dumps(docs[name], ensure_ascii=False))


if __name__ == "__main__":
    main()
