#!/bin/sh
# Intake cannot commit (database locked by someone else): the message is
# left unread on the server (\Seen that the fetch set is taken off), the
# pass stops there so that no later UID is recorded past it, and the next
# pass takes both it and the ones after it.  A message that can never be
# taken in (over limits.max_message_size) must not hold up the mail after
# it: it is left unread and \Flagged for a human and logged once.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
im_setup

im_mail 2 early
"$KLACHTD" -c "$KL_CONF" -vv 2>"$FX_DIR/daemon.log" &
pid=$!
fx_track_pid $pid
fx_wait_for sh -c "[ \"\$(grep -c 'source=imap.*new-case' '$FX_DIR/daemon.log')\" = 2 ]" ||
	fx_fail "first two mails not taken in"

fx_stop_pid $pid || fx_fail "daemon exit status $? on SIGTERM"
mv "$FX_DIR/daemon.log" "$FX_DIR/daemon-early.log"

# Someone holds the write lock (busy_timeout is 1 s); two mails arrive.
# They are both in the INBOX before the daemon starts: delivered while it
# was IDLE, its pass could begin between the two and never fetch the
# second ahead, which is what this test looks at.
im_lock_db 60
im_mail 2 late
"$KLACHTD" -c "$KL_CONF" -vv 2>"$FX_DIR/daemon.log" &
pid=$!
fx_track_pid $pid
fx_wait_for grep -q "not taken in" "$FX_DIR/daemon.log" ||
	fx_fail "no deferral logged"
# SIGTERM: the daemon finishes the message in hand and stops.
fx_stop_pid $pid || fx_fail "daemon exit status $? on SIGTERM"
kl_contains "deferral logged with identifiers" "$FX_DIR/daemon.log" \
    "warning: imap: uid=3 uidvalidity=[0-9]+ msgid=<late-1@test.example> not taken in \(temporary failure\), left unread for the next pass"
kl_contains "fetched, then \\Seen taken off" "$FX_DIR/daemon.log" \
    'imap > [A-Z0-9]+ UID STORE 3 -FLAGS.SILENT \(\\x5cSeen\)'
# The pass stops at the failed message: the next one, fetched ahead while
# the failed one was being taken in (imap_prefetch), is not taken in and
# is unread again.
kl_absent "pass stopped at the failed message" "$FX_DIR/daemon.log" \
    "imap: uid=4 uidvalidity=[0-9]+ msgid=<[^>]*> fetched"
kl_contains "the one fetched ahead unread again" "$FX_DIR/daemon.log" \
    'imap > [A-Z0-9]+ UID STORE 4 -FLAGS.SILENT \(\\x5cSeen\)'
# Fetched ahead: the request for the second mail went out before the
# first was filed (the server works while intake does).
l_fetch2=$(grep -n 'imap > [A-Z0-9]* UID FETCH 2 ' "$FX_DIR/daemon-early.log" | head -1 | cut -d: -f1)
l_case1=$(grep -n 'msgid=<early-1@test.example> new-case' "$FX_DIR/daemon-early.log" | head -1 | cut -d: -f1)
[ -n "$l_fetch2" ] && [ -n "$l_case1" ] && [ "$l_fetch2" -lt "$l_case1" ] ||
	fx_fail "second fetch (line ${l_fetch2:-none}) not sent before the first case (line ${l_case1:-none})"
kl_eq "both still unread" "$(fx_imap_uids UNSEEN)" "3 4"
kl_eq "no case for them" "$(im_cases)" 2
kill "$IM_LOCK_PID" 2>/dev/null
wait "$IM_LOCK_PID" 2>/dev/null || :
kl_eq "last UID not advanced" "$(kl_sql 'select last_uid from imap_state')" 2

im_once
kl_eq "pass after the lock" "$KL_RC" 0
kl_eq "4 cases" "$(im_cases)" 4
kl_eq "4 acks" "$(im_acks_out)" 4
kl_eq "last UID" "$(kl_sql 'select last_uid from imap_state')" 4
kl_eq "all read now" "$(fx_imap_uids UNSEEN)" ""

KL_LIMITS="max_message_size = 20000;" im_config
# One before it, so that the big one is the one fetched ahead.
im_mail 1 beforebig
{
	printf 'From: Groot <groot@burger.example>\r\nTo: klachten@testdorp.example\r\n'
	printf 'Subject: Grote bijlage\r\nMessage-ID: <big-1@test.example>\r\n\r\n'
	head -c 60000 /dev/zero | tr '\0' x | fold -w 76 | sed 's/$/\r/'
} | fx_imap_put -
im_mail 1 afterbig
im_once
kl_eq "pass with a too big message" "$KL_RC" 0
kl_contains "too big: logged" "$FX_DIR/once.log" \
    "error: imap: uid=6 uidvalidity=[0-9]+ msgid=<big-1@test.example> is larger than limits.max_message_size \(20000 bytes\): not taken in, left in INBOX unread and flagged"
kl_eq "too big: unread and flagged" "$(fx_imap_uids UNSEEN FLAGGED)" 6
kl_contains "the one before it taken in" "$FX_DIR/once.log" \
    "msgid=<beforebig-1@test.example> new-case"
kl_contains "the next one is not held up" "$FX_DIR/once.log" \
    "msgid=<afterbig-1@test.example> new-case"
kl_eq "6 cases" "$(im_cases)" 6
kl_eq "last UID past both" "$(kl_sql 'select last_uid from imap_state')" 7
im_once
kl_absent "logged once" "$FX_DIR/once.log" "larger than"
kl_eq "still there for a human" "$(fx_imap_uids ALL)" "1 2 3 4 5 6 7"
echo PASS
