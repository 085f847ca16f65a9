#!/bin/sh
# An IMAP pass is valgrind-clean: fetches sent ahead of the message in
# hand (imap_prefetch), one of them over limits.max_message_size (the
# transfer cut off mid-message, the connection made again).  No invalid
# access, no definite leak.  (The fetch ahead left over when a pass stops
# early: imap-tempfail.sh, also under ASan.)
# (Skipped in the ASan build, where valgrind cannot run.)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
command -v valgrind >/dev/null || fx_skip "valgrind not installed (apt-get install valgrind)"
if nm "$KLACHTD" 2>/dev/null | grep -q __asan_init; then
	fx_skip "ASan build: valgrind runs in the plain build"
fi
im_setup
KL_LIMITS="max_message_size = 20000;" im_config
vg() {
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
	    --suppressions="$top_srcdir/tests/valgrind.supp" "$@"
}
im_mail 3 before
{
	printf 'From: Groot <groot@burger.example>\r\nTo: klachten@testdorp.example\r\n'
	printf 'Subject: Grote bijlage\r\nMessage-ID: <big-1@test.example>\r\n\r\n'
	head -c 60000 /dev/zero | tr '\0' x | fold -w 76 | sed 's/$/\r/'
} | fx_imap_put -
im_mail 4 after

rc=0; vg "$KLACHTD" -c "$KL_CONF" --once >/dev/null 2>"$FX_DIR/vg" || rc=$?
[ $rc -eq 0 ] || { cat "$FX_DIR/vg" >&2; fx_fail "--once under valgrind: exit $rc"; }
kl_eq "7 taken in" "$(im_cases)" 7
kl_contains "the big one left for a human" "$FX_DIR/vg" \
    "uid=4 uidvalidity=[0-9]+ msgid=<big-1@test.example> is larger than"
kl_eq "the big one unread and flagged" "$(fx_imap_uids UNSEEN FLAGGED)" 4
kl_eq "the rest read" "$(fx_imap_uids UNSEEN)" 4
echo PASS
