#!/bin/sh
# The IMAP server goes away while the daemon runs: the failure is logged
# once, attempts back off, the daemon's other jobs go on (a message piped
# in meanwhile gets its acknowledgement), and when the server is back the
# daemon logs the recovery and takes the mail that waited.  A server that
# accepts the connection and then says nothing cannot hold klachtd longer
# than the configured timeout.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
im_setup

im_mail 1 before
"$KLACHTD" -c "$KL_CONF" -v 2>"$FX_DIR/daemon.log" &
pid=$!
fx_track_pid $pid
fx_wait_for grep -q "source=imap id=[0-9]*/1 .*new-case" "$FX_DIR/daemon.log" ||
	fx_fail "first mail not taken in"

fx_dovecot_stop
fx_wait_for grep -q "imap: cannot connect" "$FX_DIR/daemon.log" ||
	fx_fail "server down not logged"
# Meanwhile the other jobs run: a complaint through the MTA pipe gets its
# acknowledgement from the running daemon's outbox.
kl_deliver "$KL_DATA/samples/02-balie.eml"
kl_eq "pipe while IMAP is down" "$KL_RC" 0
fx_wait_for -t 30 sh -c "[ \"\$(ls '$KL_STATE/outgoing/new' | wc -l)\" -ge 2 ]" ||
	fx_fail "outbox stalled while IMAP was down"
# A second attempt has failed too (its plan says 2 s or more): still the
# one line.
fx_wait_for -t 30 grep -qE "imap: next attempt in (2|4|8)s" "$FX_DIR/daemon.log" ||
	fx_fail "backing off: no 'next attempt in 2s' after a second failure"
fx__alive $pid || fx_fail "daemon died while the server was down"
kl_eq "down logged once" "$(im_count "$FX_DIR/daemon.log" 'imap: cannot connect')" 1
# The reason: refused -- or reset, when the IDLE watcher's loss of its
# connection woke the intake while Dovecot was still going down, at
# whatever step of the pass it was ("searching for new mail: ...").
kl_contains "with the reason" "$FX_DIR/daemon.log" \
    "error: imap: cannot connect: ([a-z ]+: )?(Couldn't connect to server.*127\.0\.0\.1 port $FX_IMAP_PORT|Failure when receiving data from the peer)"

# Back, with new mail.
fx_dovecot_restart
im_mail 1 after
fx_wait_for -t 25 grep -q "imap: connection restored" "$FX_DIR/daemon.log" ||
	fx_fail "recovery not logged"
fx_wait_for -t 30 grep -q "msgid=<after-1@test.example> new-case" "$FX_DIR/daemon.log" ||
	fx_fail "mail that waited not taken in"
kl_eq "cases" "$(kl_sql 'select count(*) from cases')" 3
kl_eq "down still logged once" "$(im_count "$FX_DIR/daemon.log" 'imap: cannot connect')" 1
# Each kind of failure is logged once (imapsrc.h).  A Dovecot going down
# may first accept a connection and never answer it: then the outage
# also shows as "server not answering" (a timeout), once.  Nothing else.
kl_eq "not answering logged at most once" \
    "$(im_count "$FX_DIR/daemon.log" 'imap: server not answering' | awk '{ print ($1 <= 1) }')" 1
kl_eq "no other error" "$(grep 'error: ' "$FX_DIR/daemon.log" |
    grep -cvE 'error: imap: (cannot connect|server not answering): ')" 0
fx_stop_pid $pid || fx_fail "daemon exit status $? on SIGTERM"

# A server that accepts and never greets: timeout = 2s bounds the pass.
hung_port=$(fx_free_port)
/usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(5)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)
' "$hung_port" </dev/null >/dev/null 2>&1 &
fx_track_pid $!
fx_wait_for sh -c "/usr/bin/python3 -c 'import socket,sys; socket.create_connection((\"127.0.0.1\", $hung_port), 1)'" ||
	fx_fail "hung server did not listen"
IM_URL="imap://127.0.0.1:$hung_port/INBOX" IM_TIMEOUT=2s im_config
t0=$(date +%s)
im_once
t1=$(date +%s)
kl_eq "--once against a mute server" "$KL_RC" 75
kl_contains "timeout logged" "$FX_DIR/once.log" "error: imap: server not answering: "
# (Without the timeout it would wait for ever; 15 s leaves a loaded
# machine room.)
[ $((t1 - t0)) -le 15 ] || fx_fail "a mute server held klachtd $((t1 - t0)) s (timeout 2 s)"
echo PASS
