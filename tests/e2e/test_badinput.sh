#!/usr/bin/env bash
# The bad-input matrix: every case gives a clear message naming the file
# and line or byte offset, the documented exit code (0 with a warning, 1
# bad input or I/O, 2 usage), and never a partial output.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
S='Putin met Japarov in Bishkek.'

# run NAME ARGS...: exit status in $rc, stderr in $tmp/err, stdout in $tmp/out
run() { "$EG" "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?; }
# mentions "surface=id ..." of the last tag output
ids() { tail -n +2 "$tmp/out" | cut -f5,6 | tr '\t' '=' | paste -sd' '; }
# a previous build to protect: its files and their checksum
prev() { rm -rf "$tmp/o"; "$EG" build -q -o "$tmp/o" tests/corpus; (cd "$tmp/o" && md5sum *) > "$tmp/sum"; }
intact() { (cd "$tmp/o" && md5sum -c --quiet "$tmp/sum" >/dev/null 2>&1) &&
  test "$(ls "$tmp/o" | wc -l)" = 5; }

# ---- text ----
printf 'Putin in Bishkek \xff\xfe and Japarov.\n' > "$tmp/bad.txt"
run tag "$tmp/bad.txt"
check "invalid UTF-8: warning with file and byte offset, exit 0" \
  bash -c "test $rc = 0 && grep -q 'bad.txt: invalid UTF-8 at byte 17 (2 bytes' '$tmp/err'"
check "invalid UTF-8: the names around it are still found" test "$(ids)" = "Putin=vladimir-putin Bishkek=bishkek Japarov=sadyr-japarov"
printf 'Putin\xc0\xafJaparov \xed\xa0\x80 Bishkek\n' > "$tmp/overlong.txt"
run tag "$tmp/overlong.txt"
check "overlong encoding and lone surrogate: warning at byte 5, 5 bytes, exit 0" \
  bash -c "test $rc = 0 && grep -q 'overlong.txt: invalid UTF-8 at byte 5 (5 bytes' '$tmp/err'"
check "and they separate words like spaces" test "$(ids)" = "Putin=vladimir-putin Japarov=sadyr-japarov Bishkek=bishkek"
{ printf '%s ' "$S" "$S" "$S" "$S"; printf 'Putin\0Japarov went home. %s\n' "$S"; } > "$tmp/nul.txt"
run tag "$tmp/nul.txt"
check "NUL bytes in a text: warning with the byte offset, exit 0" \
  bash -c "test $rc = 0 && grep -q 'nul.txt: NUL byte at byte 125, read as a space' '$tmp/err'"
check "and the text is read on" test "$(tail -n +2 "$tmp/out" | wc -l)" = 17
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10' > "$tmp/image.png"
head -c 3000 /dev/urandom >> "$tmp/image.png"
run build -o "$tmp/bin" "$tmp/image.png" tests/corpus
check "a binary file is skipped with a warning naming it; exit 0" \
  bash -c "test $rc = 0 && grep -q 'image.png: skipped: not text (control byte 0x1a at byte 6)' '$tmp/err'"
check "and the other documents are graphed" test "$(yq '.corpus.documents' "$tmp/bin/summary.yaml")" = 3
# control bytes past the first eight-byte word, in lines of text: 3 in
# 200 bytes is binary, 1 in 1,000 is a typo in a text
{ printf 'Putin met Japarov\x02\x03 in Bishkek. '; head -c 180 /dev/zero | tr '\0' 'a';
  printf '\x02\n'; } > "$tmp/ctl.txt"
{ printf 'Putin met Japarov in Bishkek.\n'; head -c 480 /dev/zero | tr '\0' 'a';
  printf '\x02\n'; head -c 500 /dev/zero | tr '\0' 'b'; } > "$tmp/typo.txt"
run tag "$tmp/ctl.txt" "$tmp/typo.txt"
check "3 control bytes in 200 (the first at byte 17): skipped, naming the first" \
  bash -c "test $rc = 0 && grep -q 'ctl.txt: skipped: not text (control byte 0x02 at byte 17)' '$tmp/err'"
check "1 control byte in 1,000: read as text" test "$(ids)" = "Putin=vladimir-putin Japarov=sadyr-japarov Bishkek=bishkek"
: > "$tmp/empty.txt"
run build -q -o "$tmp/empty" "$tmp/empty.txt"
check "an empty file: exit 0, an empty graph in valid outputs" \
  bash -c "test $rc = 0 && test \$(yq '.graph.nodes' '$tmp/empty/summary.yaml') = 0 &&
           xmllint --noout '$tmp/empty/graph.graphml' && dot -Tsvg '$tmp/empty/graph.dot' -o /dev/null"
printf 'Putin met Japarov.\r\nFollow us on HotNews.ro\r\n\r\nRussia and Kyrgyzstan.\r\n' > "$tmp/crlf.txt"
tr -d '\n' < "$tmp/crlf.txt" > "$tmp/cr.txt"
tr -d '\r' < "$tmp/crlf.txt" > "$tmp/lf.txt"
for f in lf crlf cr; do
  "$EG" tag --skip-boilerplate "$tmp/$f.txt" | tail -n +2 | cut -f2,5,6 > "$tmp/$f.tag"
  "$EG" build -q -o "$tmp/$f" "$tmp/$f.txt"
done
check "CRLF and CR line ends give the mentions and sentences of LF" \
  bash -c "cmp -s '$tmp/lf.tag' '$tmp/crlf.tag' && cmp -s '$tmp/lf.tag' '$tmp/cr.tag' && test -s '$tmp/lf.tag'"
check "and the same paragraphs" \
  test "$(yq '.corpus.paragraphs' "$tmp/cr/summary.yaml")$(yq '.corpus.paragraphs' "$tmp/crlf/summary.yaml")" = 22
printf '\xef\xbb\xbfPutin met Japarov.\n' > "$tmp/bom.txt"
run tag "$tmp/bom.txt"
check "a BOM is not part of the first word (Putin at byte 3)" \
  test "$(sed -n 2p "$tmp/out" | cut -f3-6)" = "$(printf '3\t8\tPutin\tvladimir-putin')"
# a 100 MB single line: prose without names, then names at its very end
# (10 MB under make valgrind, EG_QUICK)
mb=100; [ -n "${EG_QUICK:-}" ] && mb=10
python3 -c "
import sys
s = 'the cat sat on a mat and looked at the rain, ' * 40
n = $mb * 1024 * 1024 // len(s)
sys.stdout.write(s * n + '$S')" > "$tmp/line.txt"
run tag "$tmp/line.txt"
check "a $mb MB single line is read whole: the names at its end are found" \
  bash -c "test $rc = 0 && test \"\$(tail -n +2 '$tmp/out' | cut -f5 | paste -sd' ')\" = 'Putin Japarov Bishkek'"
run tag --max-doc-size $((mb / 2))M "$tmp/line.txt"
check "over --max-doc-size: exit 1, the file and the limit named" \
  bash -c "test $rc = 1 && grep -q \"line.txt: larger than the limit of $((mb / 2 * 1048576)) bytes\" '$tmp/err' &&
           grep -q 'raise it with --max-doc-size' '$tmp/err'"
rm -f "$tmp/line.txt"
mkdir "$tmp/many"
for i in $(seq 1 3000); do echo "Document $i: $S" > "$tmp/many/d$i.txt"; done
run build -q -o "$tmp/manyout" "$tmp/many"
check "a directory of 3,000 files: every one is a document" \
  bash -c "test $rc = 0 && test \$(yq '.corpus.documents' '$tmp/manyout/summary.yaml') = 3000 &&
           test \$(yq '.corpus.mentions' '$tmp/manyout/summary.yaml') = 9000"
mkdir -p "$tmp/loop/sub"; echo "$S" > "$tmp/loop/sub/a.txt"; ln -s .. "$tmp/loop/sub/up"
run tag "$tmp/loop"
check "a symlink loop is skipped with a warning; exit 0" \
  bash -c "test $rc = 0 && grep -q 'sub/up: skipped: directory link loop' '$tmp/err' &&
           test \$(tail -n +2 '$tmp/out' | wc -l) = 3"
# the directory listing's types: a regular file is read without a stat, a
# link to a file is followed, a FIFO and an empty file give nothing
mkdir "$tmp/kinds"; echo "$S" > "$tmp/kinds/a.txt"; echo "$S" > "$tmp/elsewhere.txt"
ln -s ../elsewhere.txt "$tmp/kinds/b.txt"; mkfifo "$tmp/kinds/c.fifo"; : > "$tmp/kinds/d.txt"
run build -q -o "$tmp/kindsout" "$tmp/kinds"
check "a directory with a file, a link to a file, a FIFO and an empty file: 3 documents, 6 mentions" \
  bash -c "test $rc = 0 && test \$(yq '.corpus.documents' '$tmp/kindsout/summary.yaml') = 3 &&
           test \$(yq '.corpus.mentions' '$tmp/kindsout/summary.yaml') = 6"
run tag /proc/self/mem
check "an unreadable file: exit 1 and the file named" \
  bash -c "test $rc = 1 && grep -q '/proc/self/mem: read error' '$tmp/err'"
# a file that disappears after the inputs were listed: the run waits on a
# FIFO, the file is removed, then the FIFO is fed
prev
mkfifo "$tmp/fifo"; echo "$S" > "$tmp/gone.txt"
"$EG" build -q -o "$tmp/o" "$tmp/fifo" "$tmp/gone.txt" 2> "$tmp/err" & pid=$!
for _ in $(seq 100); do [ "$(ls "$tmp/o" | grep -c '\.[^.]\{6\}$')" -ge 4 ] && break; sleep 0.05; done
rm "$tmp/gone.txt"; echo "$S" > "$tmp/fifo"; wait $pid; rc=$?
check "a file gone mid-run: exit 1, named" bash -c "test $rc = 1 && grep -q 'gone.txt: cannot open: No such file' '$tmp/err'"
check "and the previous outputs are intact, no temporary file left" intact

# ---- JSON Lines ----
printf '{"id": "a", "text": "%s"}\n{"id": "b", "text": 5}\n' "$S" > "$tmp/docs.jsonl"
prev
run build -q -o "$tmp/o" "$tmp/docs.jsonl"
check "a bad JSON Lines record: exit 1 with file:line" \
  bash -c "test $rc = 1 && grep -q 'docs.jsonl:2: not a JSON Lines record: \"text\" must be a string' '$tmp/err'"
check "and the previous outputs are intact" intact

# ---- gazetteers ----
gz() { printf -- "$1" > "$tmp/g.yaml"; run gazetteer check -g "$tmp/g.yaml"; }
gz '- id: a\n  label: A\n  type: person\n  aliases: [B\n'
check "broken YAML: exit 1, file:line:col" bash -c "test $rc = 1 && grep -q 'g.yaml:5:1: YAML error' '$tmp/err'"
gz '- id: a\n  label: [A]\n  type: person\n'
check "a wrong type: exit 1, file:line:col" bash -c "test $rc = 1 && grep -q 'g.yaml:2:10: .*label' '$tmp/err'"
gz '- id: a\n  label: A\n  type: planet\n'
check "an unknown entity type: named with its position" bash -c "test $rc = 1 && grep -q \"g.yaml:3:9: unknown type 'planet'\" '$tmp/err'"
printf -- '- id: putin\n  label: X\n  type: person\n' > "$tmp/g2.yaml"
printf -- '- id: putin\n  label: Y\n  type: person\n' > "$tmp/g3.yaml"
run gazetteer check -g "$tmp/g2.yaml" -g "$tmp/g3.yaml"
check "a duplicate id across files: both places named" \
  bash -c "test $rc = 1 && grep -q 'g3.yaml:1:7: .*putin.*g2.yaml:1' '$tmp/err'"
gz '- id: a\n  label: Georgia\n  type: country\n- id: b\n  label: Georgia\n  type: place\n'
check "an alias of two entities with equal priors: exit 1, both named" \
  bash -c "test $rc = 1 && grep -q 'g.yaml:2:10: error: alias \"Georgia\" names a and b' '$tmp/out' "
gz '- id: a\n  label: A\n  type: person\n  aliases: [""]\n'
check "an empty alias: exit 1, file:line:col" bash -c "test $rc = 1 && grep -q \"g.yaml:4:13: empty entry in 'aliases'\" '$tmp/err'"
long=$(printf 'Long%.0s ' $(seq 1 300))
gz "- id: a\n  label: A\n  type: person\n  aliases: [\"$long\"]\n"
check "an absurdly long alias: exit 1, its length named" \
  bash -c "test $rc = 1 && grep -q \"g.yaml:4:13: 'aliases' is longer than 1000 bytes\" '$tmp/err'"
gz '- id: a\n  label: A\n  type: person\n  aliases: ["!!!", "..."]\n'
check "an alias of punctuation only: exit 1, named" \
  bash -c "test $rc = 1 && grep -q \"g.yaml:4:13: 'aliases' entry \\\"!!!\\\" has no letters or digits\" '$tmp/err'"
prev
run build -q -g "$tmp/g.yaml" -o "$tmp/o" tests/corpus
check "a bad gazetteer stops build: exit 1" test $rc = 1
check "and the previous outputs are intact" intact

# ---- outputs ----
echo x > "$tmp/afile"
run build -q -o "$tmp/afile/out" tests/corpus
check "an output directory under a file: exit 1, named" \
  bash -c "test $rc = 1 && grep -q 'afile/out: cannot create directory: Not a directory' '$tmp/err'"
prev
rm "$tmp/o/graph.graphml"; mkdir "$tmp/o/graph.graphml"
(cd "$tmp/o" && md5sum graph.dot summary.yaml mentions.tsv) > "$tmp/sum"
run build -q -o "$tmp/o" tests/corpus
check "a directory in the way of an output: exit 1, named" \
  bash -c "test $rc = 1 && grep -q 'graph.graphml: exists and is not a regular file' '$tmp/err'"
check "and no other output was replaced, no temporary file left" \
  bash -c "(cd '$tmp/o' && md5sum -c --quiet '$tmp/sum') && test \$(ls '$tmp/o' | wc -l) = 5"
prev
(trap '' XFSZ; ulimit -f 40; "$EG" build -q -o "$tmp/o" tests/corpus) 2> "$tmp/err"; rc=$?
check "a full disk (file size limit): exit 1, the file and the reason named" \
  bash -c "test $rc = 1 && grep -q 'cannot write: File too large' '$tmp/err'"
check "and the previous outputs are intact, no temporary file left" intact
# job control, so that the background run does not inherit an ignored
# SIGINT (as non-interactive shells give their background jobs)
set -m
for sig in INT TERM; do
  prev
  rm -f "$tmp/fifo"; mkfifo "$tmp/fifo"
  "$EG" build -q -o "$tmp/o" "$tmp/fifo" 2>/dev/null & pid=$!
  for _ in $(seq 100); do [ "$(ls "$tmp/o" | grep -c '\.[^.]\{6\}$')" -ge 4 ] && break; sleep 0.05; done
  kill -$sig $pid; wait $pid; rc=$?
  check "SIG$sig mid-run: the process ends by the signal ($rc)" test $rc = $((128 + $(kill -l $sig)))
  check "SIG$sig: previous outputs intact, temporary files removed" intact
done
set +m
"$EG" tag tests/corpus > /dev/full 2> "$tmp/err"; rc=$?
check "stdout on a full device: exit 1 with a message" \
  bash -c "test $rc = 1 && grep -q 'cannot write to standard output' '$tmp/err'"

# regression: as root, -o /dev/full was renamed over and became a file
mkfifo "$tmp/pipe"
run suggest -o "$tmp/pipe" tests/corpus
check "an output that is a FIFO or device is refused, not replaced" \
  bash -c "test $rc = 1 && grep -q 'pipe: exists and is not a regular file' '$tmp/err' && test -p '$tmp/pipe'"

# ---- command line ----
usage() { local d=$1; shift; run "$@"; check "$d: exit 2 with a message" bash -c "test $rc = 2 && test -s '$tmp/err'"; }
usage "an unknown option" build --frobnicate tests/corpus
usage "a missing value" build --window
usage "--window 0" build --window 0 tests/corpus
usage "--min-weight -1" build --min-weight -1 tests/corpus
usage "--max-doc-size 0" tag --max-doc-size 0 tests/corpus
usage "--max-doc-size 5T" tag --max-doc-size 5T tests/corpus
usage "--wordlist with --no-wordlist" tag --wordlist /usr/share/dict/words --no-wordlist tests/corpus
usage "--types with an unknown type" tag --types person,planet tests/corpus
usage "--format xml" tag --format xml tests/corpus
usage "no INPUT" build
usage "an unknown command" frob
echo "1..$TAP_N"
