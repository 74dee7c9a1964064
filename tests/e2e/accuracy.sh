#!/usr/bin/env bash
# Tagger precision and recall against the hand annotations in
# tests/annotations/ (one TSV per sample article: line surface id demonym).
# A predicted mention counts as correct when the gold file has a mention of
# the same entity on the same line (multiset match per line and id). A
# discovered entity's id is "d:" and its name's slug, which is the id the
# annotations give a name no gazetteer lists (d:ashley-bailey, ashley-bailey).
# Usage: accuracy.sh ENTIGRAPH CORPUS_DIR ANNOTATION_DIR
# Prints one line per document and a total; writes "P R F1" of the total to
# stdout's last line.
set -eu
bin=$1 corpus=$2 gold=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tp_all=0 pred_all=0 gold_all=0
for g in "$gold"/*.tsv; do
  name=$(basename "$g" .tsv)
  doc="$corpus/$name.txt"
  "$bin" tag -q "$doc" > "$tmp/pred.tsv"
  # byte offset -> line: line starts of the document
  read -r tp np ng < <(LC_ALL=C awk -F'\t' '
    FILENAME == ARGV[1] { starts[++n] = off; off += length($0) + 1; next }
    FILENAME == ARGV[2] { if (FNR > 1) { gold[$1 "\t" $3]++; ng++ } next }
    FNR > 1 {
      s = $3; line = 1
      for (i = 1; i <= n; i++) if (starts[i] <= s) line = i; else break
      id = $6; sub(/^d:/, "", id)
      key = line "\t" id; np++
      if (gold[key] > 0) { gold[key]--; tp++ }
    }
    END { printf "%d %d %d\n", tp, np, ng }' "$doc" "$g" "$tmp/pred.tsv")
  printf '# %s: %d correct of %d predicted, %d gold\n' "$name" "$tp" "$np" "$ng" >&2
  tp_all=$((tp_all + tp)) pred_all=$((pred_all + np)) gold_all=$((gold_all + ng))
done
awk -v tp="$tp_all" -v np="$pred_all" -v ng="$gold_all" 'BEGIN {
  p = np ? tp / np : 0; r = ng ? tp / ng : 0; f = p + r ? 2 * p * r / (p + r) : 0
  printf "# total: precision %.3f (%d/%d), recall %.3f (%d/%d), F1 %.3f\n", p, tp, np, r, tp, ng, f > "/dev/stderr"
  printf "%.4f %.4f %.4f\n", p, r, f }'
