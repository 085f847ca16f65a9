#!/bin/sh
# The SMTP server misbehaves in every way a relay does, and the outbox
# keeps its promise: nothing lost, nothing sent twice, and the right
# outcome -- temporary faults are retried, permanent ones marked failed
# and reported, never retried.  After each fault the sink's journal (every
# transaction it saw) is held against the outbox (sl_ledger).
#
#   drop        the connection closes at the end of DATA, no reply
#   drop-rcpt   ... at RCPT TO
#   hang        no reply at all (outgoing.smtp.timeout = 2s): the pass is
#               bounded, the sink sees the client leave and stores
#               nothing, the mail is retried
#   slow        the reply comes after our timeout (the server did take
#               the mail): the one duplicate no SMTP client can avoid
#               (RFC 1047); it must stay at one
#   4xx         451 at MAIL, RCPT or DATA: deferred, then delivered once
#   5xx         550 at RCPT or DATA: failed after one attempt, the
#               officer told (undeliverable), never retried
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
fx_require smtp
kl_setup
fx_smtp_start
kl_config "$(sl_smtp_conf 2s)
officers = ( { id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\"; } );"
SEQ=0

# complaint: one new complaint through the pipe (an ack and a
# notification for anna queued, nothing sent yet); sets ACK and NOTE to
# their ids.
complaint() {
	SEQ=$((SEQ + 1))
	printf 'From: Klager %s <klager%s@example.net>\nTo: klachten@testdorp.example\nSubject: Klacht %s\nMessage-ID: <fault-smtp-%s@example.net>\nDate: Mon, 16 Nov 2026 09:00:00 +0100\n\nDe lantaarnpaal bij nummer %s brandt niet.\n' \
	    "$SEQ" "$SEQ" "$SEQ" "$SEQ" "$SEQ" > "$FX_DIR/c$SEQ.eml"
	kl_deliver "$FX_DIR/c$SEQ.eml"
	kl_eq "deliver $SEQ" "$KL_RC" 0
	ACK=$(kl_sql "select max(id) from outbox where kind = 'ack'")
	NOTE=$(kl_sql "select max(id) from outbox where kind = 'notify'")
}
row() { kl_sql "select status || ' ' || attempts from outbox where id = $1"; }
err() { kl_sql "select last_error from outbox where id = $1"; }
journal() { cut -f3,4 "$FX_SMTP_JOURNAL" | tail -n "${1:-1}" | tr '\t\n' ' ;'; }
# pass: one --once pass; it must succeed and not take longer than $1 s
# (default 20: bounds a hang, leaves a loaded machine room).
pass() {
	p__t0=$(date +%s)
	kl_once
	kl_eq "--once exit" "$KL_RC" 0
	p__t=$(( $(date +%s) - p__t0 ))
	[ "$p__t" -le "${1:-20}" ] || fx_fail "a pass took ${p__t}s (at most ${1:-20}s)"
}
# retry: the backoff (1 s) runs out, the sink is fine again, one pass.
retry() {
	fx_smtp_mode ok
	sleep 1.1
	pass
}

# ------------------------------------------------------- dropped connection
for mode in drop drop-rcpt drop-mail; do
	complaint
	fx_smtp_mode "$mode"
	pass
	kl_eq "$mode: deferred, not failed" "$(row "$ACK")" "queued 1"
	[ -n "$(err "$ACK")" ] || fx_fail "$mode: no error recorded"
	case $mode in drop) stage=data ;; *) stage=${mode#drop-} ;; esac
	kl_eq "$mode: the sink saw the drop" "$(journal)" "$stage drop;"
	retry
	kl_eq "$mode: sent on retry" "$(row "$ACK")" "sent 2"
	sl_ledger "$mode"
done

# ------------------------------------------------------------ no reply
complaint
fx_smtp_mode hang 60
pass 25
kl_eq "hang: deferred" "$(row "$ACK")" "queued 1"
kl_contains "hang: a timeout is logged" "$FX_DIR/klachtd.log" "outbox id=$ACK .*deferred .*([Tt]imeout|timed out)"
# The client went away: the sink drops the transaction, stores nothing.
fx_wait_for grep -q "	aborted	" "$FX_SMTP_JOURNAL" ||
	fx_fail "hang: the sink never saw the client leave: $(journal 3)"
kl_eq "hang: nothing stored" "$(grep -c "	250	" "$FX_SMTP_JOURNAL")" "$(fx_smtp_count)"
sl_ledger "hang (before retry)" 0 2
retry
kl_eq "hang: sent on retry" "$(row "$ACK")" "sent 2"
sl_ledger "hang"

# ---------------------------------- a reply after our timeout: RFC 1047
complaint
fx_smtp_mode hang 3 ok
before=$(fx_smtp_count)
pass 25
kl_eq "slow: deferred (we saw a timeout)" "$(row "$ACK")" "queued 1"
# The server took the message at 3 s: it is delivered once by now ...
fx_smtp_wait_count $((before + 1)) 5 ||
	fx_fail "slow: the late-accepted mail is not at the sink: $(journal 3)"
retry
kl_eq "slow: sent on retry" "$(row "$ACK")" "sent 2"
# ... and once more by the retry: one duplicate, the most it may be.
sl_ledger "slow server" 1
kl_eq "slow: exactly one duplicate, of that message" "$(fx_smtp_dupes | wc -l | tr -d ' ')|$SL_DUPES" "1|1"

# ------------------------------------------------------------------ 4xx
for mode in tempfail tempfail-rcpt tempfail-mail; do
	complaint
	fx_smtp_mode "$mode"
	t_a=$(date +%s)
	pass
	t_b=$(date +%s)
	kl_eq "$mode: deferred" "$(row "$ACK")" "queued 1"
	case $(err "$ACK") in *"SMTP reply 451"*) ;; *) fx_fail "$mode: error '$(err "$ACK")'" ;; esac
	# The backoff (1 s) is in the row: due a second after the attempt.
	due=$(kl_sql "select next_attempt_at from outbox where id = $ACK")
	[ "$due" -ge $((t_a + 1)) ] && [ "$due" -le $((t_b + 1)) ] ||
		fx_fail "$mode: next attempt at $due, not 1 s after the attempt ($t_a..$t_b)"
	# A temporary failure ends the pass (the server is in trouble): the
	# next pass takes the oldest due mail, the notification to anna,
	# which fails in turn; the acknowledgement waits.  (Whether the
	# acknowledgement's second has passed by then is up to the machine's
	# pace, so that is not what is asserted.)
	pass
	kl_eq "$mode: the next pass tried the notification" "$(row "$NOTE")" "queued 1"
	kl_eq "$mode: and stopped there" "$(row "$ACK")" "queued 1"
	retry
	kl_eq "$mode: sent on retry" "$(row "$ACK")" "sent 2"
	sl_ledger "$mode" 1
done

# ------------------------------------------------------------------ 5xx
for mode in reject reject-rcpt; do
	complaint
	fx_smtp_mode "$mode"
	pass
	kl_eq "$mode: failed at once" "$(row "$ACK")" "failed 1"
	case $(err "$ACK") in *"SMTP reply 550"*) ;; *) fx_fail "$mode: error '$(err "$ACK")'" ;; esac
	fx_smtp_mode ok
	before=$(fx_smtp_transactions)
	sleep 1.1
	pass
	kl_eq "$mode: never retried" "$(row "$ACK")" "failed 1"
	kl_eq "$mode: no transaction for it" "$(cut -f7 "$FX_SMTP_JOURNAL" | tail -n "+$((before + 1))" | grep -c "ack")" 0
	sl_ledger "$mode" 1
done
# The officer heard of both, once each (the notice is itself ledgered).
kl_eq "undeliverable notices to anna" "$(ol_count undeliverable "$OL_ANNA")" 2
kl_eq "nothing queued, nothing left" "$(kl_sql "select count(*) from outbox where status = 'queued'")" 0
kl_eq "only the RFC 1047 duplicate" "$(fx_smtp_dupes | wc -l | tr -d ' ')" 1
echo "PASS: SMTP faults: retried when temporary, failed and reported when permanent, nothing lost, one unavoidable duplicate"
