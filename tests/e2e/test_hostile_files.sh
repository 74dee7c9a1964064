#!/usr/bin/env bash
# Hostile files around the gazetteers and the caches: a FIFO where a file
# is expected (the cached image, a gazetteer's cache, a gazetteer in a
# directory), YAML nested thousands deep, a gazetteer cache planted by
# another user, an image cache that would grow with every working
# directory and path spelling, a home that does not exist, temporary
# files a killed run left behind. Every run is under timeout: a hang
# fails its check instead of the whole suite.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-$PWD/build/entigraph}
top=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# 124 when it hangs (under make valgrind, a run takes minutes)
TMO=30 SOON=10
[ -n "${VALGRIND_LOG:-}" ] && TMO=900 SOON=300
T() { timeout "$TMO" "$@"; }

# 60,000 invented places and people: large enough for the image (50,000
# aliases) and for a gazetteer's own cache (1 MiB)
python3 - "$tmp/big.yaml" <<'PY'
import random, sys
rng = random.Random(11)
syl = ['ka', 'lo', 'mi', 're', 'tu', 'van', 'dor', 'sel', 'bri', 'mon', 'zu', 'pel', 'gar', 'nis']
def word(n):
    return ''.join(rng.choice(syl) for _ in range(n)).capitalize()
seen = {'Kelmarion', 'Zentrovia', 'Quistrapov'}
def fresh(n):
    while True:
        w = word(n)
        if w not in seen:
            seen.add(w)
            return w
with open(sys.argv[1], 'w') as f:
    f.write('- {id: pl-kelmarion, label: Kelmarion, type: place}\n')
    for i in range(30000):
        f.write('- {id: pl-%d, label: %s, type: place}\n' % (i, fresh(5)))
        f.write('- {id: p-%d, label: "%s %s", type: person}\n' % (i, word(2), fresh(5)))
PY
mkdir "$tmp/docs"
printf 'Talks in Kelmarion went on. Zentrovia sent nobody.\n' > "$tmp/docs/a.txt"
G=(--no-discover -g "$top/gazetteers" -g "$tmp/big.yaml")
ENTIGRAPH_CACHE_DIR= T "$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/ref.tsv"
check "(the reference run tags Kelmarion and not Zentrovia)" \
  bash -c "grep -q pl-kelmarion '$tmp/ref.tsv' && ! grep -q Zentrovia '$tmp/ref.tsv'"

# ---- FIFOs where a file is expected ----
export ENTIGRAPH_CACHE_DIR="$tmp/cache"
T "$EG" tag -q "${G[@]}" "$tmp/docs" > /dev/null
imgs=("$tmp"/cache/tagger-*.img)
check "(a first run leaves one image)" test "${#imgs[@]}" -eq 1 -a -s "${imgs[0]}"
img=${imgs[0]}
rm -f "$img"
mkfifo "$img"
T "$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/fifo-img.tsv" 2> "$tmp/err"
rc=$?
check "a FIFO planted as the cached image does not hang the run (exit $rc)" test $rc -eq 0
check "which tags as a run without a cache" cmp "$tmp/ref.tsv" "$tmp/fifo-img.tsv"
rm -f "$img"

rm -f "$tmp/.big.yaml.cache"
mkfifo "$tmp/.big.yaml.cache"
ENTIGRAPH_CACHE_DIR= T "$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/fifo-cache.tsv" 2> "$tmp/err"
rc=$?
check "a FIFO planted as a gazetteer's cache does not hang tag (exit $rc)" test $rc -eq 0
check "which tags as ever" cmp "$tmp/ref.tsv" "$tmp/fifo-cache.tsv"
T "$EG" gazetteer check -g "$tmp/big.yaml" > /dev/null 2>&1
rc=$?
check "nor gazetteer check (exit $rc)" test $rc -eq 0
rm -f "$tmp/.big.yaml.cache"

mkdir "$tmp/gzdir"
printf -- '- {id: pl-kelmarion, label: Kelmarion, type: place}\n' > "$tmp/gzdir/a.yaml"
mkfifo "$tmp/gzdir/b.yaml"
T "$EG" tag -q --no-discover -g "$tmp/gzdir" "$tmp/docs" > /dev/null 2> "$tmp/err"
rc=$?
check "a FIFO named *.yaml in a gazetteer directory is refused, not waited on (exit $rc)" \
  test $rc -eq 1
check "with a message naming it" grep -q "gzdir/b.yaml: not a regular file" "$tmp/err"
T "$EG" gazetteer check -g "$tmp/gzdir" > /dev/null 2> "$tmp/err"
rc=$?
check "gazetteer check refuses it too (exit $rc)" \
  bash -c "test $rc -eq 1 && grep -q 'gzdir/b.yaml: not a regular file' '$tmp/err'"
# the image path reads every source for its key: a directory with a FIFO
# beside an image of the same sources
cp "$tmp/big.yaml" "$tmp/gzdir/a.yaml"
T "$EG" tag -q --no-discover -g "$tmp/gzdir/a.yaml" "$tmp/docs" > /dev/null 2>&1
rm "$tmp/gzdir/b.yaml"
T "$EG" tag -q --no-discover -g "$tmp/gzdir" "$tmp/docs" > /dev/null 2>&1
mkfifo "$tmp/gzdir/b.yaml"
T "$EG" tag -q --no-discover -g "$tmp/gzdir" "$tmp/docs" > /dev/null 2> "$tmp/err"
rc=$?
check "nor when an image of that directory is cached (exit $rc)" \
  bash -c "test $rc -eq 1 && grep -q 'gzdir/b.yaml: not a regular file' '$tmp/err'"
rm -rf "$tmp/gzdir"

# ---- deep YAML ----
python3 -c "n = 100000; print('- {id: x, label: X, type: place, aliases: ' + '[' * n + ']' * n + '}')" \
  > "$tmp/deep.yaml"
start=$SECONDS
T "$EG" gazetteer check -g "$tmp/deep.yaml" > /dev/null 2> "$tmp/err"
rc=$?
check "aliases nested 100,000 deep: an error, at once (exit $rc, $((SECONDS - start)) s)" \
  test $rc -eq 1 -a $((SECONDS - start)) -lt $SOON
check "naming the file, line and column of the level too many" \
  grep -q "deep.yaml:1:[0-9]*: YAML nested deeper than 64 levels" "$tmp/err"
check "and nothing else: the first error stops the file" test "$(wc -l < "$tmp/err")" -eq 1
python3 -c "n = 100000; print('- {id: x, label: X, type: place, aliases: ' + '{a: ' * n + 'b' + '}' * n + '}')" \
  > "$tmp/deepmap.yaml"
T "$EG" gazetteer check -g "$tmp/deepmap.yaml" > /dev/null 2> "$tmp/err"
rc=$?
check "mappings nested 100,000 deep: the same (exit $rc)" \
  bash -c "test $rc -eq 1 && grep -q 'deepmap.yaml:1:[0-9]*: YAML nested deeper' '$tmp/err'"
ENTIGRAPH_CACHE_DIR= T "$EG" build -q --no-discover -g "$top/gazetteers" -o "$tmp/b" \
  tests/corpus > /dev/null 2>&1
python3 -c "n = 100000; print('zz_extra: ' + '[' * n + ']' * n)" >> "$tmp/b/summary.yaml"
start=$SECONDS
T "$EG" show -s "$tmp/b/summary.yaml" Russia > /dev/null 2> "$tmp/err"
rc=$?
check "show on a summary with an unknown key nested 100,000 deep: an error, at once (exit $rc)" \
  test $rc -eq 1 -a $((SECONDS - start)) -lt $SOON
check "naming the file and line" grep -q "summary.yaml:[0-9]*:[0-9]*: .*nested deeper than 64" "$tmp/err"

# ---- a gazetteer's cache planted by someone else ----
# A cache made for other bytes, its header given the key of big.yaml's:
# it says Zentrovia is pl-kelmarion.
mkdir "$tmp/plant"
cp "$tmp/big.yaml" "$tmp/plant/g.yaml"
pc=$tmp/plant/.g.yaml.cache
ENTIGRAPH_CACHE_DIR= T "$EG" gazetteer check -g "$tmp/plant/g.yaml" > /dev/null 2>&1
dd if="$pc" of="$tmp/key" bs=1 skip=24 count=16 status=none
sed -i 's/label: Kelmarion,/label: Zentrovia,/' "$tmp/plant/g.yaml"
ENTIGRAPH_CACHE_DIR= T "$EG" gazetteer check -g "$tmp/plant/g.yaml" > /dev/null 2>&1
cp "$tmp/big.yaml" "$tmp/plant/g.yaml"
dd if="$tmp/key" of="$pc" bs=1 seek=24 conv=notrunc status=none
cp -p "$pc" "$tmp/forged"
PG=(--no-discover -g "$top/gazetteers" -g "$tmp/plant/g.yaml")
ENTIGRAPH_CACHE_DIR= T "$EG" tag -q "${PG[@]}" "$tmp/docs" > "$tmp/own.tsv"
check "(a forged cache of this user's is believed: that is what a cache is)" \
  grep -q $'\tZentrovia\tpl-kelmarion' "$tmp/own.tsv"
chmod g+w "$pc"
ENTIGRAPH_CACHE_DIR= T "$EG" tag -q "${PG[@]}" "$tmp/docs" > "$tmp/gw.tsv"
check "a group-writable gazetteer cache is not believed" cmp "$tmp/ref.tsv" "$tmp/gw.tsv"
perm=$(stat -c %A "$pc")
check "and is written again, this user's and writable by no one else ($perm)" \
  test "$(stat -c %u "$pc")" = "$(id -u)" -a "${perm:5:1}${perm:8:1}" = "--"
cp -p "$tmp/forged" "$pc"
chmod o+w "$pc"
ENTIGRAPH_CACHE_DIR= T "$EG" gazetteer lookup -g "$tmp/plant/g.yaml" Zentrovia > "$tmp/look" 2>&1
check "a world-writable one is not believed by gazetteer lookup" \
  bash -c "! grep -q pl-kelmarion '$tmp/look'"
if [ "$(id -u)" = 0 ] && id nobody > /dev/null 2>&1; then
  cp "$tmp/forged" "$pc"
  chmod 644 "$pc"
  chown nobody "$pc"
  ENTIGRAPH_CACHE_DIR= T "$EG" tag -q "${PG[@]}" "$tmp/docs" > "$tmp/nobody.tsv"
  check "one owned by another user is not believed" cmp "$tmp/ref.tsv" "$tmp/nobody.tsv"
  cp "$tmp/forged" "$pc"
  chmod 644 "$pc"
  chown nobody "$pc"
  T "$EG" gazetteer check -g "$tmp/plant/g.yaml" > /dev/null 2>&1
  ENTIGRAPH_CACHE_DIR= T "$EG" gazetteer lookup -g "$tmp/plant/g.yaml" Zentrovia > "$tmp/look" 2>&1
  check "nor by gazetteer check, which replaces it" bash -c "! grep -q pl-kelmarion '$tmp/look'"
else
  ok "# skip: owned by another user (needs root)"
  ok "# skip: owned by another user (needs root)"
fi
rm -rf "$tmp/plant"

# ---- one image for the same sources, however they are spelled ----
export ENTIGRAPH_CACHE_DIR="$tmp/c11"
mkdir -p "$tmp/w1/w2"
ln -s "$tmp" "$tmp/link"
spell=0
for run in "$top|gazetteers|$tmp/big.yaml" "$tmp|$top/gazetteers/|big.yaml" \
           "$tmp/w1|$top/./gazetteers|../big.yaml" "$tmp/w1/w2|$top//gazetteers|../../link/big.yaml"; do
  IFS='|' read -r wd g1 g2 <<< "$run"
  spell=$((spell + 1))
  (cd "$wd" && T "$EG" tag -q --no-discover -g "$g1" -g "$g2" "$tmp/docs" > "$tmp/sp$spell.tsv")
  check "spelling $spell (from $(basename "$wd")) tags as the reference" cmp "$tmp/ref.tsv" "$tmp/sp$spell.tsv"
  (cd "$wd" && T "$EG" gazetteer lookup --no-discover -g "$g1" -g "$g2" Kelmarion > "$tmp/lk$spell" 2>&1)
  check "and names the gazetteer file as this run spells it" grep -qF "$g2:1:" "$tmp/lk$spell"
done
n=$(ls "$tmp/c11" | grep -c '^tagger-.*\.img$')
check "four spellings from three directories: one image ($n)" test "$n" -eq 1

# eviction: at most 4 images, the most recently used first, 1 GiB in all
mkdir "$tmp/c11e"
for i in 1 2 3 4 5 6; do
  f=$tmp/c11e/tagger-000000000000000$i.img
  head -c 4096 /dev/zero > "$f"
  touch -d "$i hours ago" "$f"
done
touch "$tmp/c11e/notes.txt"
ENTIGRAPH_CACHE_DIR="$tmp/c11e" T "$EG" tag -q "${G[@]}" "$tmp/docs" > /dev/null
left=$(cd "$tmp/c11e" && ls | tr '\n' ' ')
check "a new image evicts the least recently used beyond four ($left)" \
  bash -c "cd '$tmp/c11e' && test \$(ls tagger-*.img | wc -l) -eq 4 && test -e tagger-0000000000000001.img &&
           test -e tagger-0000000000000003.img && test ! -e tagger-0000000000000004.img &&
           test ! -e tagger-0000000000000006.img && test -e notes.txt"
mkdir "$tmp/c11s"
truncate -s 1100M "$tmp/c11s/tagger-00000000000000aa.img"
touch -d "1 minute ago" "$tmp/c11s/tagger-00000000000000aa.img"
ENTIGRAPH_CACHE_DIR="$tmp/c11s" T "$EG" tag -q "${G[@]}" "$tmp/docs" > /dev/null
check "and any beyond 1 GiB in all" \
  bash -c "test ! -e '$tmp/c11s/tagger-00000000000000aa.img' && test \$(ls '$tmp/c11s' | wc -l) -eq 1"
img=$(ls "$tmp"/c11/tagger-*.img | head -n 1)
touch -d "2 days ago" "$img"
T "$EG" tag -q "${G[@]}" "$tmp/docs" > /dev/null
check "an image used is marked used" test "$(stat -c %Y "$img")" -gt "$(date -d '1 hour ago' +%s)"

# ---- a home that does not exist is not made ----
env -u ENTIGRAPH_CACHE_DIR -u XDG_CACHE_HOME HOME="$tmp/nohome" \
  timeout "$TMO" "$EG" tag -q "${G[@]}" "$tmp/docs" > "$tmp/nohome.tsv" 2> "$tmp/err"
rc=$?
check "HOME that does not exist: the run goes on without a cache (exit $rc)" \
  bash -c "test $rc -eq 0 && test ! -s '$tmp/err'"
check "and tags the same" cmp "$tmp/ref.tsv" "$tmp/nohome.tsv"
check "and HOME is not made" test ! -e "$tmp/nohome"
env -u ENTIGRAPH_CACHE_DIR XDG_CACHE_HOME="$tmp/nohome/.cache" HOME="$tmp/nohome" \
  timeout "$TMO" "$EG" tag -q "${G[@]}" "$tmp/docs" > /dev/null 2>&1
check "nor through XDG_CACHE_HOME inside it" test ! -e "$tmp/nohome"
mkdir "$tmp/home"
env -u ENTIGRAPH_CACHE_DIR -u XDG_CACHE_HOME HOME="$tmp/home" \
  timeout "$TMO" "$EG" tag -q "${G[@]}" "$tmp/docs" > /dev/null 2>&1
check "a home that exists gets .cache/entigraph, for its user only" \
  bash -c "ls '$tmp'/home/.cache/entigraph/tagger-*.img && test \"\$(stat -c %a '$tmp/home/.cache/entigraph')\" = 700"

# ---- temporaries a killed run left behind ----
export ENTIGRAPH_CACHE_DIR="$tmp/c13"
mkdir -p "$tmp/c13" "$tmp/o13"
old() { printf 'left by a killed run\n' > "$1"; touch -d "2 hours ago" "$1"; }
old "$tmp/c13/tagger-0123456789abcdef.img.Ab12Cd"
old "$tmp/c13/tagger-0123456789abcdef.img.Locked"
printf 'being written\n' > "$tmp/c13/tagger-0123456789abcdef.img.Fresh1"
old "$tmp/c13/notes.Ab12Cd"
old "$tmp/o13/graph.dot.Qw12Er"
old "$tmp/o13/summary.yaml.Zx98Cv"
old "$tmp/o13/mine.txt.Qw12Er"
printf 'being written\n' > "$tmp/o13/graph.graphml.Fresh1"
# a live writer: this shell holds the lock on two of them
exec 7< "$tmp/c13/tagger-0123456789abcdef.img.Locked" 8< "$tmp/o13/summary.yaml.Zx98Cv"
flock -x 7
flock -x 8
if [ "$(id -u)" = 0 ] && id nobody > /dev/null 2>&1; then
  old "$tmp/o13/graph.dot.Nobody"
  chown nobody "$tmp/o13/graph.dot.Nobody"
fi
T "$EG" build -q "${G[@]}" -o "$tmp/o13" "$tmp/docs" > /dev/null 2>&1
exec 7<&- 8<&-
check "the run went well" test -s "$tmp/o13/graph.dot"
check "a stale temporary image in the cache directory is removed" \
  test ! -e "$tmp/c13/tagger-0123456789abcdef.img.Ab12Cd"
check "a stale temporary output is removed" test ! -e "$tmp/o13/graph.dot.Qw12Er"
check "one a live writer holds is kept, in the cache directory" \
  test -e "$tmp/c13/tagger-0123456789abcdef.img.Locked"
check "and in the output directory" test -e "$tmp/o13/summary.yaml.Zx98Cv"
check "a fresh one is kept, in the cache directory" test -e "$tmp/c13/tagger-0123456789abcdef.img.Fresh1"
check "and in the output directory" test -e "$tmp/o13/graph.graphml.Fresh1"
check "files not named as ours are kept" \
  test -e "$tmp/c13/notes.Ab12Cd" -a -e "$tmp/o13/mine.txt.Qw12Er"
if [ -e "$tmp/o13/graph.dot.Nobody" ] || [ "$(id -u)" != 0 ]; then
  check "another user's are kept" test "$(id -u)" != 0 -o -e "$tmp/o13/graph.dot.Nobody"
else
  not_ok "another user's are kept"
fi
echo "1..$TAP_N"
