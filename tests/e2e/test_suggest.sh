#!/usr/bin/env bash
# `entigraph suggest` on the sample articles: the stubs parse as YAML, pass
# `gazetteer check` next to the shipped lists, and once added cover the
# names they suggest; examples point at the right lines; options and bad
# values behave.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$EG" suggest tests/corpus > "$tmp/s.yaml" 2> "$tmp/err"; rc=$?
check "suggest exits 0 on the sample corpus" test $rc = 0
check "and prints nothing on stderr" test ! -s "$tmp/err"
n=$(yq 'length' "$tmp/s.yaml")
check "the stubs are a YAML list of $n entries with id, label and type" \
  test "$(yq '[.[] | select(has("id") and has("label") and has("type"))] | length' "$tmp/s.yaml")" = "$n"
# read by hand from the three articles: the names seen twice or more that
# no shipped gazetteer has
got=$(yq -r '.[].label' "$tmp/s.yaml" | sort | paste -sd'|')
check "the names seen twice or more are Belt and Road Forum, Central Asian, Kant ($got)" \
  test "$got" = "Belt and Road Forum|Central Asian|Kant"
check "Kant is typed a place (air base after it)" \
  test "$(yq -r '.[] | select(.label == "Kant") | .type' "$tmp/s.yaml")" = place
check "the header counts the entries" grep -q "^# entigraph suggest: $n of [0-9]* names" "$tmp/s.yaml"
counts=$(grep -Eo '^# [0-9]+ mentions?' "$tmp/s.yaml" | grep -Eo '[0-9]+' | paste -sd' ')
check "ranked by mentions ($counts)" test "$counts" = "$(tr ' ' '\n' <<<"$counts" | sort -rn | paste -sd' ')"

"$EG" gazetteer check -g gazetteers -g "$tmp/s.yaml" > "$tmp/check" 2>&1; rc=$?
check "gazetteer check accepts the stubs next to the shipped lists" \
  bash -c "test $rc = 0 && grep -q '^0 errors, 0 warnings$' '$tmp/check'"
"$EG" suggest -g gazetteers -g "$tmp/s.yaml" tests/corpus > "$tmp/again.yaml"
check "once added, the suggested names are covered" \
  bash -c "grep -q '^# entigraph suggest: 0 of ' '$tmp/again.yaml' && ! grep -q '^- id:' '$tmp/again.yaml'"
check "and tagged: Kant 3 times" \
  test "$("$EG" tag -g gazetteers -g "$tmp/s.yaml" tests/corpus | awk -F'\t' '$6 == "kant"' | wc -l)" = 3

# every example names the document and line where its text is
bad=0
while IFS= read -r ex; do
  doc=${ex%%:*}; rest=${ex#*:}; line=${rest%%:*}; text=${rest#*: }
  text=${text#… }; frag=${text:0:30}
  sed -n "${line}p" "$doc" | grep -qF -- "$frag" || { bad=1; echo "# bad example: $ex"; }
done < <(sed -n 's/^#   //p' "$tmp/s.yaml")
check "every example is on the line it names" test $bad = 0
check "at most 2 examples per name by default" \
  test "$(awk '/^#   /{n++} /^- id:/{if(n>2)bad=1; n=0} END{print bad+0}' "$tmp/s.yaml")" = 0

"$EG" suggest --top 1 tests/corpus > "$tmp/top"
check "--top 1 keeps one entry" test "$(yq length "$tmp/top")" = 1
"$EG" suggest --min-count 3 --examples 0 tests/corpus > "$tmp/min"
check "--min-count 3 keeps names seen 3 times or more" \
  test "$(grep -Eo '^# [0-9]+ mention' "$tmp/min" | awk '$2 < 3' | wc -l)" = 0
check "--examples 0 prints none" bash -c "! grep -q '^#   ' '$tmp/min'"
"$EG" suggest --min-count 1 tests/corpus > "$tmp/all"
"$EG" suggest --min-count 1 --skip-boilerplate tests/corpus > "$tmp/noboiler"
check "--skip-boilerplate drops names from source lines (Hot News)" \
  bash -c "grep -q '^  label: Hot News' '$tmp/all' && ! grep -q '^  label: Hot News' '$tmp/noboiler'"
"$EG" suggest --min-count 1 tests/corpus > "$tmp/all2"
check "two runs give identical output" cmp -s "$tmp/all" "$tmp/all2"

echo keep > "$tmp/out.yaml"
"$EG" suggest -o "$tmp/out.yaml" tests/corpus "$tmp/missing.txt" 2> "$tmp/err"; rc=$?
check "a missing input fails with a message naming it" \
  bash -c "test $rc = 1 && grep -q 'missing.txt' '$tmp/err'"
check "and leaves the existing output untouched" test "$(cat "$tmp/out.yaml")" = keep
"$EG" suggest -o "$tmp/out.yaml" tests/corpus
check "-o writes the same stubs as stdout" cmp -s "$tmp/out.yaml" "$tmp/s.yaml"
check "-o leaves no temporary file" test "$(ls "$tmp" | grep -c 'out.yaml.')" = 0

"$EG" suggest --top many tests/corpus 2> "$tmp/err"; rc=$?
check "--top many is a usage error (exit 2)" bash -c "test $rc = 2 && grep -q -- '--top needs a whole number' '$tmp/err'"
"$EG" suggest --min-count -1 tests/corpus 2>/dev/null; check "--min-count -1 exits 2" test $? = 2
"$EG" suggest --frob tests/corpus 2>/dev/null; check "an unknown option exits 2" test $? = 2
"$EG" suggest 2>/dev/null; check "no INPUT exits 2" test $? = 2
echo "1..$TAP_N"
