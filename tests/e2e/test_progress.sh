#!/usr/bin/env bash
# Progress on stderr: drawn on a terminal (a pty made by script(1)),
# never with --quiet or when stderr is a file or a pipe.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
EG=$(cd "$(dirname "$EG")" && pwd)/$(basename "$EG")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$tmp.out"' EXIT

for i in $(seq 40); do cp tests/corpus/000_07a971ae848b745d.txt "$tmp/doc$i.txt"; done
script -qec "$EG tag -j 2 $tmp > /dev/null" "$tmp/tty.log" > /dev/null
check "on a terminal, tag draws progress" grep -q "documents, .* MB, .* MB/s" "$tmp/tty.log"
check "out of the 0.1 MB of the files listed" \
  grep -q "documents, 0.[0-9] of 0.1 MB" "$tmp/tty.log"
check "and clears the line at the end" grep -q $'\r\033\\[K$' <(tr -d '\n' < "$tmp/tty.log" | sed 's/Script done.*//')
script -qec "$EG tag -q -j 2 $tmp > /dev/null" "$tmp/quiet.log" > /dev/null
check "--quiet: no progress" bash -c '! grep -q "MB/s" "$0"' "$tmp/quiet.log"
"$EG" tag -j 2 "$tmp" > /dev/null 2> "$tmp/err"
check "stderr to a file: no progress" test ! -s "$tmp/err"
"$EG" build -j 2 -o "$tmp.out" "$tmp" 2>&1 >/dev/null | cat > "$tmp/pipe"
check "stderr to a pipe: the summary line only" \
  test "$(grep -c . "$tmp/pipe") $(grep -c 'MB/s' "$tmp/pipe")" = "1 0"
echo "1..$TAP_N"
