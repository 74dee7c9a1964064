#!/usr/bin/env bash
# Tagger precision and recall, with floors: the hand-annotated sample
# articles (mention level) and the project's annotated news in tests/news
# (entity level; names no gazetteer lists). The figures print on every run.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
read -r p r f < <(bash tests/e2e/accuracy.sh "$EG" tests/corpus tests/annotations)
echo "# precision $p recall $r F1 $f"
check "precision >= 0.99 (measured $p)" awk -v x="$p" 'BEGIN { exit !(x >= 0.99) }'
check "recall >= 0.93 (measured $r)" awk -v x="$r" 'BEGIN { exit !(x >= 0.93) }'

# the project's annotated news (tests/news): names no gazetteer lists,
# fragments of longer names, wrapped lines
yq . tests/news/gold.yaml > "$tmp/gold.json"
python3 tests/e2e/score_news.py "$EG" "$tmp/gold.json" tests/news/texts/*.txt > "$tmp/news"
grep '^#' "$tmp/news"
read -r p r f < <(tail -1 "$tmp/news")
check "news: precision >= 0.95 (measured $p)" awk -v x="$p" 'BEGIN { exit !(x >= 0.95) }'
check "news: recall >= 0.88 (measured $r)" awk -v x="$r" 'BEGIN { exit !(x >= 0.88) }'
echo "1..$TAP_N"
