#!/bin/sh
# Issue 18 F6: dedupe compares content, not the Message-ID alone.  A
# different complaint reusing a stored Message-ID (web forms that build
# IDs from a timestamp) is a message of its own, and logged; the same
# message again -- also by another route, with an extra Received header --
# is still one message.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
kl_setup

form() { # FROM SUBJECT TEXT
	cat <<MAIL
From: $1
To: klachten@testdorp.example
Subject: $2
Date: Tue, 17 Nov 2026 14:03:11 +0100
Message-ID: <20261117140311@webform.testdorp.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

$3
MAIL
}
form "Anna <anna@example.org>" "Klacht via het webformulier" \
    "De straatverlichting in de Dorpsstraat is al weken kapot." \
    > "$FX_DIR/a.eml"
form "Bert <bert@example.net>" "Klacht via het webformulier" \
    "Mijn vergunningaanvraag is zoekgeraakt." > "$FX_DIR/b.eml"

kl_deliver "$FX_DIR/a.eml"; kl_eq "first" "$KL_RC" 0
kl_deliver "$FX_DIR/b.eml"; kl_eq "clash" "$KL_RC" 0
kl_eq "two cases" "$(kl_sql 'select count(*) from cases')" 2
kl_eq "both complainants" "$(kl_sql 'select group_concat(complainant_email) from (select complainant_email from cases order by id)')" \
    "anna@example.org,bert@example.net"
kl_eq "Bert's text stored" "$(kl_sql "select count(*) from messages where from_addr = 'bert@example.net' and body like '%vergunningaanvraag%'")" 1
kl_eq "two acks" "$(kl_sql "select count(*) from outbox where kind='ack'")" 2
kl_contains "clash logged" "$FX_DIR/klachtd.log" "message-id clash"

# True duplicates of either stay duplicates: again, and via a relay.
kl_deliver "$FX_DIR/a.eml"; kl_eq "a again" "$KL_RC" 0
kl_deliver "$FX_DIR/b.eml"; kl_eq "b again" "$KL_RC" 0
{ echo "Received: from relay2.example by mx.example; Tue, 17 Nov 2026 14:04:00 +0100"; cat "$FX_DIR/b.eml"; } > "$FX_DIR/b-relayed.eml"
kl_deliver "$FX_DIR/b-relayed.eml"; kl_eq "b relayed" "$KL_RC" 0
kl_eq "still two cases" "$(kl_sql 'select count(*) from cases')" 2
kl_eq "two messages" "$(kl_sql 'select count(*) from messages')" 2
kl_eq "still two acks" "$(kl_sql "select count(*) from outbox where kind='ack'")" 2
kl_eq "duplicates logged" "$(grep -c 'duplicate of a stored message' "$FX_DIR/klachtd.log")" 3

# A third sender under the same ID is a third case.
form "Carla <carla@example.com>" "Klacht via het webformulier" \
    "Het zwembad is te vroeg dicht." > "$FX_DIR/c.eml"
kl_deliver "$FX_DIR/c.eml"; kl_eq "third" "$KL_RC" 0
kl_eq "three cases" "$(kl_sql 'select count(*) from cases')" 3
echo PASS
