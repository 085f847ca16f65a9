#!/bin/sh
# IMAP push (issue 17): with the intake poll set to an hour, only the
# watcher (imapidle.h) can explain a prompt acknowledgement.
#  1. IDLE (Dovecot offers it), renewed: new mail -> ack within 30 s; the -vv
#     transcript of the IDLE connection masks the credentials.
#  2. Dovecot stopped while idling: logged, the daemon keeps running,
#     reconnects when it is back and takes the mail, and idles again.
#  3. idle = false: a STATUS poll every second finds the mail.
#  4. A server without IDLE (imap_capability without it): logged, and
#     the STATUS poll finds the mail.
#  5. IDLE over implicit TLS.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
im_setup
IM_POLL=3600s
im_config
grep -q 'poll_interval = "3600s"' "$KL_CONF" || fx_fail "test config: no long poll"

acks_ge() { [ "$(im_acks_out)" -ge "$1" ]; }
start() {	# LOGNAME ARGS...: the daemon, its log in $FX_DIR/LOGNAME
	log=$FX_DIR/$1
	shift
	"$KLACHTD" -c "$KL_CONF" "$@" 2>"$log" &
	pid=$!
	fx_track_pid $pid
}

# 1. IDLE, renewed every 2 s here (DONE, then IDLE again).
im_config 'idle_refresh = "2s";'
start idle.log -vv
fx_wait_for grep -q "imap: IDLE on INBOX" "$log" ||
	{ cat "$log" >&2; fx_fail "IDLE not in use"; }
kl_contains "IDLE renewed as configured" "$log" "IDLE renewed every 2s"
fx_wait_for grep -q "imap idle: IDLE renewed" "$log" || fx_fail "IDLE not renewed"
kl_contains "renewal ends the IDLE with DONE" "$log" "imap idle > DONE$"
im_mail 1 idle
fx_wait_for -t 30 acks_ge 1 ||
	{ cat "$log" >&2; fx_fail "new mail not taken at once (an hour's poll could not)"; }
kl_eq "one case" "$(im_cases)" 1
kl_contains "the server's EXISTS was seen" "$log" "imap idle < \* [0-9]+ EXISTS"
kl_contains "IDLE sent on the raw connection" "$log" "imap idle > W[0-9]+ IDLE$"
kl_absent "no password in the trace" "$log" "$FX_IMAP_PASS"
kl_absent "no SASL PLAIN blob" "$log" \
    "$(printf '\0%s\0%s' "$FX_IMAP_USER" "$FX_IMAP_PASS" | base64)"
# Intake passes and the watcher log in: every login masked.
logins=$(im_count "$log" 'imap > [A-Z0-9]+ AUTHENTICATE ')
kl_eq "every login masked" \
    "$(im_count "$log" 'imap > [A-Z0-9]+ AUTHENTICATE PLAIN \*\*\* \(masked\)$')" "$logins"
[ "$logins" -ge 2 ] || fx_fail "the watcher's login is not in the trace"

# 2. The server goes away while the daemon idles, and comes back.
fx_dovecot_stop
fx_wait_for grep -q "imap idle: connection lost" "$log" ||
	{ cat "$log" >&2; fx_fail "lost IDLE connection not logged"; }
# Attempts while it is down: at debug level (the outage is logged once).
fx_wait_for grep -q "imap idle: cannot reconnect: .*next attempt in" "$log" ||
	fx_fail "no reconnection attempt while the server was down"
fx__alive $pid || fx_fail "daemon died with the server"
im_mail 1 back
fx_dovecot_restart
fx_wait_for -t 30 grep -q "imap idle: connection restored" "$log" ||
	{ cat "$log" >&2; fx_fail "reconnection not logged"; }
fx_wait_for -t 30 acks_ge 2 || fx_fail "mail that waited not taken"
kl_eq "connection loss logged once" "$(im_count "$log" 'imap idle: connection lost')" 1
# Idling again: mail after the reconnection comes in at once too.
sed -n '/imap idle: connection lost/,$p' "$log" >"$FX_DIR/after-loss.log"
kl_contains "idling again after the reconnection" "$FX_DIR/after-loss.log" \
    "imap idle > W[0-9]+ IDLE$"
im_mail 1 again
fx_wait_for -t 30 acks_ge 3 || fx_fail "mail after the reconnection not taken at once"
kl_eq "three cases" "$(im_cases)" 3
fx_stop_pid $pid || fx_fail "daemon exit status $? on SIGTERM"
sed -n '/stopping on signal/,$p' "$log" >"$FX_DIR/at-stop.log"
kl_contains "IDLE ended (DONE) before logging out" "$FX_DIR/at-stop.log" \
    "imap idle > DONE$"

# 3. IDLE off: the STATUS poll.
im_config 'idle = false; status_poll_interval = "1s";'
start status.log -v
fx_wait_for grep -q "imap: IDLE is off; polling INBOX with STATUS every 1s" "$log" ||
	{ cat "$log" >&2; fx_fail "STATUS poll not logged"; }
im_mail 1 status
fx_wait_for -t 30 acks_ge 4 ||
	{ cat "$log" >&2; fx_fail "the STATUS poll did not find the mail"; }
kl_absent "no IDLE" "$log" "IDLE on"
fx_stop_pid $pid || fx_fail "daemon exit status $? on SIGTERM"

# 4. A server without IDLE: the watcher says so and polls.
fx_dovecot_stop
FX_DOVECOT_EXTRA_CONF='imap_capability = IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE NAMESPACE UIDPLUS MOVE'
fx__dovecot_conf
fx_dovecot_restart
im_config 'status_poll_interval = "1s";'
start noidle.log -v
fx_wait_for grep -q "imap: the server offers no IDLE; polling INBOX with STATUS every 1s" "$log" ||
	{ cat "$log" >&2; fx_fail "missing IDLE not logged"; }
im_mail 1 noidle
fx_wait_for -t 30 acks_ge 5 ||
	{ cat "$log" >&2; fx_fail "the STATUS poll did not find the mail"; }
kl_eq "five cases" "$(im_cases)" 5
kl_eq "no error" "$(im_count "$log" 'error: ')" 0
fx_stop_pid $pid || fx_fail "daemon exit status $? on SIGTERM"

# 5. IDLE over implicit TLS (imaps://): lines read through libcurl's TLS.
fx_dovecot_stop
FX_DOVECOT_EXTRA_CONF=
fx__dovecot_conf
fx_dovecot_restart
IM_URL="imaps://127.0.0.1:$FX_IMAPS_PORT/INBOX" im_config "ca_file = \"$FX_CA_CERT\";"
start tls.log -v
fx_wait_for grep -q "imap: IDLE on INBOX" "$log" ||
	{ cat "$log" >&2; fx_fail "IDLE over TLS not in use"; }
im_mail 1 tls
fx_wait_for -t 30 acks_ge 6 ||
	{ cat "$log" >&2; fx_fail "new mail not taken at once over TLS"; }
fx_stop_pid $pid || fx_fail "daemon exit status $? on SIGTERM"
echo "PASS: IMAP IDLE takes mail at once; lost connections come back; STATUS poll without IDLE"
