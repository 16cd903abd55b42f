#!/usr/bin/env bash
# Builds a JSON Lines corpus from the system's manual pages, for trying semsearch on real text.
#
#   samples/scripts/make-manpage-corpus.sh OUT.jsonl [MAX_PAGES]
#
# One document per page under $MAN_ROOT/man*/ (default /usr/share/man; translated pages in other
# folders are left out), in section-then-name order, the first MAX_PAGES of them (default: all):
#
#   {"id": "ls.1", "title": "ls - list directory contents", "text": "<the rendered page>", "section": 1}
#
# id is the file name without .gz (page name + section, so unique); title is the NAME line; text is
# the page as `man` shows it (without the running header and footer), unhyphenated; section is the
# section number from the folder name (man3 -> 3). Symbolic links and `.so` stubs are aliases of
# another page and are skipped. Pages render in parallel ($JOBS, default: the number of cores).
# EXCLUDE is an extended regex; pages whose file name starts with a match are left out, e.g.
# EXCLUDE='gcloud|perl' where thousands of generated pages of one tool would crowd out the rest.
#
# Rendering uses the first of man (man-db), groff/nroff, mandoc that is installed; with none of
# them, roff macros are stripped with sed (readable, not pretty); RENDERER=man|groff|nroff|mandoc|sed
# picks one. Needs bash, find, gzip, python3.
set -euo pipefail

usage() { echo "usage: $0 OUT.jsonl [MAX_PAGES]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
out=$1
max=${2:-0}
[[ $max =~ ^[0-9]+$ ]] || usage
man_root=${MAN_ROOT:-/usr/share/man}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
command -v python3 >/dev/null || { echo "$0: python3 is needed to write JSON" >&2; exit 1; }
[[ -d $man_root ]] || { echo "$0: no manual pages under $man_root" >&2; exit 1; }

if [[ -n ${RENDERER:-} ]]; then
  renderer=$RENDERER
  [[ $renderer =~ ^(man|groff|nroff|mandoc|sed)$ ]] || { echo "$0: RENDERER must be man, groff, nroff, mandoc or sed" >&2; exit 2; }
elif command -v man >/dev/null && man --help 2>&1 | grep -- '--nh' >/dev/null; then
  renderer=man
elif command -v groff >/dev/null; then
  renderer=groff
elif command -v nroff >/dev/null; then
  renderer=nroff
elif command -v mandoc >/dev/null; then
  renderer=mandoc
else
  renderer=sed
fi

start=$(date +%s)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/pages"

# Regular files only (links are aliases), in section-then-name order, numbered.
find "$man_root" -mindepth 2 -maxdepth 2 -path "$man_root/man*/*" -type f -print \
  | { if [[ -n ${EXCLUDE:-} ]]; then grep -Ev -- "/man[^/]*/($EXCLUDE)[^/]*\$" || true; else cat; fi; } \
  | LC_ALL=C sort \
  | awk -v max="$max" '{ n++; if (max == 0 || n <= max + max / 20 + 20) printf "%06d\t%s\n", n, $0 }' \
  > "$tmp/list"
# (5% more than MAX_PAGES are rendered: a few are .so stubs; the assembler stops at MAX_PAGES)

# The last resort: roff source with the macros stripped and the common escapes decoded.
cat > "$tmp/strip.sed" <<'SED'
/^[.'][[:space:]]*\\"/d
/^\\"/d
/^\.S[HS]([[:space:]]|$)/{
  s/^\.S[HS][[:space:]]*//
  s/"//g
  s/^/\n/
  b escapes
}
/^\.(B|I|BI|IB|BR|RB|IR|RI|SM|SB)([[:space:]]|$)/{
  s/^\.[A-Z]+[[:space:]]*//
  s/"//g
  b escapes
}
/^\.IP[[:space:]]+[^[:space:]]/{
  s/^\.IP[[:space:]]+"?([^"]*)"?.*$/\n\1/
  b escapes
}
/^\.(PP|LP|P|TP|IP|HP|sp)([[:space:]]|$)/{
  s/.*//
  b
}
/^[.']/d
:escapes
s/\\\((em|\[em\])/—/g
s/\\\(en/–/g
s/\\\((lq|rq|dq)/"/g
s/\\\((aq|cq|oq)/'/g
s/\\\(bu/•/g
s/\\\(co/©/g
s/\\\[(em)\]/—/g
s/\\f(\[[^]]*\]|\(..|.)//g
s/\\s[-+]?[0-9]+//g
s/\\\*(\[[^]]*\]|\(..|.)//g
s/\\\(..//g
s/\\\[[^]]*\]//g
s/\\[|^&c%:{}]//g
s/\\-/-/g
s/\\ / /g
s/\\e/\\/g
s/\\\\/\\/g
SED

export renderer tmp
render() {
  local num=$1 file=$2 dest="$tmp/pages/$1"
  # .so stubs ("see that other page") are aliases, like links
  if gzip -dcf -- "$file" 2>/dev/null | head -c 400 | grep -v '^\.\\"' | head -n 3 | grep -q '^\.so '; then
    return 0
  fi
  case $renderer in
    man)    MANWIDTH=80 timeout 30 man --nh --nj -E UTF-8 -l -P cat -- "$file" 2>/dev/null ;;
    groff)  gzip -dcf -- "$file" | timeout 30 groff -k -t -man -Tutf8 -P-c -rLL=80n -rHY=0 2>/dev/null ;;
    nroff)  gzip -dcf -- "$file" | timeout 30 nroff -t -man 2>/dev/null ;;
    mandoc) gzip -dcf -- "$file" | timeout 30 mandoc -T utf8 2>/dev/null ;;
    sed)    gzip -dcf -- "$file" | sed -E -f "$tmp/strip.sed" ;;
  esac | col -bx > "$dest" || true
}
export -f render

tr '\t' '\n' < "$tmp/list" | xargs -d '\n' -n 2 -P "$jobs" bash -c 'render "$1" "$2"' _

count=$(python3 - "$tmp/list" "$tmp/pages" "$out" "$max" <<'PY'
import json, os, re, sys

list_file, pages, out, max_pages = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
heading = re.compile(r"^[A-Z][A-Z0-9 ,/&()-]*$")
written = 0
seen = set()
with open(list_file, encoding="utf-8", errors="replace") as entries, open(out, "w", encoding="utf-8") as sink:
    for entry in entries:
        num, path = entry.rstrip("\n").split("\t", 1)
        rendered = os.path.join(pages, num)
        if not os.path.exists(rendered):
            continue  # an alias (.so stub)
        with open(rendered, encoding="utf-8", errors="replace") as f:
            lines = [line.rstrip() for line in f]
        # the running header (LS(1)  User Commands  LS(1)) and footer (GNU coreutils 9.1  ...  LS(1))
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        if len(lines) > 2 and re.search(r"\(\w+\)\s*$", lines[0]):
            lines.pop(0)
        if len(lines) > 2 and re.search(r"\(\w+\)\s*$", lines[-1]):
            lines.pop()
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
        if not text.strip():
            continue
        # title: the NAME section's lines, joined
        title_lines, in_name = [], False
        for line in lines:
            if heading.match(line) and line.strip():
                if in_name:
                    break
                in_name = line.strip() in ("NAME", "NOM", "NAMN", "NOME")
                continue
            if in_name and line.strip():
                title_lines.append(line.strip())
        base = os.path.basename(path)
        page_id = base[:-3] if base.endswith(".gz") else base
        if page_id in seen:
            continue
        seen.add(page_id)
        folder = os.path.basename(os.path.dirname(path))
        number = re.match(r"man(\d+)", folder)
        doc = {"id": page_id}
        title = re.sub(r"\s+", " ", " ".join(title_lines)).strip()
        if title:
            doc["title"] = title
        doc["text"] = text
        doc["section"] = int(number.group(1)) if number else folder[3:]
        sink.write(json.dumps(doc, ensure_ascii=False) + "\n")
        written += 1
        if max_pages and written >= max_pages:
            break
print(written)
PY
)
echo "$0: wrote $count pages to $out in $(( $(date +%s) - start )) s (renderer: $renderer, $jobs jobs)" >&2
