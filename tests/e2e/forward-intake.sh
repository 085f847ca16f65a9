#!/bin/sh
# Issue 14: an officer forwards a citizen's complaint to the klachten
# address.  For each client format (tests/fixtures/forwards: Outlook,
# Gmail, Thunderbird, Apple Mail in nl and en, and a message/rfc822
# attachment), proven by our MX's DKIM pass, the case is the citizen's:
# their name and address, the original subject, the original date of
# receipt (the due date runs from it), the acknowledgement at the
# citizen's address at the SMTP sink, the reference to the officer.  (A
# personal reply token proves a forward too: tests/unit/test_forward.c;
# a case's token files the mail on that case.)  A forward without
# proof (no Authentication-Results, or another MX's) stays the sender's
# mail: nothing goes to the address in it, and the officers are told it
# looks like a forward.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'auth = { require = "token-or-dkim"; authserv_id = "mx.testdorp.example"; };'
FW="$top_srcdir/tests/fixtures/forwards"

# The forwards arrive the day after the citizens wrote (Monday 16
# November 2026, 09:41): a plain complaint arriving now is due on
# 29 December, one received on the 16th on 28 December.
tl_at "2026-11-17 09:00:00"
ORIG=1794818460		# 2026-11-16 09:41:00 +0100

# mx FILE OUT [AUTHSERV]: FILE as our MX passes it on, with its
# Authentication-Results (dkim=pass for gemeente.example) on top.
mx() {
	{
		printf 'Authentication-Results: %s; dkim=pass header.d=gemeente.example header.s=sel1; spf=pass smtp.mailfrom=gemeente.example\n' "${3:-mx.testdorp.example}"
		printf 'Received: from mail.gemeente.example by mx.testdorp.example; Tue, 17 Nov 2026 08:59:02 +0100\n'
		cat "$1"
	} > "$2"
}

# proven FILE CITIZEN NAME SUBJECT: the forward in FILE opened a case
# for CITIZEN with the original date; the ack went to CITIZEN, the
# reference to anna.
proven() {
	ol_new_case "$2"
	ref=$OL_REF
	what=$(basename "$1")
	kl_eq "$what: complainant" "$(ol_case "$ref" complainant_email)" "$3"
	kl_eq "$what: name" "$(ol_case "$ref" complainant_name)" "$4"
	kl_eq "$what: subject" "$(ol_case "$ref" subject)" "$5"
	kl_eq "$what: received at the original date" "$(ol_case "$ref" received_at)" "$ORIG"
	kl_eq "$what: due six weeks after the original date" \
	    "$(kl_sql "select date(due_at, 'unixepoch', 'localtime') from cases where ref = '$ref'")" 2026-12-28
	ack=$(ol_find ack "$3" "$ref")
	ol_body "$ack" > "$FX_DIR/ack.txt"
	kl_contains "$what: ack names the reference" "$FX_DIR/ack.txt" "$ref"
	# The letter is in the citizen's language (issue 16): an English
	# forward gets English letters.
	case $(ol_case "$ref" language) in
	en) day="16 November 2026" ;;
	*) day="16 november 2026" ;;
	esac
	kl_contains "$what: ack names the original date" "$FX_DIR/ack.txt" "$day"
	kl_eq "$what: no ack to the officer" "$(ol_count ack "$OL_ANNA")" 0
	conf=$(ol_find confirm "$OL_ANNA" "$ref")
	ol_body "$conf" > "$FX_DIR/confirm.txt"
	kl_contains "$what: officer told the reference" "$FX_DIR/confirm.txt" "doorgestuurde klacht van .*$3.* is zaak $ref"
	kl_eq "$what: forward event" "$(ol_events "$ref" forward | cut -d'|' -f1,2)" "anna|forward"
	# The message is stored as it came: the officer's mail.
	kl_eq "$what: stored message from the officer" \
	    "$(kl_sql "select m.from_addr from messages m join cases c on c.id = m.case_id where c.ref = '$ref'")" "$OL_ANNA"
}

n=0
while read -r file citizen name subject; do
	n=$((n + 1))
	mx "$FW/$file" "$FX_DIR/fwd-$n.eml"
	proven "$file" "$FX_DIR/fwd-$n.eml" "$citizen" "$(echo "$name" | tr _ ' ')" "$(echo "$subject" | tr _ ' ')"
done <<'LIST'
outlook-nl.eml pieter.bakker@example.net Pieter_Bakker Klacht_over_afvalinzameling
outlook-en.eml sarah.johnson@example.org Sarah_Johnson Complaint_about_parking_fine
gmail-en.eml tom.hendriks@example.com Tom_Hendriks Klacht_over_de_bibliotheek
gmail-nl.eml f.elamrani@example.nl Fatima_el_Amrani Klacht_over_de_balie
thunderbird-en.eml lisa.dewit@example.org Lisa_de_Wit Noise_from_the_building_site
thunderbird-nl.eml kees.vandam@example.net Kees_van_Dam Klacht_over_het_zwembad
apple-en.eml emma.visser@example.com Emma_Visser Complaint:_rude_staff_at_the_counter
apple-nl.eml henk.degroot@example.nl Henk_de_Groot Klacht_over_de_stoep
rfc822.eml noor.jansen@example.org Noor_Jansen Klacht_over_de_parkeervergunning
LIST
kl_eq "nine forwarded cases" "$(kl_sql "select count(*) from cases")" 9

# forged FILE WHAT: the forward is no proof: a case for anna as today,
# nothing to the address in it, the officers told.
forged() {
	ol_new_case "$1"
	ref=$OL_REF
	kl_eq "$2: complainant is the sender" "$(ol_case "$ref" complainant_email)" "$OL_ANNA"
	kl_eq "$2: received now" "$(kl_sql "select date(received_at, 'unixepoch', 'localtime') from cases where ref = '$ref'")" 2026-11-17
	kl_eq "$2: nothing to the victim" \
	    "$(fx_smtp_messages | xargs grep -l 'X-Sink-Rcpt-To: <victim@example.org>' | wc -l)" 0
	kl_eq "$2: nothing queued for the victim" "$(kl_sql "select count(*) from outbox where rcpt = 'victim@example.org'")" 0
	kl_eq "$2: event" "$(ol_events "$ref" forward-unproven | cut -d'|' -f2)" forward-unproven
	note=$(ol_find notify "$OL_BOB" "$ref")
	ol_body "$note" > "$FX_DIR/notify.txt"
	kl_contains "$2: officers told" "$FX_DIR/notify.txt" "Dit lijkt een doorgestuurd bericht van Lisa de Wit <victim@example.org>, maar het is niet bewezen"
}
sed -e 's/lisa.dewit@example.org/victim@example.org/' -e 's/fwd-thunderbird-en@/forged-1@/' \
    "$FW/thunderbird-en.eml" > "$FX_DIR/forged-1.eml"
forged "$FX_DIR/forged-1.eml" "no proof at all"
sed -e 's/lisa.dewit@example.org/victim@example.org/' -e 's/fwd-thunderbird-en@/forged-2@/' \
    "$FW/thunderbird-en.eml" > "$FX_DIR/forged-2.src"
mx "$FX_DIR/forged-2.src" "$FX_DIR/forged-2.eml" mx.evil.example
forged "$FX_DIR/forged-2.eml" "another MX's word"
exit 0
