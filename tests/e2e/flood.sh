#!/bin/sh
# Issue 18 F8/D12: a flood from one sender is stored whole, but gets at
# most limits.max_acks_per_sender_per_hour acknowledgements and
# limits.max_notifications_per_sender_per_hour notifications per officer,
# plus one summary per officer; +tag variants of an address count as one
# sender; the acknowledgement quotes the subject and name short and
# without links (also in its Subject, with a template that puts it there).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"

# Shipped templates, but an ack that carries the subject in its Subject.
fx_tmpdir
KL_TEMPLATES=$FX_DIR/templates
cp -R "$top_srcdir/etc/templates" "$KL_TEMPLATES"
sed -i '1s/^Subject: .*/Subject: Ontvangstbevestiging: {{subject}} [{{reference}}]/' "$KL_TEMPLATES/nl/ack.txt"
KL_LIMITS='max_acks_per_sender_per_hour = 3; max_notifications_per_sender_per_hour = 4;'
ol_setup

mail() { # FILE FROM SUBJECT N
	cat > "$1" <<MAIL
From: $2
To: klachten@testdorp.example
Subject: $3
Date: Tue, 17 Nov 2026 14:03:11 +0100
Message-ID: <flood-$4@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Klacht nummer $4 over de openbare ruimte.
MAIL
}
# Drains the outbox to the sink (bounded: the outbox sends in batches).
drain() {
	i=0
	while [ "$(kl_sql "select count(*) from outbox where status = 'queued'")" != 0 ]; do
		i=$((i + 1)); [ $i -le 20 ] || fx_fail "outbox does not drain"
		ol_run
	done
}

# 1. 30 new complaints from one address, uncategorised: all three
# officers would be notified of each.
N=30
i=1
while [ $i -le $N ]; do
	mail "$FX_DIR/f.eml" "Flood <flood@example.org>" "Klacht $i" "a$i"
	kl_deliver "$FX_DIR/f.eml"; kl_eq "deliver $i" "$KL_RC" 0
	i=$((i + 1))
done
drain
kl_eq "every mail is a case" "$(kl_sql "select count(*) from cases where complainant_email = 'flood@example.org'")" $N
kl_eq "every mail is stored" "$(kl_sql "select count(*) from messages where from_addr = 'flood@example.org'")" $N
kl_eq "acks capped" "$(ol_count ack flood@example.org)" 3
for o in "$OL_ANNA" "$OL_BOB" "$OL_CARLA"; do
	kl_eq "notifications to $o capped" "$(ol_count notify "$o")" 4
	kl_eq "one summary to $o" "$(ol_count flood "$o")" 1
done
kl_eq "ack suppression on the cases" "$(kl_sql "select count(*) from events where kind = 'ack-suppressed' and detail like 'per-sender limit%'")" $((N - 3))
kl_eq "notify suppression on the cases" "$(kl_sql "select count(*) from events where kind = 'notify-suppressed'")" $((N - 4))
f=$(ol_find flood "$OL_ANNA")
kl_eq "summary names the first held-back case" "$(ol_header "$f" Subject)" \
    "Veel nieuwe klachten van één afzender: flood@example.org [KL-$(date +%Y)-00005]"
ol_body "$f" > "$FX_DIR/summary.txt"
kl_contains "summary count" "$FX_DIR/summary.txt" "afgelopen uur 5 nieuwe klachten"
kl_absent "summary carries no complaint text" "$FX_DIR/summary.txt" "openbare ruimte"

# 2. +tag variants are one sender.
i=1
while [ $i -le 10 ]; do
	mail "$FX_DIR/v.eml" "victim+$i@Example.NET" "Klacht" "v$i"
	kl_deliver "$FX_DIR/v.eml"; kl_eq "deliver victim+$i" "$KL_RC" 0
	i=$((i + 1))
done
drain
kl_eq "victim cases" "$(kl_sql "select count(*) from cases where complainant_email like 'victim+%'")" 10
kl_eq "acks to all victim+N together" "$(kl_sql "select count(*) from outbox where kind = 'ack' and rcpt like 'victim+%'")" 3
kl_eq "notifications for victim+N" "$(kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where o.kind = 'notify' and c.complainant_email like 'victim+%'")" 12

# 3. The acknowledgement quotes a short, clean subject and name.
long=$(/usr/bin/python3 -c 'print("Uw rekening is geblokkeerd, log in via https://phish.example/login?x=1 of www.phish.example " + "heel erg lang " * 2000)')
cat > "$FX_DIR/p.eml" <<MAIL
From: "Bank Helpdesk https://phish.example help@phish.example" <p@example.com>
To: klachten@testdorp.example
Subject: $long
Message-ID: <p1@example.com>

Tekst.
MAIL
kl_deliver "$FX_DIR/p.eml"; kl_eq "deliver phish" "$KL_RC" 0
drain
a=$(ol_find ack p@example.com)
subj=$(ol_header "$a" Subject)
case $subj in
"Ontvangstbevestiging: Uw rekening is geblokkeerd, log in via of heel erg lang heel"*"… [KL-"*"]") ;;
*) fx_fail "ack Subject not the cleaned short form: $subj" ;;
esac
kl_eq "ack Subject is short" "$([ ${#subj} -lt 140 ] && echo short)" short
ol_body "$a" > "$FX_DIR/ack.txt"
kl_contains "body quotes the short subject" "$FX_DIR/ack.txt" '^"Uw rekening is geblokkeerd, log in via of heel erg lang heel.*…"\.$'
kl_contains "body greets the clean name" "$FX_DIR/ack.txt" '^Geachte Bank Helpdesk,$'
fx_smtp_content "$a" > "$FX_DIR/ack.eml"
kl_absent "no URL or host in the ack" "$FX_DIR/ack.eml" "phish"
kl_eq "To name" "$(ol_header "$a" To)" "Bank Helpdesk <p@example.com>"
kl_eq "ack size bounded" "$([ "$(wc -c < "$FX_DIR/ack.eml")" -lt 6000 ] && echo ok)" ok
echo PASS
