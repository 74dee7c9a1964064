#!/usr/bin/env bash
# Limits that hold: count records (merge, build --from-counts) are read
# to the end of the file or to an error naming the line, never cut short
# when memory or a read fails, and their sums never wrap; dates, periods
# and offsets exist; --max-doc-size takes no more than a buffer holds; a
# JSON Lines line and a word list line without end stop at their limit.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
EG=$(cd "$(dirname "$EG")" && pwd)/$(basename "$EG")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

# ulimit -v cannot hold a binary under AddressSanitizer (it maps terabytes
# of shadow) or under valgrind (a wrapper script): those runs skip it
plain=1
if ! head -c 4 "$EG" | grep -q ELF || grep -q __asan_init "$EG"; then plain=0; fi

# run ARGS...: exit status in $rc, stderr in $tmp/err, stdout in $tmp/out
run() { "$EG" "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?; }
# errs RC TEXT: the last run exited RC with TEXT in its message
errs() { test "$rc" = "$1" && grep -qF -- "$2" "$tmp/err"; }

"$EG" count -q tests/corpus | sort > "$tmp/c.counts"
n=$(wc -l < "$tmp/c.counts")
check "the sample corpus counts to many records" test "$n" -gt 150
"$EG" build -q --from-counts "$tmp/c.counts" -o "$tmp/prev"
(cd "$tmp/prev" && md5sum *) > "$tmp/sum"
intact() { (cd "$tmp/prev" && md5sum -c --quiet "$tmp/sum" > /dev/null 2>&1); }

# ---- item: a failing read is no end of file ----
run merge /dev/zero
check "merge /dev/zero: exit 1 naming the line and the record limit" \
  errs 1 "/dev/zero:1: a record longer than 64 MiB"
check "and writes nothing" test ! -s "$tmp/out"
run build -q --from-counts /dev/zero -o "$tmp/prev"
check "build --from-counts /dev/zero: exit 1 naming the line" \
  errs 1 "/dev/zero:1: a record longer than 64 MiB"
check "and the previous outputs stay" intact

# a 60 MB record after 100 good ones, under a memory limit too small to
# hold it: an error naming line 101 (memory, or the record), never exit 0
# with the first 100 records
{ head -n 100 "$tmp/c.counts"; printf 'F russia x\t'; head -c 60000000 /dev/zero | tr '\0' '7'
  printf '\n'; tail -n +101 "$tmp/c.counts"; } > "$tmp/big.counts"
if [ $plain = 1 ]; then
  (ulimit -v 150000; "$EG" merge "$tmp/big.counts" > "$tmp/out" 2> "$tmp/err"); rc=$?
  check "merge, memory short of a 60 MB record: exit 1 naming line 101" \
    errs 1 "big.counts:101:"
  check "and the message says what ran out, or what is wrong" \
    grep -qE "big.counts:101: (out of memory reading the record|a value that is not a count)" "$tmp/err"
else
  ok "# SKIP ulimit -v under a sanitizer or valgrind"
  ok "# SKIP ulimit -v under a sanitizer or valgrind"
fi
run merge -o "$tmp/m.counts" "$tmp/big.counts"
check "a 60 MB number is no count: exit 1 naming line 101" \
  errs 1 "big.counts:101: a value that is not a count"
check "and merge -o writes no file" test ! -e "$tmp/m.counts"
{ head -n 100 "$tmp/c.counts"; printf 'F russia x\t'; head -c 70000000 /dev/zero | tr '\0' '7'
  printf '\n'; tail -n +101 "$tmp/c.counts"; } > "$tmp/huge.counts"
run build -q --from-counts "$tmp/huge.counts" -o "$tmp/prev"
check "a record over 64 MiB: build --from-counts exits 1 naming line 101" \
  errs 1 "huge.counts:101: a record longer than 64 MiB"
check "and the previous outputs stay" intact
rm -f "$tmp/big.counts" "$tmp/huge.counts"

# ---- item: sums never wrap, in build --from-counts as in merge ----
{ cat "$tmp/c.counts"; printf 'E armenia\t18446744073709551615 0 0 0 0 0\n'; } | sort > "$tmp/wrap.counts"
# the second of armenia's two records is where the sum passes 2^64 - 1
line=$(grep -n $'^E armenia\t' "$tmp/wrap.counts" | tail -n 1 | cut -d: -f1)
run merge "$tmp/wrap.counts"
check "merge: E mentions past 2^64 - 1 overflow, naming the line" \
  errs 1 "wrap.counts:$line: a count that overflows"
run build -q --from-counts "$tmp/wrap.counts" -o "$tmp/prev"
check "build --from-counts: the same message, exit 1" \
  errs 1 "wrap.counts:$line: a count that overflows"
check "and the previous outputs stay" intact
for rec in $'P armenia bishkek\t18446744073709551615 0 0 0' $'C bytes\t18446744073709551615' \
           $'E armenia\t0 0 0 18446744073709551615 0 0' $'T armenia 202410\t18446744073709551615'; do
  { cat "$tmp/c.counts"; printf '%s\n' "$rec"; [ "${rec:0:1}" = T ] && printf '%s\n' "$rec"; } |
    sort > "$tmp/wrap.counts"
  run build -q --from-counts "$tmp/wrap.counts" -o "$tmp/prev"
  check "build --from-counts refuses '${rec%%$'\t'*}' past its limit" \
    bash -c "test $rc = 1 && grep -qE 'wrap.counts:[0-9]+: (a count that overflows|too many documents)' '$tmp/err'"
  run merge "$tmp/wrap.counts"
  check "and so does merge" \
    bash -c "test $rc = 1 && grep -qE 'wrap.counts:[0-9]+: (a count that overflows|too many documents)' '$tmp/err'"
done

# ---- dates, periods and offsets that exist ----
bad() { # DESCRIPTION RECORD MESSAGE
  { cat "$tmp/c.counts"; printf '%s\n' "$2"; } | sort > "$tmp/bad.counts"
  local at; at=$(grep -nF -- "$2" "$tmp/bad.counts" | cut -d: -f1)
  run merge "$tmp/bad.counts"
  check "merge: $1, naming line $at" errs 1 "bad.counts:$at: $3"
  run build -q --from-counts "$tmp/bad.counts" -o "$tmp/prev"
  check "build --from-counts: the same" errs 1 "bad.counts:$at: $3"
}
bad "month 13" $'T russia 202413\t1' "a timeline period that is not a month (YYYYMM)"
bad "a pair's month 0" $'U kyrgyzstan russia 202400\t1' "a timeline period that is not a month"
bad "offsets of 2^32 - 1" $'V kyrgyzstan russia\t4294967295\t4294967295\td\tt' \
  "evidence offsets out of range"
bad "an entity's 31 February" $'E russia\t1 0 1 1 20240231 20240231' "a date that is not YYYYMMDD"
check "and the previous outputs stay" intact

# ---- --max-doc-size: what a buffer holds, and no more ----
for s in 4G 3G 2G 2048M 2097152K 18446744073709551616; do
  run tag --max-doc-size "$s" tests/corpus
  check "--max-doc-size $s: exit 2, over the limit of 2047M" errs 2 "over the limit of 2047M"
done
run tag -q --max-doc-size 2047M tests/corpus
check "--max-doc-size 2047M is taken" test "$rc" = 0
run tag --max-doc-size 4x tests/corpus
check "--max-doc-size 4x: exit 2, not a size" errs 2 "'4x' is not a size"

# ---- a JSON Lines line without end ----
run tag -q --jsonl --max-doc-size 1M /dev/zero
check "tag --jsonl /dev/zero: exit 1 at the document limit, naming file and line" \
  errs 1 "/dev/zero:1: line longer than the limit of 1048576 bytes"
if [ -z "${EG_QUICK:-}" ]; then
  timeout 300 "$EG" tag -q --jsonl /dev/zero > /dev/null 2> "$tmp/err"; rc=$?
  check "with the default limit too (256M), in bounded time" \
    errs 1 "/dev/zero:1: line longer than the limit of 268435456 bytes"
else
  ok "# SKIP 256 MB of /dev/zero under valgrind"
fi
printf '{"id": "a", "text": "Putin met Japarov."}\n' > "$tmp/ok.jsonl"
head -c 2000000 /dev/zero | tr '\0' ' ' >> "$tmp/ok.jsonl"
printf '\n' >> "$tmp/ok.jsonl"
run tag --max-doc-size 1M "$tmp/ok.jsonl"
check "a long line of a JSON Lines file: exit 1 naming line 2" \
  errs 1 "ok.jsonl:2: line longer than the limit of 1048576 bytes"

# ---- a word list without line breaks ----
if [ $plain = 1 ] && [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o "$tmp/rss" "$EG" tag -q --wordlist /dev/zero tests/corpus \
    > /dev/null 2> "$tmp/err"; rc=$?
  check "--wordlist /dev/zero: exit 1 naming the file and line" \
    errs 1 "/dev/zero:1: a line longer than 4096 bytes"
  check "after reading little (under 200 MB resident, not 2 GB)" test "$(tail -n 1 "$tmp/rss")" -lt 200000
else
  run tag -q --wordlist /dev/zero tests/corpus
  check "--wordlist /dev/zero: exit 1 naming the file and line" \
    errs 1 "/dev/zero:1: a line longer than 4096 bytes"
  ok "# SKIP resident memory under a sanitizer or valgrind"
fi
check "and saying what a word list is" grep -q "not a word list (one word a line" "$tmp/err"
echo "1..$TAP_N"
