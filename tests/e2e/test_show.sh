#!/usr/bin/env bash
# `entigraph show` on the summary of the sample articles: every number and
# sentence on a card is compared with what yq (another YAML parser) reads
# from the same summary; names are found by id, label, surface form and
# gazetteer alias in any case; colour only where it belongs; bad summaries,
# unknown names and bad options give their messages and exit codes.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
S=$tmp/out/summary.yaml

"$EG" build -q -o "$tmp/out" tests/corpus
check "build writes a summary of the sample corpus" test -s "$S"

# yq's reading of the summary: y EXPR prints one raw value
y() { yq -r "$1" "$S"; }
ent() { y ".entities[] | select(.id == \"$1\") | $2"; }
# the value after a card's field name ("  mentions       38 (...)" -> 38)
field() { sed -n "s/^  $1  *\([^ ]*\).*/\1/p" "$2" | head -1; }

"$EG" show russia --summary "$S" > "$tmp/russia" 2> "$tmp/err"; rc=$?
check "show russia exits 0 with nothing on stderr" bash -c "test $rc = 0 && test ! -s '$tmp/err'"
check "the card opens with the label and the id" test "$(head -1 "$tmp/russia")" = "Russia (russia)"
check "type as in the summary ($(ent russia .type))" test "$(field type "$tmp/russia")" = "$(ent russia .type)"
check "wikidata as in the summary ($(ent russia .wikidata))" \
  grep -q "^  type .*wikidata $(ent russia .wikidata)$" "$tmp/russia"
check "mentions $(ent russia .mentions), $(ent russia .demonym_mentions) of them demonyms" \
  grep -Eq "^  mentions +$(ent russia .mentions) \($(ent russia .demonym_mentions) as a demonym\)$" "$tmp/russia"
check "documents $(ent russia .documents) of $(y .corpus.documents)" \
  grep -Eq "^  documents +$(ent russia .documents) of $(y .corpus.documents)$" "$tmp/russia"
forms=$(yq -r '.entities[] | select(.id == "russia") | .surface_forms | to_entries | map("\(.key) \(.value)") | join(", ")' "$S")
check "surface forms with counts: $forms" grep -Eq "^  surface forms +$forms$" "$tmp/russia"
for f in degree strength pagerank betweenness; do
  label=$f; [ $f = pagerank ] && label=PageRank
  check "$label $(ent russia .$f), as yq reads it" test "$(field $label "$tmp/russia")" = "$(ent russia .$f)"
done
comm=$(ent russia .community)
size=$(y ".communities[] | select(.id == $comm) | .size")
check "community $comm of $(y '.communities | length'), $size members" \
  grep -Eq "^  community +$comm of $(y '.communities | length'): $size members, with " "$tmp/russia"
nrel=$(ent russia '.relations | length')
rows=$(sed -n '/strongest relations/,$p' "$tmp/russia" | grep -Ec '^ +[0-9]+  ')
check "the relation table has the $nrel relations the summary lists ($rows)" test "$rows" = "$nrel"
check "each with an evidence line (doc, byte offsets, sentence)" \
  test "$(grep -Ec '^ {7}tests/corpus/[^ ]+\.txt, bytes [0-9]+-[0-9]+: ' "$tmp/russia")" = "$nrel"

"$EG" show RUSSIA --summary "$S" > "$tmp/upper"
check "show RUSSIA prints the same card" cmp -s "$tmp/upper" "$tmp/russia"
check "\"Russian\" is a surface form of russia in the summary" \
  test "$(ent russia '.surface_forms.Russian')" -gt 0
"$EG" show Russian --summary "$S" > "$tmp/russian"
check "show Russian (a surface form) prints the card of Russia" cmp -s "$tmp/russian" "$tmp/russia"
"$EG" show "rússia" --summary "$S" > "$tmp/accent"
check "show rússia (an accent) prints the card of Russia" cmp -s "$tmp/accent" "$tmp/russia"

# Путин: an alias of Vladimir Putin in the gazetteers, never seen in the corpus
check "Путин is an alias of vladimir-putin in the shipped gazetteers" \
  test "$(yq -r '.[] | select(.id == "vladimir-putin") | .aliases | index("Путин") != null' gazetteers/people.yaml)" = true
check "and no surface form or label of the summary" \
  test "$(yq -r '[.entities[] | (.surface_forms | keys[]), .label | select(. == "Путин")] | length' "$S")" = 0
"$EG" show Путин --summary "$S" > "$tmp/putin"; rc=$?
check "show Путин prints the card of Vladimir Putin" \
  bash -c "test $rc = 0 && test \"\$(head -1 '$tmp/putin')\" = 'Vladimir Putin (vladimir-putin)'"
check "with his $(ent vladimir-putin .mentions) mentions" \
  test "$(field mentions "$tmp/putin")" = "$(ent vladimir-putin .mentions)"

"$EG" show kyrgyzstan --summary "$S" > "$tmp/kg"
m=$(ent kyrgyzstan .mentions)
check "show kyrgyzstan: mentions $m as yq reads it (38 by hand)" \
  bash -c "test '$(field mentions "$tmp/kg")' = '$m' && test '$m' = 38"
w=$(y '.relations[] | select((.source == "kyrgyzstan" and .target == "russia") or (.source == "russia" and .target == "kyrgyzstan")) | .weight')
cnt=$(y '.relations[] | select(.source == "kyrgyzstan" and .target == "russia") | .count')
docs=$(y '.relations[] | select(.source == "kyrgyzstan" and .target == "russia") | .documents')
check "the summary weighs Kyrgyzstan-Russia $w (20 by hand)" test "$w" = 20
check "the relation table lists Russia with weight $w, count $cnt, $docs documents" \
  grep -Eq "^ +1  Russia +country +$w +$cnt +$docs$" "$tmp/kg"
# evidence is one passage or a list of them (the first is shown)
ev() { y ".relations[] | select(.source == \"kyrgyzstan\" and .target == \"russia\") | .evidence | if type == \"array\" then .[0] else . end | .$1"; }
ev_doc=$(ev doc); ev_s=$(ev start); ev_e=$(ev end); ev_t=$(ev text)
evline=$(grep -A1 -E '^ +1  Russia ' "$tmp/kg" | tail -1)
check "and under it the evidence: $ev_doc, bytes $ev_s-$ev_e" \
  grep -qF "       $ev_doc, bytes $ev_s-$ev_e: ${ev_t:0:30}" <<<"$evline"
check "the evidence sentence is the text at those bytes of the document" \
  test "$(tail -c +$((ev_s + 1)) "$ev_doc" | head -c $((ev_e - ev_s)) | tr '\n' ' ' | cut -c1-30)" = "${ev_t:0:30}"
yq -y '.relations[].evidence |= (if type == "array" then .[0] else [., {doc: "x", start: 0, end: 1, text: "x"}] end)' "$S" > "$tmp/other-evidence.yaml"
"$EG" show kyrgyzstan --summary "$tmp/other-evidence.yaml" > "$tmp/kg2"
check "evidence as one passage or as a list of passages: the same card" cmp -s "$tmp/kg" "$tmp/kg2"
maxw=$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$tmp/kg")
check "not a terminal: no line is wider than 100 columns ($maxw)" test "$maxw" -le 100
check "a cut sentence ends in …" grep -q '…$' "$tmp/kg"

"$EG" show --summary "$S" > "$tmp/top"; rc=$?
n=$(grep -Ec '^ *[0-9]+  ' "$tmp/top")
want=$(y '[.entities | length, 20] | min')
check "show alone lists $want entities (20 or fewer)" bash -c "test $rc = 0 && test $n = $want"
# rank, label, type, mentions, documents, degree, PageRank, community
first=$(y '.entities[0] | [.label, .type, .mentions, .documents, .degree, .pagerank, .community] | join(" +")')
check "the most mentioned first, as yq reads it: $first" grep -Eq "^ *1  $first$" "$tmp/top"
"$EG" show --top 3 --summary "$S" > "$tmp/top3"
check "--top 3 lists 3 rows" test "$(grep -Ec '^ *[0-9]+  ' "$tmp/top3")" = 3
check "the third is $(y '.entities[2].label')" grep -Eq "^ *3  $(y '.entities[2].label') " "$tmp/top3"
"$EG" show --top 0 --summary "$S" > "$tmp/all"
check "--top 0 lists all $(y '.entities | length')" \
  test "$(grep -Ec '^ *[0-9]+  ' "$tmp/all")" = "$(y '.entities | length')"
"$EG" show --types person --summary "$S" > "$tmp/people"
check "--types person lists only people ($(y '[.entities[] | select(.type == "person")] | length'))" \
  test "$(grep -Ec '^ *[0-9]+  .* person ' "$tmp/people")" = "$(grep -Ec '^ *[0-9]+  ' "$tmp/people")"

esc=$'\033'
check "not a terminal: no escape bytes" bash -c "! grep -q '$esc' '$tmp/russia' '$tmp/top'"
NO_COLOR=1 "$EG" show russia --summary "$S" > "$tmp/nocolor"
check "NO_COLOR=1: no escape bytes" bash -c "! grep -q '$esc' '$tmp/nocolor'"
"$EG" show russia --color=always --summary "$S" > "$tmp/color"
check "--color=always: escape bytes" grep -q "$esc\[" "$tmp/color"
check "and the same text once they are removed" \
  bash -c "sed 's/$esc\[[0-9;]*m//g' '$tmp/color' | cmp -s - '$tmp/russia'"
if command -v script >/dev/null; then
  script -qc "'$EG' show --top 2 --summary '$S'" /dev/null > "$tmp/tty" 2>&1 </dev/null
  check "on a terminal: colour" grep -q "$esc\[" "$tmp/tty"
  script -qc "env NO_COLOR=1 '$EG' show --top 2 --summary '$S'" /dev/null > "$tmp/ttyno" 2>&1 </dev/null
  check "on a terminal with NO_COLOR=1: none" bash -c "grep -q Russia '$tmp/ttyno' && ! grep -q '$esc' '$tmp/ttyno'"
  script -qc "env NO_COLOR= '$EG' show --top 2 --summary '$S'" /dev/null > "$tmp/ttyempty" 2>&1 </dev/null
  check "on a terminal with NO_COLOR empty: colour" grep -q "$esc\[" "$tmp/ttyempty"
fi

"$EG" show russia Russia RUSSIA --summary "$S" > "$tmp/dup"
check "a name given three times prints one card" cmp -s "$tmp/dup" "$tmp/russia"
"$EG" show Rusia --summary "$S" > /dev/null 2> "$tmp/err"; rc=$?
check "an unknown name exits 1" bash -c "test $rc = 1 && grep -q \"no entity named 'Rusia' in \" '$tmp/err'"
check "and suggests the closest label: Russia (russia)" grep -q "did you mean Russia (russia)?" "$tmp/err"
"$EG" show Biden --summary "$S" 2> "$tmp/err"; rc=$?
check "a gazetteer name the corpus lacks exits 1 and says who it is" \
  bash -c "test $rc = 1 && grep -q 'Joe Biden (joe-biden)' '$tmp/err'"

# a name shared by two entities that are both in the summary
mkdir -p "$tmp/amb"
printf 'Sadyr Japarov met Akylbek Japarov in Bishkek.\n\nAkylbek Japarov flew to Moscow. Akylbek Japarov came back.\n' > "$tmp/amb/a.txt"
"$EG" build -q -o "$tmp/amb/out" "$tmp/amb/a.txt"
"$EG" show Japarov --summary "$tmp/amb/out/summary.yaml" > "$tmp/jap"; rc=$?
order=$(yq -r '[.entities[] | select(.id | endswith("japarov")) | .id] | join(" ")' "$tmp/amb/out/summary.yaml")
check "a shared name prints both cards ($order)" \
  bash -c "test $rc = 0 && test \"\$(grep -Ec '^[A-Z].* \([a-z-]*japarov\)$' '$tmp/jap')\" = 2"
got=$(sed -n 's/^[A-Z].* (\([a-z-]*japarov\))$/\1/p' "$tmp/jap" | paste -sd' ')
check "most mentioned first, as the summary orders them ($got)" test "$got" = "$order"
check "under a line that names both" grep -q "^'Japarov' names 2 entities" "$tmp/jap"
"$EG" show sadyr-japarov --summary "$tmp/amb/out/summary.yaml" > "$tmp/jap1"
check "an id means that entity only" \
  bash -c "test \"\$(grep -Ec '^[A-Z].* \([a-z-]+\)$' '$tmp/jap1')\" = 1 && head -1 '$tmp/jap1' | grep -q sadyr-japarov"

"$EG" show --summary "$tmp/none.yaml" 2> "$tmp/err"; rc=$?
check "a missing summary exits 1, naming the file" bash -c "test $rc = 1 && grep -q 'none.yaml: No such file' '$tmp/err'"
check "and says to run entigraph build first" grep -q 'run `entigraph build' "$tmp/err"
case $EG in /*) EGABS=$EG ;; *) EGABS=$PWD/$EG ;; esac
mkdir -p "$tmp/empty"
(cd "$tmp/empty" && "$EGABS" show > /dev/null 2> "$tmp/err"); rc=$?
check "without --summary, a missing out/summary.yaml exits 1 naming it" \
  bash -c "test $rc = 1 && grep -q '^entigraph: out/summary.yaml: No such file' '$tmp/err'"
printf 'entities:\n- id: a\n  label: b: c\n' > "$tmp/broken.yaml"
"$EG" show --summary "$tmp/broken.yaml" 2> "$tmp/err"; rc=$?
where=$(yq . "$tmp/broken.yaml" 2>&1 | sed -n 's/.*line \([0-9]*\), column \([0-9]*\).*/\1:\2/p')
check "broken YAML exits 1 with file:line:col ($where, as yq finds it)" \
  bash -c "test $rc = 1 && test -n '$where' && grep -q 'broken.yaml:$where: YAML error' '$tmp/err'"
sed '0,/mentions: 39/s//mentions: many/' "$S" > "$tmp/bad.yaml"
line=$(grep -n 'mentions: many' "$tmp/bad.yaml" | cut -d: -f1)
"$EG" show --summary "$tmp/bad.yaml" 2> "$tmp/err"; rc=$?
check "a field of the wrong kind exits 1 at its line:col ($line:13)" \
  bash -c "test $rc = 1 && grep -q \"bad.yaml:$line:13: expected a whole number for 'mentions'\" '$tmp/err'"
printf 'a: 1\n' > "$tmp/other.yaml"
"$EG" show --summary "$tmp/other.yaml" 2> "$tmp/err"; rc=$?
check "YAML that is not a summary exits 1" bash -c "test $rc = 1 && grep -q 'not an entigraph summary' '$tmp/err'"

"$EG" show --frob --summary "$S" 2>/dev/null; check "an unknown option exits 2" test $? = 2
"$EG" show --top x --summary "$S" 2>/dev/null; check "--top x exits 2" test $? = 2
"$EG" show --color=blue --summary "$S" 2>/dev/null; check "--color=blue exits 2" test $? = 2
"$EG" show --summary 2>/dev/null; check "--summary without a value exits 2" test $? = 2
"$EG" show --help > "$tmp/help"; rc=$?
check "--help exits 0 and describes --summary and NO_COLOR" \
  bash -c "test $rc = 0 && grep -q -- '--summary FILE' '$tmp/help' && grep -q NO_COLOR '$tmp/help'"
echo "1..$TAP_N"
