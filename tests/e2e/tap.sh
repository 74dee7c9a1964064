# TAP helpers for the end-to-end scripts: ok/not ok lines, counted by
# tests/run.sh. Source this file.
TAP_N=0
ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $1"; }
not_ok() { TAP_N=$((TAP_N + 1)); echo "not ok $TAP_N - $1"; [ -n "${2:-}" ] && echo "# $2"; return 0; }
# check DESCRIPTION COMMAND...: ok when the command succeeds
check() { local d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else not_ok "$d" "failed: $*"; fi; }
