#!/usr/bin/env bash
# The gazetteer cache: gazetteers of 50,000 aliases or more are written to
# $ENTIGRAPH_CACHE_DIR, loaded and compiled, on the first run and mapped
# back on the next. Outputs are the same with and without it, an edited
# gazetteer is never tagged from the old image, and a damaged or
# unwritable cache only costs a load.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 30,000 invented places and 30,000 invented people (surnames for the
# resolver's indexes), around a few fixed entries the texts name
python3 - "$tmp/big.yaml" <<'PY'
import random, sys
rng = random.Random(7)
syl = ['ka', 'lo', 'mi', 're', 'tu', 'van', 'dor', 'sel', 'bri', 'mon', 'zu', 'pel', 'gar', 'nis']
def word(n):
    return ''.join(rng.choice(syl) for _ in range(n)).capitalize()
seen = {'Kelmarion', 'Vorandel', 'Quistrapov', 'Zentrovia'}
def fresh(n):
    while True:
        w = word(n)
        if w not in seen:
            seen.add(w)
            return w
with open(sys.argv[1], 'w') as f:
    f.write('- {id: pl-kelmarion, label: Kelmarion, type: place}\n')
    f.write('- {id: p-quistrapov, label: Vorandel Quistrapov, type: person}\n')
    for i in range(30000):
        f.write('- {id: pl-%d, label: %s, type: place}\n' % (i, fresh(5)))
        f.write('- {id: p-%d, label: "%s %s", type: person}\n' % (i, word(2), fresh(5)))
PY
mkdir "$tmp/docs"
cat > "$tmp/docs/a.txt" <<'EOF'
Vorandel Quistrapov arrived in Kelmarion on Monday. Quistrapov said the
talks had gone well, and Quistrapow repeated it in Zentrovia. Quistrpov left.
EOF
export ENTIGRAPH_CACHE_DIR="$tmp/cache"
G=(--no-discover -g gazetteers -g "$tmp/big.yaml")
tagged() { cut -f 5,6 "$1" | tail -n +2 | tr '\t\n' '= '; }

ENTIGRAPH_CACHE_DIR= "$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/none.tsv"
expect="Vorandel Quistrapov=p-quistrapov Kelmarion=pl-kelmarion Quistrapov=p-quistrapov \
Quistrapow=p-quistrapov Quistrpov=p-quistrapov "
check "without a cache: the full name, the place, the surname and two misspellings" \
  test "$(tagged "$tmp/none.tsv")" = "$expect"
check "without a cache nothing is written" test ! -e "$tmp/cache"

"$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/first.tsv"
check "the first run tags the same" cmp "$tmp/none.tsv" "$tmp/first.tsv"
imgs=("$tmp"/cache/tagger-*.img)
check "and leaves one image in the cache directory" test "${#imgs[@]}" -eq 1 -a -s "${imgs[0]}"
img=${imgs[0]}
ino=$(stat -c %i "$img")
"$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/second.tsv"
check "the second run tags the same" cmp "$tmp/none.tsv" "$tmp/second.tsv"
check "from the image, which it did not rewrite" test "$(stat -c %i "$img")" = "$ino"
"$EG" tag -q -j 3 "${G[@]}" "$tmp/docs" > "$tmp/j3.tsv"
check "three threads share the mapped tables" cmp "$tmp/none.tsv" "$tmp/j3.tsv"
"$EG" build -q "${G[@]}" -o "$tmp/b1" "$tmp/docs"
ENTIGRAPH_CACHE_DIR= "$EG" build -q "${G[@]}" -o "$tmp/b0" "$tmp/docs"
for f in graph.dot graph.graphml summary.yaml mentions.tsv; do
  check "build writes the same $f with the image as without" cmp "$tmp/b0/$f" "$tmp/b1/$f"
done
check "the same image served build" test "$(stat -c %i "$img")" = "$ino"
# what else reads the gazetteer: its statistics, kinds to exclude
"$EG" gazetteer stats "${G[@]}" | grep -v '^load' > "$tmp/stats1"
ENTIGRAPH_CACHE_DIR= "$EG" gazetteer stats "${G[@]}" | grep -v '^load' > "$tmp/stats0"
check "gazetteer stats are the same from the image" cmp "$tmp/stats0" "$tmp/stats1"
printf 'Reuters reported it from Kelmarion.\n' > "$tmp/media.txt"
"$EG" tag -q "${G[@]}" "$tmp/media.txt" > "$tmp/media1.tsv"
"$EG" tag -q --exclude-kinds media "${G[@]}" "$tmp/media.txt" > "$tmp/kinds1.tsv"
ENTIGRAPH_CACHE_DIR= "$EG" tag -q --exclude-kinds media "${G[@]}" "$tmp/media.txt" > "$tmp/kinds0.tsv"
check "--exclude-kinds media drops the news agency the image knows" \
  bash -c "grep -q \$'\treuters\t' '$tmp/media1.tsv' && ! grep -q reuters '$tmp/kinds1.tsv' &&
           grep -q pl-kelmarion '$tmp/kinds1.tsv'"
check "as it does without the image" cmp "$tmp/kinds0.tsv" "$tmp/kinds1.tsv"
"$EG" tag -q --exclude-kinds nosuchkind "${G[@]}" "$tmp/docs" > /dev/null 2> "$tmp/kerr"
rc=$?
check "and its error for a kind no entity has" \
  bash -c "test $rc -ne 0 && grep -q \"no entity has the kind 'nosuchkind'\" '$tmp/kerr'"
check "all of which the image served" test "$(stat -c %i "$img")" = "$ino"

# an edit: Zentrovia becomes a place; the old tables do not know it
echo '- {id: pl-zentrovia, label: Zentrovia, type: place}' >> "$tmp/big.yaml"
"$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/edited.tsv"
check "after an edit the new place is tagged" grep -q $'\tZentrovia\tpl-zentrovia\t' "$tmp/edited.tsv"
check "the image of the edited gazetteer replaces the old one" \
  test "$(ls "$tmp/cache" | wc -l)" -eq 1 -a "$(stat -c %i "$img")" != "$ino"
ENTIGRAPH_CACHE_DIR= "$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/edited0.tsv"
check "and tags as a run without a cache" cmp "$tmp/edited0.tsv" "$tmp/edited.tsv"

# an edit that keeps every count: Zentrovia is renamed, and no longer found
sed -i 's/label: Zentrovia,/label: Quorvenna,/' "$tmp/big.yaml"
"$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/renamed.tsv"
check "after a rename that keeps the counts the old name is not tagged" \
  bash -c "! grep -q Zentrovia '$tmp/renamed.tsv' && grep -q Quistrpov '$tmp/renamed.tsv'"
ENTIGRAPH_CACHE_DIR= "$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/edited0.tsv"

# an image others may write is not trusted, and the next one is the owner's
ino=$(stat -c %i "$img")
chmod g+w "$img"
"$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/groupw.tsv"
check "a group-writable image is not used" cmp "$tmp/edited0.tsv" "$tmp/groupw.tsv"
check "and is written again, writable by its owner only" \
  test "$(stat -c %i "$img")" != "$ino" -a "$(stat -c %A "$img" | cut -c6,9)" = "--"
ino=$(stat -c %i "$img")
(umask 002; "$EG" tag -q "${G[@]}" "$tmp/docs" > /dev/null)
check "a run under umask 002 uses it" test "$(stat -c %i "$img")" = "$ino"
(umask 000; rm "$img"; "$EG" tag -q "${G[@]}" "$tmp/docs" > /dev/null)
check "one written under umask 000 is writable by its owner only" test "$(stat -c %A "$img" | cut -c6,9)" = "--"

# damage: a flipped byte half-way, then a truncated file
size=$(stat -c %s "$img")
ino=$(stat -c %i "$img")
printf '\x5a' | dd of="$img" bs=1 seek=$((size / 2)) conv=notrunc status=none
"$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/flipped.tsv"
check "a damaged image is not used" cmp "$tmp/edited0.tsv" "$tmp/flipped.tsv"
check "and is written again" test "$(stat -c %i "$img")" != "$ino"
ino=$(stat -c %i "$img")
truncate -s $((size - 64)) "$img"
"$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/short.tsv"
check "a truncated image is not used" cmp "$tmp/edited0.tsv" "$tmp/short.tsv"
check "and is written again, whole" test "$(stat -c %i "$img")" != "$ino" -a "$(stat -c %s "$img")" = "$size"

# a cache directory that cannot be made: tagging goes on
touch "$tmp/file"
ENTIGRAPH_CACHE_DIR="$tmp/file/cache" "$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/nodir.tsv" 2> "$tmp/err"
check "an unusable cache directory is not an error" test $? -eq 0 -a ! -s "$tmp/err"
check "and the tags are the same" cmp "$tmp/edited0.tsv" "$tmp/nodir.tsv"

# a gazetteer or word list read from a pipe is read once, and never cached
cat "$tmp/big.yaml" | "$EG" tag -q --no-discover -g gazetteers -g /dev/stdin "$tmp/docs" > "$tmp/pipe1.tsv"
check "a gazetteer from a pipe tags as the file does" cmp "$tmp/edited0.tsv" "$tmp/pipe1.tsv"
sed 's/label: Kelmarion,/label: Kelmarione,/' "$tmp/big.yaml" |
  "$EG" tag -q --no-discover -g gazetteers -g /dev/stdin "$tmp/docs" > "$tmp/pipe2.tsv"
check "and another through the same pipe name tags what it holds" \
  bash -c "! grep -q Kelmarion '$tmp/pipe2.tsv' && grep -q Quistrapov '$tmp/pipe2.tsv'"
printf 'They flew to kelmarion.\n' > "$tmp/lower.txt"
"$EG" tag -q "${G[@]}" "$tmp/lower.txt" > "$tmp/lower.tsv"
check "(a name in lower case is found when it is no common word)" grep -q pl-kelmarion "$tmp/lower.tsv"
for k in 1 2; do
  "$EG" tag -q "${G[@]}" --wordlist <(printf 'kelmarion\n') "$tmp/lower.txt" > "$tmp/wpipe$k.tsv"
  check "a word list from a pipe is the one in force, run $k" \
    test "$(tail -n +2 "$tmp/wpipe$k.tsv" | wc -l)" -eq 0
done

# small gazetteers compile faster than an image loads: none is written
rm -rf "$tmp/cache"
"$EG" tag -q "$tmp/docs" > /dev/null
check "the shipped gazetteers alone leave no image" test ! -e "$tmp/cache"
