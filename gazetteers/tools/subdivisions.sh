#!/bin/sh
# Regenerate gazetteers/subdivisions.yaml, the first-level administrative
# divisions of every country, from Debian iso-codes (ISO 3166-2). See
# gazetteers/tools/README.md.
#
# Needs python3 with PyYAML (Debian python3-yaml), iso-codes, wamerican, and
# the npm package human-names (English given names), which is installed,
# exactly as cities.sh does, into a cache directory outside the repository:
#     ${XDG_CACHE_HOME:-$HOME/.cache}/entigraph/npm
# Only the npm registry is contacted, and only when the pinned version is
# not installed there yet.
#
# Usage: gazetteers/tools/subdivisions.sh [REPORT]   (from anywhere)
#        REPORT: optional file listing every left-out division and why
set -eu

# Pinned exactly: the output is a function of these versions.
ISO_CODES_VERSION=4.15.0
HUMAN_NAMES_VERSION=1.0.13
ISO_DIR=/usr/share/iso-codes/json
WORDLIST=/usr/share/dict/words

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/entigraph/npm"

for f in "$ISO_DIR/iso_3166-1.json" "$ISO_DIR/iso_3166-2.json"; do
    if [ ! -r "$f" ]; then
        echo "subdivisions.sh: $f is required (Debian: apt-get install iso-codes)" >&2
        exit 1
    fi
done
have=$(dpkg-query -W -f='${Version}' iso-codes 2>/dev/null || true)
case "$have" in
    "$ISO_CODES_VERSION"|"$ISO_CODES_VERSION"-*) ;;
    *) echo "subdivisions.sh: iso-codes $ISO_CODES_VERSION expected, found '${have:-none}'; the output would change" >&2
       exit 1 ;;
esac
if [ ! -r "$WORDLIST" ]; then
    echo "subdivisions.sh: $WORDLIST is required (Debian: apt-get install wamerican)" >&2
    exit 1
fi
if ! python3 -c 'import yaml' 2>/dev/null; then
    echo "subdivisions.sh: python3 with PyYAML is required (Debian: apt-get install python3 python3-yaml)" >&2
    exit 1
fi

case "$cache/" in
    "$repo"/*)
        echo "subdivisions.sh: cache directory $cache is inside the repository; set XDG_CACHE_HOME elsewhere" >&2
        exit 1 ;;
esac

names="$cache/node_modules/human-names"
installed=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' \
    "$names/package.json" 2>/dev/null || true)
if [ "$installed" != "$HUMAN_NAMES_VERSION" ]; then
    for tool in node npm; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "subdivisions.sh: '$tool' is required to install human-names (Debian: apt-get install nodejs npm)" >&2
            exit 1
        fi
    done
    mkdir -p "$cache"
    echo "subdivisions.sh: installing human-names@$HUMAN_NAMES_VERSION into $cache" >&2
    # --no-save: leave the cache's package.json (cities.sh's pins) alone
    (cd "$cache" && npm install --prefix "$cache" --no-save --no-audit --no-fund \
        --loglevel=error "human-names@$HUMAN_NAMES_VERSION" >&2)
fi

set -- python3 "$here/subdivisions.py" \
    --gazetteers "$repo/gazetteers" \
    --iso1 "$ISO_DIR/iso_3166-1.json" \
    --iso2 "$ISO_DIR/iso_3166-2.json" \
    --wordlist "$WORDLIST" \
    --given-names "$names/data" \
    --out "$repo/gazetteers/subdivisions.yaml" ${1:+--report "$1"}
exec "$@"
