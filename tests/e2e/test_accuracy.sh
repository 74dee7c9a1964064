#!/usr/bin/env bash
# Tagger precision and recall on the hand-annotated sample articles, with
# floors. The figures are printed on every run.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
read -r p r f < <(bash tests/e2e/accuracy.sh "$EG" tests/corpus tests/annotations)
echo "# precision $p recall $r F1 $f"
check "precision >= 0.99 (measured $p)" awk -v x="$p" 'BEGIN { exit !(x >= 0.99) }'
check "recall >= 0.93 (measured $r)" awk -v x="$r" 'BEGIN { exit !(x >= 0.93) }'
echo "1..$TAP_N"
