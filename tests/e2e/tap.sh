# TAP helpers for the end-to-end scripts: ok/not ok lines, counted by
# tests/run.sh. Source this file.
TAP_N=0
ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $1"; }
not_ok() { TAP_N=$((TAP_N + 1)); echo "not ok $TAP_N - $1"; [ -n "${2:-}" ] && echo "# $2"; return 0; }
# check DESCRIPTION COMMAND...: ok when the command succeeds
check() { local d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else not_ok "$d" "failed: $*"; fi; }

# Graphviz 2.42 and the fontconfig under its pango plugin never free some
# of what they allocate (plugin configuration, HTML labels, neato's
# start, font caches), whichever script draws a picture. Those leaks are
# theirs: kept out of the sanitizer and memcheck reports, matched by
# library, so a leak of ours still shows.
# (sourced from the top of the tree)
export LSAN_OPTIONS="suppressions=$PWD/tests/e2e/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export VALGRIND_OPTS="--suppressions=$PWD/tests/e2e/valgrind.supp${VALGRIND_OPTS:+ $VALGRIND_OPTS}"
