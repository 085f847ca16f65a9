#!/bin/sh
# An officer handles a whole case by replying to klachtd's notification
# from real mail clients -- mutt, Thunderbird, Gmail, Outlook, Apple Mail;
# plain text and HTML; Dutch and English quote headers -- and every reply
# quotes the notification with command lines in it ("#close gegrond",
# "#sluit gegrond", "#toewijzen carla").  Checked after each reply: exactly
# the commands above the quote ran, a confirmation answering that reply
# arrived at the SMTP sink, and nothing from the quote ran.  The
# complainant's update and outcome letter arrive with the reference and
# the threading headers of the complainant's own mail.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")

# reply TEMPLATE [closes]: anna answers her notification with it; asserts that a
# confirmation (not an error) answering it arrived; sets $conf.
reply() {
	ol_reply "$OL_DATA/$1" "$notif" "$OL_ANNA" "Anna de Vries"
	ol_deliver "$OL_REPLY"
	conf=$(ol_find confirm "$OL_ANNA" "$ref")
	kl_eq "$1: confirmation answers the reply" \
	    "$(ol_header "$conf" In-Reply-To)" "<$OL_REPLY_ID>"
	kl_eq "$1: nothing failed" "$(ol_events "$ref" commands-failed)" ""
	kl_eq "$1: nothing refused" "$(ol_events "$ref" commands-refused)" ""
	[ "${2:-}" = closes ] ||
		kl_eq "$1: not closed by a quote" "$(ol_events "$ref" close)" ""
	kl_eq "$1: never assigned to carla" \
	    "$(ol_events "$ref" assign | grep -c carla)" 0
	ol_body "$conf" > "$FX_DIR/conf.txt"
}

# 1. mutt, English attribution, '>' quote.
reply mutt-en.eml
kl_eq "mutt: assignee" "$(ol_case "$ref" assignee)" bob
kl_eq "mutt: status" "$(ol_case "$ref" status)" in_progress
# The text of #note runs to the quote: the sign-off is part of it.
kl_eq "mutt: note" "$(ol_events "$ref" note)" \
    "anna|note|Bob knows the Dorpsstraat route; he will call the driver.  Anna"
kl_eq "mutt: events by anna" "$(ol_events "$ref" assign)" "anna|assign|- -> bob"
kl_contains "mutt: confirmation lists the change" "$FX_DIR/conf.txt" \
    "toegewezen aan Bob Jansen \(bob\)"
kl_contains "mutt: confirmation lists the status" "$FX_DIR/conf.txt" \
    "status: ontvangen -> in behandeling"
assigned=$(ol_find assigned "$OL_BOB" "$ref")
kl_contains "bob's mail carries his own token" "$assigned" \
    "^Reply-To: klachten\+$(echo "$ref" | tr A-Z a-z)\.bob\.[0-9a-f]{20}@testdorp\.example"
ol_body "$assigned" > "$FX_DIR/assigned.txt"
kl_contains "bob gets the complaint text" "$FX_DIR/assigned.txt" \
    "groene container in de Dorpsstraat"
kl_contains "bob learns who assigned it" "$FX_DIR/assigned.txt" \
    "Anna de Vries \(anna\) heeft klacht $ref aan u toegewezen"

# 2. Thunderbird, Dutch attribution, format=flowed, "-- " signature with
#    a command line under it.
reply thunderbird-nl.eml
kl_eq "thunderbird: priority" "$(ol_case "$ref" priority)" high
ol_events "$ref" note > "$FX_DIR/notes"
kl_contains "thunderbird: multi-line note" "$FX_DIR/notes" \
    "anna\|note\|Klager gebeld: .*Dit moet ?snel opgelost worden\.$"
kl_absent "thunderbird: signature not in the note" "$FX_DIR/notes" "Klachtenfunctionaris"

# 3. Gmail, multipart/alternative (the plain part is read), English
#    attribution wrapped over two lines.  The update goes to the
#    complainant, threaded under the complaint.
reply gmail-en-alt.eml
upd=$(ol_find update "$OL_JAN" "$ref")
kl_contains "update: subject tag" "$upd" "^Subject: .*\[$ref\]"
kl_eq "update: In-Reply-To the complaint" "$(ol_header "$upd" In-Reply-To)" \
    "<sample-01-afval@example.net>"
kl_eq "update: References" "$(ol_header "$upd" References)" \
    "<sample-01-afval@example.net>"
kl_contains "update: Message-ID carries the reference" "$upd" \
    "^Message-Id: <$ref\.update\."
kl_absent "update: no Auto-Submitted (a person wrote it)" "$upd" "^Auto-Submitted:"
ol_body "$upd" > "$FX_DIR/update.txt"
kl_contains "update: the officer's text" "$FX_DIR/update.txt" \
    "will be emptied this Friday, and we have asked the collection service"
kl_absent "update: the officer's greeting is cut (the letter greets)" "$FX_DIR/update.txt" "Dear Mr De Boer"
kl_absent "update: the officer's sign-off is cut (the letter signs)" "$FX_DIR/update.txt" "^Kind regards"
kl_absent "update: nothing of the quote" "$FX_DIR/update.txt" "upheld|Antwoord boven"
kl_contains "update: Dutch template (case language)" "$FX_DIR/update.txt" "^Geachte Jan de Boer,"
kl_eq "reply event" "$(ol_events "$ref" reply | cut -d'|' -f1,2)" "anna|reply"

# 4. Gmail, HTML only, Dutch attribution, gmail_quote blockquote.
reply gmail-nl-html.eml
kl_eq "gmail html: status" "$(ol_case "$ref" status)" waiting
kl_contains "gmail html: text outside the commands kept" "$FX_DIR/conf.txt" \
    "als interne notitie bewaard"
kl_eq "gmail html: note text" "$(ol_events "$ref" note | tail -1)" \
    "anna|note|Ik wacht op de foto's die de klager zou sturen."

# 5. Outlook, plain text, Dutch "Van:/Verzonden:" block under a rule.
reply outlook-nl-plain.eml
kl_eq "outlook nl: category" "$(ol_case "$ref" category)" afval
ol_events "$ref" hearing > "$FX_DIR/hearing"
kl_contains "outlook nl: hearing" "$FX_DIR/hearing" \
    "^anna\|hearing\|2026-12-01: telefonisch, met de chauffeur erbij  Met vriendelijke groet, Anna de Vries$"
kl_absent "outlook nl: nothing of the Outlook block" "$FX_DIR/hearing" "Verzonden|sluit"

# 5b. Outlook, plain text, English "-----Original Message-----" block.
reply outlook-en-plain.eml
kl_eq "outlook en: note" "$(ol_events "$ref" note | tail -1)" \
    "anna|note|Called the collection service; they confirm the route change."

# 6. Outlook, HTML only, English "From:/Sent:" block in a bordered div.
reply outlook-en-html.eml
kl_eq "outlook en html: status" "$(ol_case "$ref" status)" in_progress
kl_eq "outlook en html: priority" "$(ol_case "$ref" priority)" urgent

# 7. Outlook (new), HTML only, Dutch "Van:/Datum:" block.
reply outlook-nl-html.eml
ol_events "$ref" note | tail -1 > "$FX_DIR/note"
kl_contains "outlook nl html: note" "$FX_DIR/note" \
    "^anna\|note\|Chauffeur gesproken: .* Dat is inmiddels hersteld\."
kl_absent "outlook nl html: nothing of the Outlook block" "$FX_DIR/note" "Onderwerp|sluit"

# 8. Apple Mail, multipart/alternative, quoted Dutch attribution:
#    #verleng sends the extension letter.
due0=$(ol_case "$ref" due_at)
reply apple-mail-nl.eml
kl_eq "apple: extended" "$(ol_case "$ref" extended)" 1
kl_eq "apple: 14 days later" "$(( ($(ol_case "$ref" due_at) - due0 + 7200) / 86400 ))" 14
ext=$(ol_find extension "$OL_JAN" "$ref")
ol_body "$ext" > "$FX_DIR/ext.txt"
kl_contains "extension: reason" "$FX_DIR/ext.txt" "rapport van de inzamelaar"
kl_contains "extension: by how long" "$FX_DIR/ext.txt" "Wij nemen daarom 2 weken meer tijd\."
kl_eq "extension: threaded" "$(ol_header "$ext" In-Reply-To)" "<sample-01-afval@example.net>"

# 9. iPhone Mail, HTML only, "Sent from my iPhone" then a command line.
reply apple-mail-en-html.eml
kl_eq "iphone: consent" "$(ol_events "$ref" consent)" \
    "anna|consent|The complainant agreed on the phone to a further extension if it is needed."

# The complainant answers the update; bob (the assignee) hears of it.
cat > "$FX_DIR/jan-reply.eml" <<EOF
From: Jan de Boer <jan.deboer@example.net>
To: Gemeente Testdorp <klachten@testdorp.example>
Subject: Re: Over uw klacht [$ref]
Message-ID: <jan-reply-2@example.net>
In-Reply-To: <$(ol_header "$upd" Message-ID | tr -d '<>')>
References: <sample-01-afval@example.net> $(ol_header "$upd" Message-ID)
Date: Thu, 12 Mar 2026 19:02:00 +0100
Content-Type: text/plain; charset=utf-8

Dank u. De container is vandaag inderdaad geleegd.
#close gegrond
EOF
ol_deliver "$FX_DIR/jan-reply.eml"
kl_eq "complainant's #close ran nothing" "$(ol_case "$ref" status)" in_progress
nr=$(ol_find notify-reply "$OL_BOB" "$ref")
ol_body "$nr" > "$FX_DIR/nr.txt"
kl_contains "assignee gets the reply" "$FX_DIR/nr.txt" "De container is vandaag inderdaad geleegd"
kl_eq "only the assignee is told" "$(ol_count notify-reply "$OL_ANNA")" 0

# 10. Thunderbird, English, #close with findings: the outcome letter.
reply thunderbird-en-close.eml closes
kl_eq "one close, from above the quote" "$(ol_events "$ref" close | wc -l)" 1
kl_eq "closed" "$(ol_case "$ref" status)" closed
kl_eq "judgement" "$(ol_case "$ref" judgement)" deels-gegrond
kl_eq "decided and closed at" "$(kl_sql "select decided_at = closed_at and closed_at > 0 from cases where ref = '$ref'")" 1
out=$(ol_find outcome "$OL_JAN" "$ref")
kl_contains "outcome: subject tag" "$out" "^Subject: .*\[$ref\]"
kl_eq "outcome: In-Reply-To the complainant's latest" \
    "$(ol_header "$out" In-Reply-To)" "<jan-reply-2@example.net>"
kl_eq "outcome: References the thread" "$(ol_header "$out" References)" \
    "<sample-01-afval@example.net> $(ol_header "$upd" Message-ID) <jan-reply-2@example.net>"
ol_body "$out" > "$FX_DIR/outcome.txt"
kl_contains "outcome: findings" "$FX_DIR/outcome.txt" "your street was ?$"
kl_contains "outcome: findings end" "$FX_DIR/outcome.txt" "the driver has been briefed\.$"
kl_absent "outcome: no signature" "$FX_DIR/outcome.txt" "Klachtenfunctionaris"
kl_contains "outcome: judgement in the case language" "$FX_DIR/outcome.txt" \
    "^Wij vinden uw klacht deels gegrond\.$"
kl_contains "outcome: ombudsman" "$FX_DIR/outcome.txt" \
    "^Dan kunt u naar de Nationale ombudsman \(www\.nationaleombudsman\.nl\)\."
kl_contains "confirmation of the close" "$FX_DIR/conf.txt" "gesloten als deels gegrond"

# Every mail klachtd sent carries the reference; none went twice.
for f in $(fx_smtp_messages); do
	kl_contains "reference in every subject" "$f" "^Subject: .*\[$ref\]"
done
kl_eq "no duplicate deliveries" "$(fx_smtp_dupes)" ""
echo "PASS: $ref handled from 11 replies by 5 mail clients, no quoted command ran"
