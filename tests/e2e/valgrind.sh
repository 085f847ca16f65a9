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
fx_smtp_wait_count 4 30 || fx_fail "acks not delivered"
# The daemon's loop through a rest and back (include/rest.h): valgrind
# follows the execs into klachtd-rest and back into klachtd, in one
# process; every error of every image goes to one log.
kl_config "$(kl_smtp_conf)
daemon = { rest_after = \"1s\"; };"
valgrind -q --trace-children=yes --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --suppressions="$top_srcdir/tests/valgrind.supp" \
    "$KLACHTD" -c "$KL_CONF" -v 2>"$FX_DIR/vg4" &
vpid=$!
fx_track_pid $vpid
# klachtd-rest says so once its handlers are in place: a signal sent
# earlier, during the exec, is lost under valgrind, which keeps the
# pending signals of a blocked mask itself (natively the kernel keeps
# them; rest.sh shows that).
rests() { [ "$(grep -c 'rest: at rest' "$FX_DIR/vg4")" -ge "$1" ]; }
fx_wait_for -t 120 rests 1 || { cat "$FX_DIR/vg4" >&2; fx_fail "the daemon under valgrind never rested"; }
printf 'From: Rust Zoeker <rust@example.net>\nTo: klachten@testdorp.example\nSubject: Lawaai van de bouwplaats\nMessage-ID: <vg-rest@example.net>\nDate: Mon, 7 Dec 2026 10:00:00 +0100\n\nDe bouwplaats begint elke dag om zes uur.\n' |
    "$top_builddir/klachtd-deliver" -c "$KL_CONF" || fx_fail "klachtd-deliver: exit $?"
fx_smtp_wait_count 5 120 || { cat "$FX_DIR/vg4" >&2; fx_fail "no ack from the woken daemon under valgrind"; }
fx_wait_for -t 120 rests 2 || { cat "$FX_DIR/vg4" >&2; fx_fail "no second rest under valgrind"; }
kl_contains "back from rest under valgrind" "$FX_DIR/vg4" "rest: back \(mail\)"
rc=0; fx_stop_pid $vpid 60 || rc=$?
[ $rc -eq 0 ] || { cat "$FX_DIR/vg4" >&2; fx_fail "the daemon under valgrind: exit $rc"; }
if grep -E '^==[0-9]+==' "$FX_DIR/vg4" >/dev/null; then
	cat "$FX_DIR/vg4" >&2
	fx_fail "valgrind reported errors across the rest"
fi
rc=0; vg "$KLACHTCTL" -c "$KL_CONF" show --json KL-$(date +%Y)-00001 >/dev/null 2>"$FX_DIR/vg3" || rc=$?
[ $rc -eq 0 ] || { cat "$FX_DIR/vg3" >&2; fx_fail "klachtctl under valgrind: exit $rc"; }
echo PASS
