#!/bin/sh
# The same message delivered twice is one case and one acknowledgement,
# by Message-ID, or by a hash of the bytes when it has no Message-ID.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
kl_setup

kl_deliver "$KL_DATA/samples/02-balie.eml"; kl_eq "first" "$KL_RC" 0
kl_deliver "$KL_DATA/samples/02-balie.eml"; kl_eq "second" "$KL_RC" 0
kl_eq "one case by Message-ID" "$(kl_sql 'select count(*) from cases')" 1
kl_eq "one ack" "$(kl_sql "select count(*) from outbox where kind='ack'")" 1

# Same Message-ID, different transport route (extra Received header).
{ echo "Received: from relay2.example by mx.example; Mon, 16 Nov 2026 10:00:00 +0100"; cat "$KL_DATA/samples/02-balie.eml"; } > "$FX_DIR/relayed.eml"
kl_deliver "$FX_DIR/relayed.eml"; kl_eq "relayed" "$KL_RC" 0
kl_eq "still one case" "$(kl_sql 'select count(*) from cases')" 1

grep -v '^Message-ID:' "$KL_DATA/samples/04-english.eml" > "$FX_DIR/noid.eml"
kl_deliver "$FX_DIR/noid.eml"; kl_eq "no id 1" "$KL_RC" 0
kl_deliver "$FX_DIR/noid.eml"; kl_eq "no id 2" "$KL_RC" 0
kl_eq "two cases" "$(kl_sql 'select count(*) from cases')" 2
kl_eq "hash key" "$(kl_sql "select count(*) from messages where dedupe_key like 'sha:%'")" 1
kl_eq "two acks" "$(kl_sql "select count(*) from outbox where kind='ack'")" 2
kl_contains "logged" "$FX_DIR/klachtd.log" "duplicate of a stored message"
echo PASS
