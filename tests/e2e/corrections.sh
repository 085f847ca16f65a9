#!/bin/sh
# Issue 14, corrections of the case record, through real mail and the
# SMTP sink:
#   #klager   a forward nobody could prove became the colleague's case;
#             the officer names the citizen: the acknowledgement goes to
#             them, later letters too, the colleague gets none;
#   #koppel   two cases show the link both ways (klachtctl show);
#   #samenvoegen  a second mail of the same complainant from another
#             address is merged into the first case: its messages,
#             attachment and history move; it ends as merged, no letter,
#             and is not in the register (counted apart in the report);
#   #vervallen  a duplicate is closed without a letter, not in the
#             register, counted apart.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

# send NOTIFICATION TEXT: anna answers a notification with TEXT.
send() {
	printf '%s\n' "$2" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$1" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}
# sink_to ADDR: how many mails the sink holds for ADDR.
sink_to() {
	n=0
	for f in $(fx_smtp_messages); do
		if fx_smtp_envelope "$f" | grep -qi "^X-Sink-Rcpt-To: <$1>"; then
			n=$((n + 1))
		fi
	done
	echo "$n"
}

# ---- #klager: an unproven forward (no DKIM, no token) is anna's case.
ol_new_case "$top_srcdir/tests/fixtures/forwards/gmail-nl.eml"
fw=$OL_REF
kl_eq "unproven forward is anna's" "$(ol_case "$fw" complainant_email)" "$OL_ANNA"
kl_eq "no mail to the citizen yet" "$(sink_to f.elamrani@example.nl)" 0
acks_anna=$(ol_count ack "$OL_ANNA")
send "$(ol_find notify "$OL_ANNA" "$fw")" "#klager f.elamrani@example.nl Fatima el Amrani"
kl_eq "complainant corrected" "$(ol_case "$fw" complainant_email)" f.elamrani@example.nl
kl_eq "name corrected" "$(ol_case "$fw" complainant_name)" "Fatima el Amrani"
ack=$(ol_find ack f.elamrani@example.nl "$fw")
ol_body "$ack" > "$FX_DIR/ack.txt"
kl_contains "the citizen's acknowledgement" "$FX_DIR/ack.txt" "Geachte mevrouw el Amrani|Beste Fatima el Amrani|Fatima el Amrani"
kl_eq "event" "$(ol_events "$fw" complainant | cut -d'|' -f1,2,3)" "anna|complainant|$OL_ANNA -> f.elamrani@example.nl (Fatima el Amrani)"
# A letter after the correction goes to the citizen, never to anna.
send "$(ol_find confirm "$OL_ANNA" "$fw")" "#antwoord Wij bekijken uw klacht over de balie."
kl_eq "the update went to the citizen" "$(ol_count update f.elamrani@example.nl)" 1
kl_eq "nothing to the colleague as complainant" \
    "$(kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where c.ref = '$fw' and o.rcpt = '$OL_ANNA' and o.kind not in ('notify', 'confirm', 'notify-reply', 'assigned')")" "$acks_anna"
# A second #klager with the same address sends no second ack.
send "$(ol_find confirm "$OL_ANNA" "$fw")" "#klager f.elamrani@example.nl Fatima el Amrani"
kl_eq "same complainant refused: still one ack" "$(ol_count ack f.elamrani@example.nl)" 1
err=$(ol_find cmd-error "$OL_ANNA" "$fw")
ol_body "$err" > "$FX_DIR/err.txt"
kl_contains "told why" "$FX_DIR/err.txt" "is al de klager"

# ---- #koppel: two cases, linked both ways.
ol_new_case "$KL_DATA/samples/01-afval.eml"
a=$OL_REF
ol_new_case "$KL_DATA/samples/03-parkeren.eml"
b=$OL_REF
send "$(ol_find notify "$OL_ANNA" "$a")" "#koppel [$b]"
kl_ctl show "$a" > "$FX_DIR/show-a.txt"
kl_ctl show "$b" > "$FX_DIR/show-b.txt"
kl_contains "A shows the link" "$FX_DIR/show-a.txt" "Link: +linked to $b"
kl_contains "B shows the link" "$FX_DIR/show-b.txt" "Link: +linked to $a"
kl_eq "linked events" "$(kl_sql "select count(*) from events where kind = 'linked'")" 2
kl_ctl --json show "$b" | kl_json 'j["links"][0]["ref"]' > "$FX_DIR/link.json"
kl_eq "json link" "$(cat "$FX_DIR/link.json")" "$a"

# ---- #samenvoegen: Jan writes again from another address, with a photo.
cat > "$FX_DIR/again.eml" <<EOF
From: Jan de Boer <jan.werk@example.org>
To: Gemeente Testdorp <klachten@testdorp.example>
Subject: Nogmaals: container niet geleegd
Message-ID: <again.$$@example.org>
Date: Wed, 11 Mar 2026 09:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="jb"

--jb
Content-Type: text/plain; charset=utf-8

Ik schreef u al vanaf mijn privéadres. Hierbij een foto van de container.

--jb
Content-Type: image/png; name="container.png"
Content-Disposition: attachment; filename="container.png"
Content-Transfer-Encoding: base64

iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==
--jb--
EOF
ol_new_case "$FX_DIR/again.eml"
c=$OL_REF
msgs_a=$(kl_sql "select count(*) from messages m join cases x on x.id = m.case_id where x.ref = '$a'")
sent_jan_werk=$(sink_to jan.werk@example.org)
send "$(ol_find notify "$OL_ANNA" "$c")" "#samenvoegen $a zelfde klacht, ander adres"
kl_eq "C merged" "$(ol_case "$c" status)" merged
ol_body "$(ol_find confirm "$OL_ANNA" "$c")" > "$FX_DIR/merged-conf.txt"
kl_contains "merged: the confirmation says the state" "$FX_DIR/merged-conf.txt" "^De klacht is nu: samengevoegd\.$"
kl_absent "merged: no term" "$FX_DIR/merged-conf.txt" "afhandelen uiterlijk"
kl_eq "C closed" "$(kl_sql "select closed_at > 0 from cases where ref = '$c'")" 1
kl_eq "C has no judgement" "$(ol_case "$c" judgement)" ""
kl_eq "C's complaint is on A now" \
    "$(kl_sql "select x.ref from messages m join cases x on x.id = m.case_id where m.message_id = 'again.$$@example.org'")" "$a"
kl_eq "A has C's messages (complaint and anna's reply)" \
    "$(kl_sql "select count(*) from messages m join cases x on x.id = m.case_id where x.ref = '$a'")" "$((msgs_a + 2))"
kl_eq "C keeps no message" "$(kl_sql "select count(*) from messages m join cases x on x.id = m.case_id where x.ref = '$c'")" 0
kl_eq "the photo moved" "$(kl_sql "select x.ref from attachments t join cases x on x.id = t.case_id where t.filename = 'container.png'")" "$a"
kl_eq "C's history moved, marked" \
    "$(kl_sql "select count(*) from events e join cases x on x.id = e.case_id where x.ref = '$a' and e.detail like '[$c] %' and e.kind = 'received'")" 1
kl_eq "merged-in event on A" "$(ol_events "$a" merged-in | cut -d'|' -f1,2)" "anna|merged-in"
kl_eq "no letter to C's complainant" "$(sink_to jan.werk@example.org)" "$sent_jan_werk"
kl_eq "no outcome anywhere" "$(kl_sql "select count(*) from outbox where kind = 'outcome'")" 0
kl_ctl show "$c" > "$FX_DIR/show-c.txt"
kl_contains "C shows where it went" "$FX_DIR/show-c.txt" "Link: +merged into $a"
kl_ctl show "$a" > "$FX_DIR/show-a.txt"
kl_contains "A shows what came in" "$FX_DIR/show-a.txt" "Link: +merged here $c"
# Nothing more happens on a merged case.
send "$(ol_find confirm "$OL_ANNA" "$c")" "#antwoord Nog een vraag."
err=$(ol_find cmd-error "$OL_ANNA" "$c")
ol_body "$err" > "$FX_DIR/err.txt"
kl_contains "merged: commands refused" "$FX_DIR/err.txt" "samengevoegd: daar kan niets meer aan gebeuren"

# Jan answers the acknowledgement of C: his mail goes to A, where C went.
ack_c=$(ol_find ack jan.werk@example.org "$c")
ack_id=$(ol_header "$ack_c" Message-ID)
cat > "$FX_DIR/jan-reply.eml" <<EOF
From: Jan de Boer <jan.werk@example.org>
To: Gemeente Testdorp <klachten@testdorp.example>
Subject: Re: Wij hebben uw klacht ontvangen [$c]
Message-ID: <jan-reply.$$@example.org>
In-Reply-To: $ack_id
References: $ack_id
Date: Wed, 11 Mar 2026 10:00:00 +0100
Content-Type: text/plain; charset=utf-8

Is er al nieuws?
EOF
ol_deliver "$FX_DIR/jan-reply.eml"
kl_eq "a reply to the merged case lands on A" \
    "$(kl_sql "select x.ref from messages m join cases x on x.id = m.case_id where m.message_id = 'jan-reply.$$@example.org'")" "$a"
kl_eq "C stays merged" "$(ol_case "$c" status)" merged

# ---- #vervallen: a duplicate, closed without a letter.
ol_new_case "$KL_DATA/samples/04-english.eml"
d=$OL_REF
dto=$(ol_case "$d" complainant_email)
sent_d=$(sink_to "$dto")
send "$(ol_find notify "$OL_ANNA" "$d")" "#vervallen dubbel zelfde als $b"
kl_eq "D void" "$(ol_case "$d" status)" void
kl_eq "void event" "$(ol_events "$d" void | cut -d'|' -f1,2,3)" "anna|void|duplicate: zelfde als $b"
kl_eq "no letter to D's complainant" "$(sink_to "$dto")" "$sent_d"

# ---- The register and the report: merged and void cases are no
# complaints, counted apart.
year=$(echo "$a" | cut -d- -f2)
kl_ctl report --register --year "$year" --format csv > "$FX_DIR/reg.csv" || fx_fail "register failed"
kl_contains "A in the register" "$FX_DIR/reg.csv" "^$a,"
kl_contains "the forward in the register" "$FX_DIR/reg.csv" "^$fw,"
kl_absent "merged C not in the register" "$FX_DIR/reg.csv" "$c"
kl_absent "void D not in the register" "$FX_DIR/reg.csv" "$d"
kl_eq "register rows" "$(grep -c "^KL-" "$FX_DIR/reg.csv")" 3
kl_ctl report --year "$year" --format json > "$FX_DIR/rep.json" || fx_fail "report failed"
kl_eq "received counts complaints only" "$(kl_json 'j["totals"]["received"]' < "$FX_DIR/rep.json")" 3
kl_eq "merged counted apart" "$(kl_json 'j["totals"]["merged"]' < "$FX_DIR/rep.json")" 1
kl_eq "void counted apart" "$(kl_json 'j["totals"]["void"]' < "$FX_DIR/rep.json")" 1
kl_ctl report --year "$year" > "$FX_DIR/rep.txt" || fx_fail "report failed"
kl_contains "text report" "$FX_DIR/rep.txt" "geen klacht \(hierboven niet geteld\): samengevoegd met een andere klacht 1, vervallen 1"
# ---- Jan writes again from the same address, without the reference:
# a new case, and the officers are told of his open one and how to merge
# (after the report above, whose counts it would change).
sed -e 's/^Message-ID: <sample-01-afval@/Message-ID: <again-same@/' \
    -e 's/^Subject: .*/Subject: Waarom hoor ik niets?/' \
    "$KL_DATA/samples/01-afval.eml" > "$FX_DIR/same.eml"
ol_new_case "$FX_DIR/same.eml"
same=$OL_REF
ol_body "$(ol_find notify "$OL_ANNA" "$same")" > "$FX_DIR/same-notify.txt"
kl_contains "same sender: told" "$FX_DIR/same-notify.txt" "^Let op: deze afzender heeft nog een open klacht:$"
kl_contains "same sender: the open case" "$FX_DIR/same-notify.txt" "^- $a, ontvangen [0-9]+ [a-z]+ [0-9]{4}: \""
kl_contains "same sender: how to merge" "$FX_DIR/same-notify.txt" "\"#samenvoegen $a\""
kl_absent "same sender: not B (another sender)" "$FX_DIR/same-notify.txt" "$b"
# The same person with a +tag (and capitals) is the same sender.
sed -e 's/^Message-ID: <sample-01-afval@/Message-ID: <again-tag@/' \
    -e 's/^From: .*/From: Jan de Boer <Jan.DeBoer+klacht@Example.NET>/' \
    -e 's/^Subject: .*/Subject: Nog steeds niets gehoord/' \
    "$KL_DATA/samples/01-afval.eml" > "$FX_DIR/tag.eml"
ol_new_case "$FX_DIR/tag.eml"
ol_body "$(ol_find notify "$OL_ANNA" "$OL_REF")" > "$FX_DIR/tag-notify.txt"
kl_contains "+tag sender: told" "$FX_DIR/tag-notify.txt" "^Let op: deze afzender heeft nog open klachten:$"
kl_contains "+tag sender: the first open case" "$FX_DIR/tag-notify.txt" "^- $a, ontvangen "
kl_contains "+tag sender: the second" "$FX_DIR/tag-notify.txt" "^- $same, ontvangen "
# A new case from someone with no other open case: no such lines.
ol_body "$(ol_find notify "$OL_ANNA" "$b")" > "$FX_DIR/b-notify.txt"
kl_absent "another sender: no hint" "$FX_DIR/b-notify.txt" "Let op: deze afzender"
exit 0
