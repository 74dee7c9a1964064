#!/usr/bin/env bash
# The man page: groff reads it without a warning, it names every option
# of every command's --help, and make install puts it (and a working
# binary with its gazetteers) under PREFIX.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
MAN=docs/entigraph.1

groff -man -Tutf8 -ww -z "$MAN" 2> "$tmp/warn"
check "groff -man -ww reads the man page without a warning" test ! -s "$tmp/warn"
# as man would show it, in plain ASCII (groff alone: no man or col on a
# bare machine)
groff -man -Tascii -P-c "$MAN" 2>/dev/null | sed 's/.\x08//g' > "$tmp/man.txt"
for cmd in build tag suggest count merge show gazetteer; do
  "$EG" "$cmd" --help > "$tmp/help" 2>&1
  missing=""
  for o in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
    grep -q -- "$o" "$tmp/man.txt" || missing="$missing $o"
  done
  check "the man page names every option of $cmd --help${missing:+ (missing:$missing)}" test -z "$missing"
  check "and README.md does too" bash -c 'for o in $(grep -o -- "--[a-z][a-z-]*" "$0" | sort -u); do
    grep -q -- "$o" README.md || { echo "$o"; exit 1; }; done' "$tmp/help"
done
"$EG" --help | sed -n '/^Commands:/,/^$/p' | grep '^  [a-z]' | awk '{ print $1 }' > "$tmp/cmds"
check "every command of --help has a section" bash -c 'while read -r c; do grep -q "^\.B $c\$" "$0" || exit 1; done < "$1"' "$MAN" "$tmp/cmds"
# the build directory of the binary under test; a wrapper script (make
# valgrind's) is no build directory: then the default one
bdir=$(dirname "$EG" | sed "s|^$PWD/||")
head -c 4 "$EG" | grep -q ELF || bdir=${BUILD:-build}
make -s install PREFIX="$tmp/p" BUILD="$bdir" > /dev/null 2>&1
check "make install puts the man page under PREFIX" test -s "$tmp/p/share/man/man1/entigraph.1"
check "and the gazetteers" test -s "$tmp/p/share/entigraph/gazetteers/countries.yaml"
echo "Putin met Japarov in Bishkek." | (cd / && "$tmp/p/bin/entigraph" tag - > "$tmp/tag.tsv" 2>&1)
check "the installed binary finds its gazetteers" grep -q "vladimir-putin" "$tmp/tag.tsv"
echo "1..$TAP_N"
