#!/bin/sh
# Mail that can never be delivered (550) is marked failed, and the case's
# assignee -- else the officers of its category, else all officers -- is
# told "mail to X for case REF could not be delivered: <error>"; a failed
# notice never causes another.  `klachtctl outbox` shows failed mail with
# its last error; `outbox retry ID` sends it again, `outbox drop ID` gives
# up on it with an audit event and leaves the case alone.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
fx_require smtp
kl_setup
fx_smtp_start
# Officers are configured only after the complaints came in, so that
# the acknowledgements are the only mail in the queue.
kl_config "$(kl_smtp_conf)"
officers_conf="$(kl_smtp_conf)
categories = ( { id = \"algemeen\"; }, { id = \"gedrag\"; confidential = true; } );
officers = (
  { id = \"anna\"; email = \"anna@testdorp.example\"; categories = [ \"algemeen\" ]; },
  { id = \"bert\"; email = \"bert@testdorp.example\"; categories = [ \"algemeen\" ]; },
  { id = \"carla\"; email = \"carla@testdorp.example\"; categories = [ \"gedrag\" ]; }
);"
year=$(date +%Y)

for s in 01-afval 02-balie 03-parkeren; do
	kl_deliver "$KL_DATA/samples/$s.eml"; kl_eq "deliver $s" "$KL_RC" 0
done
kl_sql_write "update cases set category = 'gedrag' where id = 2"
kl_sql_write "update cases set assignee = 'bert' where id = 3"
kl_eq "only acknowledgements queued" "$(kl_sql "select group_concat(kind) from outbox")" "ack,ack,ack"
kl_config "$officers_conf"

# The relay rejects everything: three acknowledgements fail for good.
fx_smtp_mode reject
kl_once; kl_eq "--once" "$KL_RC" 0
kl_eq "acks failed" "$(kl_sql "select group_concat(status) from outbox where kind = 'ack'")" "failed,failed,failed"
kl_contains "failure logged" "$FX_DIR/klachtd.log" "outbox id=1 .* failed permanently"
kl_eq "notices queued" "$(kl_sql "select count(*) from outbox where kind = 'undeliverable' and status = 'queued'")" 5

fx_smtp_mode ok
kl_once; kl_eq "--once" "$KL_RC" 0
fx_smtp_wait_count 5 || fx_fail "the notices did not arrive"
# Who got what: case 1 (no assignee, no category) all three officers,
# case 2 (category gedrag) carla, case 3 (assignee bert) bert.
for m in $(fx_smtp_messages); do
	rcpt=$(fx_smtp_envelope "$m" | sed -n 's/^X-Sink-Rcpt-To: <\(.*\)>$/\1/p')
	ref=$(fx_smtp_content "$m" | tr -d '\r' | sed -n "s/^Subject: .*\(KL-$year-0000[0-9]\).*/\1/p")
	echo "${ref#KL-$year-0000} $rcpt"
done | sort > "$FX_DIR/told"
printf '%s\n' "1 anna@testdorp.example" "1 bert@testdorp.example" \
    "1 carla@testdorp.example" "2 carla@testdorp.example" \
    "3 bert@testdorp.example" > "$FX_DIR/told.want"
cmp -s "$FX_DIR/told" "$FX_DIR/told.want" ||
	{ diff "$FX_DIR/told.want" "$FX_DIR/told" >&2; fx_fail "notices went to the wrong officers"; }

# One notice, read as its officer would.
m=$(grep -l '^X-Sink-Rcpt-To: <carla@testdorp.example>' $(fx_smtp_messages) | head -1)
fx_smtp_content "$m" > "$FX_DIR/notice.eml"
kl_contains "auto-submitted: a notice is no reply" "$FX_DIR/notice.eml" "^Auto-Submitted: auto-generated"
kl_decoded "$FX_DIR/notice.eml" > "$FX_DIR/notice.txt"
kl_contains "subject" "$FX_DIR/notice.txt" "^Subject: Onbestelbaar: mail aan [a-z.]+@example.net over KL-$year-0000[12]"
kl_contains "what failed" "$FX_DIR/notice.txt" "De mail aan .*@example.net over zaak KL-$year-0000[12]"
kl_contains "the server's error" "$FX_DIR/notice.txt" "550"
kl_contains "how to retry" "$FX_DIR/notice.txt" "klachtctl outbox retry [0-9]+"

kl_eq "audit event on each case" "$(kl_sql "select count(distinct case_id) from events where kind = 'undeliverable'")" 3
kl_contains "event names who was told" "$(kl_ctl show KL-$year-00003 > "$FX_DIR/show3"; echo "$FX_DIR/show3")" \
    "undeliverable +mail to .* could not be delivered: .*550.*; told: bert@testdorp.example"

# klachtctl outbox shows the failed mail with its last error.
kl_ctl outbox > "$FX_DIR/outbox.txt"
kl_contains "failed listed" "$FX_DIR/outbox.txt" "^1 +ack +failed"
kl_contains "last error" "$FX_DIR/outbox.txt" "last error: .*550"
kl_ctl outbox --status failed --json > "$FX_DIR/failed.json"
kl_eq "failed --json" "$(kl_json '" ".join("%d:%s" % (o["id"], "550" in o["last_error"]) for o in j)' < "$FX_DIR/failed.json")" "3:True 2:True 1:True"

# A notice that fails is not followed by another notice.
kl_deliver "$KL_DATA/samples/04-english.eml"; kl_eq deliver4 "$KL_RC" 0
fx_smtp_mode reject
kl_once
before=$(kl_sql "select count(*) from outbox where kind = 'undeliverable'")
[ "$before" -ge 8 ] || fx_fail "no notices about case 4 ($before)"
kl_once
kl_once
kl_eq "no notice about a notice" "$(kl_sql "select count(*) from outbox where kind = 'undeliverable'")" "$before"
kl_eq "the new notices failed" "$(kl_sql "select count(*) from outbox where kind = 'undeliverable' and status = 'failed'")" $((before - 5))
kl_contains "logged" "$FX_DIR/klachtd.log" "the undeliverable notice to .* could not be delivered either; not telling anyone else"

# retry: back in the queue, sent at the next pass.
fx_smtp_mode ok
n0=$(fx_smtp_count)
kl_ctl outbox retry 1 > "$FX_DIR/retry.out" 2> "$FX_DIR/retry.err" || fx_fail "retry failed: $(cat "$FX_DIR/retry.err")"
kl_contains "retry says" "$FX_DIR/retry.out" "outbox id 1 queued again"
kl_eq "queued, attempts reset" "$(kl_sql "select status || attempts from outbox where id = 1")" queued0
kl_once
kl_eq "sent after retry" "$(kl_sql "select status from outbox where id = 1")" sent
kl_eq "one more message at the relay" "$(fx_smtp_count)" $((n0 + 1))
kl_eq "retry event" "$(kl_sql "select actor like 'admin:%' from events where case_id = 1 and kind = 'outbox-retry'")" 1

# drop: kept as "dropped", never sent, the case untouched.
kl_ctl outbox drop 2 > "$FX_DIR/drop.out" 2> "$FX_DIR/drop.err" || fx_fail "drop failed"
kl_contains "drop audited" "$FX_DIR/drop.err" "admin:.*: outbox id=2 ack to=.* dropped"
kl_eq "dropped" "$(kl_sql "select status from outbox where id = 2")" dropped
kl_eq "drop event" "$(kl_sql "select detail like 'dropped ack to %' from events where case_id = 2 and kind = 'outbox-drop'")" 1
kl_eq "case kept" "$(kl_sql "select status from cases where id = 2")" acknowledged
kl_once
kl_eq "dropped is not sent" "$(kl_sql "select status from outbox where id = 2")" dropped

# What cannot be done says why.
rc=0; kl_ctl outbox retry 2 2> "$FX_DIR/err" || rc=$?
kl_eq "retry dropped: exit" "$rc" 66
kl_contains "retry dropped: why" "$FX_DIR/err" "outbox id 2 is dropped: only failed or queued mail can be retried"
rc=0; kl_ctl outbox drop 1 2> "$FX_DIR/err" || rc=$?
kl_eq "drop sent: exit" "$rc" 66
rc=0; kl_ctl outbox retry 999 2> "$FX_DIR/err" || rc=$?
kl_eq "no such id: exit" "$rc" 66
kl_contains "no such id: why" "$FX_DIR/err" "no outgoing mail with id 999"
rc=0; kl_ctl outbox retry abc 2> "$FX_DIR/err" || rc=$?
kl_eq "bad id: exit" "$rc" 64
rc=0; kl_ctl outbox retry 2> "$FX_DIR/err" || rc=$?
kl_eq "missing id: exit" "$rc" 64
echo PASS
