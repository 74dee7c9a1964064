#!/usr/bin/env bash
# End to end: the output directory is one set. A build never reads its
# own outputs (an output directory inside the input, or the input itself),
# locks the directory against a second build, replaces every file or none
# (a failed rename puts the previous set back), writes a manifest that
# sha256sum -c checks, and keeps the mode a user gave a file.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=$PWD/${ENTIGRAPH:-build/entigraph}
[ -x "$EG" ] || EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# regression: an output directory inside the input was read as documents
# (7 documents for 3 files, then out/* as text: 181 -> 2984 -> 11326 mentions)
cp -r tests/corpus "$tmp/c"
ndocs=()
for i in 1 2 3; do
  (cd "$tmp/c" && "$EG" build . 2>"$tmp/err$i" >/dev/null)
  ndocs+=("$(grep -o '[0-9]* documents' "$tmp/err$i")")
done
check "three builds of a directory holding out/ read its 3 documents each time" \
  test "${ndocs[*]}" = "3 documents 3 documents 3 documents"
check "and say they skipped the output directory" grep -q 'out: skipped: an entigraph output directory' "$tmp/err2"
mentions=$(yq -r '.corpus.mentions' "$tmp/c/out/summary.yaml")
"$EG" build -q -o "$tmp/ref" tests/corpus
check "the same mentions as a build from elsewhere ($mentions)" \
  test "$mentions" = "$(yq -r '.corpus.mentions' "$tmp/ref/summary.yaml")"
# -o naming the input itself: its outputs and their temporaries are skipped
cp -r tests/corpus "$tmp/d"
: > "$tmp/d/graph.dot.Ab12Cd"
for i in 1 2; do "$EG" build -q -o "$tmp/d" "$tmp/d" 2>/dev/null; done
check "-o DIR DIR reads only the documents, run after run" \
  test "$(yq -r '.corpus.documents' "$tmp/d/summary.yaml")" = 3

# the manifest
check "SHA256SUMS lists the outputs and sha256sum -c accepts it" \
  bash -c "cd '$tmp/ref' && sha256sum -c --quiet SHA256SUMS && test \$(wc -l < SHA256SUMS) -eq 4"

# a second build into a locked directory stops and says so
"$EG" build -q -o "$tmp/lk" tests/corpus
flock "$tmp/lk/.entigraph.lock" sleep 5 &
holder=$!
sleep 0.5
"$EG" build -q -o "$tmp/lk" tests/corpus 2>"$tmp/lk.err"
rc=$?
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
check "a build into a directory another run holds exits non-zero" test "$rc" -ne 0
check "naming the directory and the other run" grep -q "lk: another entigraph run is writing there" "$tmp/lk.err"

# regression: a failed rename left some files new and some old; now every
# previous file comes back, whichever rename fails
if command -v strace >/dev/null; then
  "$EG" build -q -o "$tmp/r" tests/corpus
  cp -a "$tmp/r" "$tmp/r.before"
  printf 'Kyrgyzstan and Russia met in Bishkek.\n' >"$tmp/extra.txt"
  for when in 1 2 3 4 5; do
    strace -f -o /dev/null -e inject=rename:error=EIO:when=$when \
      "$EG" build -q -o "$tmp/r" tests/corpus "$tmp/extra.txt" 2>/dev/null
    rc=$?
    if [ "$rc" -ne 0 ] && diff -r "$tmp/r" "$tmp/r.before" >/dev/null; then
      ok "rename $when failing: exit $rc, the previous set intact"
    else
      not_ok "rename $when failing: exit $rc, the previous set intact" "$(diff -r "$tmp/r" "$tmp/r.before" | head -5)"
    fi
  done
  strace -f -o /dev/null -e inject=rename:error=EIO:when=2 \
    "$EG" build -q -o "$tmp/fresh" tests/corpus 2>/dev/null
  check "a failed first build leaves no outputs" test -z "$(ls "$tmp/fresh")"
else
  not_ok "strace is installed (make deps installs it)"
fi

# regression: a rebuild reset the mode a user gave an output
"$EG" build -q -o "$tmp/m" tests/corpus
chmod 600 "$tmp/m/summary.yaml"
"$EG" build -q -o "$tmp/m" tests/corpus
check "a rebuild keeps a 600 summary at 600" test "$(stat -c %a "$tmp/m/summary.yaml")" = 600
check "and new files follow the umask" test "$(stat -c %a "$tmp/m/graph.dot")" = "$(printf '%o' $((0666 & ~0$(umask))))"

# -o creates missing parents
"$EG" build -q -o "$tmp/a/b/c" tests/corpus
check "-o a/b/c creates a and b" test -s "$tmp/a/b/c/summary.yaml"

echo "1..$TAP_N"
