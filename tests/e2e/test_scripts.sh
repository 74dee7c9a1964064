#!/usr/bin/env bash
# End to end: names in scripts written without spaces (Han, kana, Thai)
# are found inside runs of text, and files in UTF-16 with a byte order
# mark are read as text.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/g.yaml" <<'YAML'
- id: beijing-x
  label: Beijing
  type: place
  aliases: [北京]
- id: tokyo-x
  label: Tokyo
  type: place
  aliases: [東京]
- id: bangkok-x
  label: Bangkok
  type: place
  aliases: [กรุงเทพมหานคร]
YAML
printf '我在北京工作。他去了東京。\nฉันอยู่ที่กรุงเทพมหานครและทำงาน\n' >"$tmp/cjk.txt"
"$EG" tag -g "$tmp/g.yaml" "$tmp/cjk.txt" >"$tmp/cjk.tsv" 2>/dev/null
ids=$(tail -n +2 "$tmp/cjk.tsv" | cut -f6 | paste -sd' ')
# regression: CJK and Thai aliases matched only with spaces around them
check "北京, 東京 and กรุงเทพมหานคร are found inside unspaced text" test "$ids" = "beijing-x tokyo-x bangkok-x"
check "。 ends a sentence with no space after it" \
  test "$(tail -n +2 "$tmp/cjk.tsv" | cut -f2 | paste -sd' ')" = "1 2 3"
check "with the byte offsets of the UTF-8 text" \
  test "$(tail -n +2 "$tmp/cjk.tsv" | head -n 1 | cut -f3,4)" = "$(printf '6\t12')"

# regression: UTF-16 files were skipped as not text
S='Putin met Japarov in Bishkek.'
python3 -c "import sys; open(sys.argv[1],'wb').write(b'\xff\xfe'+sys.argv[3].encode('utf-16-le')); open(sys.argv[2],'wb').write(b'\xfe\xff'+sys.argv[3].encode('utf-16-be'))" \
  "$tmp/le.txt" "$tmp/be.txt" "$S"
printf '%s' "$S" >"$tmp/u8.txt"
"$EG" tag "$tmp/u8.txt" | tail -n +2 | cut -f3- >"$tmp/u8.tsv"
for e in le be; do
  "$EG" tag "$tmp/$e.txt" 2>"$tmp/$e.err" | tail -n +2 | cut -f3- >"$tmp/$e.tsv"
  check "UTF-16 ${e^^} with a byte order mark: the mentions of the same text in UTF-8" cmp -s "$tmp/$e.tsv" "$tmp/u8.tsv"
done
check "and no warning" test ! -s "$tmp/le.err"
printf '\xff\xfe' >"$tmp/empty16.txt"
"$EG" tag "$tmp/empty16.txt" >/dev/null 2>&1
check "a UTF-16 file of its mark alone is an empty document" test $? -eq 0

echo "1..$TAP_N"
