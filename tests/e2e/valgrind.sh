#!/bin/sh
# The daemon is valgrind-clean: the MTA pipe, a Maildir pass and the
# outbox to a real SMTP server, with no invalid access and no definite
# leak.  (Skipped in the ASan build, where valgrind cannot run.)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
command -v valgrind >/dev/null || fx_skip "valgrind not installed (apt-get install valgrind)"
if nm "$KLACHTD" 2>/dev/null | grep -q __asan_init; then
	fx_skip "ASan build: valgrind runs in the plain build"
fi
fx_require smtp
kl_setup
fx_smtp_start
kl_config "$(kl_smtp_conf)"
vg() {
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
	    --suppressions="$top_srcdir/tests/valgrind.supp" "$@"
}
rc=0; vg "$KLACHTD" -c "$KL_CONF" deliver < "$KL_DATA/samples/02-balie.eml" 2>"$FX_DIR/vg1" || rc=$?
[ $rc -eq 0 ] || { cat "$FX_DIR/vg1" >&2; fx_fail "deliver under valgrind: exit $rc"; }
mkdir -p "$KL_STATE/inbox/new" "$KL_STATE/inbox/cur" "$KL_STATE/inbox/tmp"
for f in "$KL_DATA"/samples/*.eml; do cp "$f" "$KL_STATE/inbox/new/$(basename "$f").vg"; done
rc=0; vg "$KLACHTD" -c "$KL_CONF" --once 2>"$FX_DIR/vg2" || rc=$?
[ $rc -eq 0 ] || { cat "$FX_DIR/vg2" >&2; fx_fail "--once under valgrind: exit $rc"; }
kl_eq "cases" "$(kl_sql 'select count(*) from cases')" 4
fx_smtp_wait_count 4 10 || fx_fail "acks not delivered"
rc=0; vg "$KLACHTCTL" -c "$KL_CONF" show --json KL-$(date +%Y)-00001 >/dev/null 2>"$FX_DIR/vg3" || rc=$?
[ $rc -eq 0 ] || { cat "$FX_DIR/vg3" >&2; fx_fail "klachtctl under valgrind: exit $rc"; }
echo PASS
