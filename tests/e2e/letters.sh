#!/bin/sh
# Letters written for people (issue 16), read at a real SMTP sink:
#   - a complaint without a display name is answered "Geachte
#     heer/mevrouw" (and so is a respondent known by address only), its
#     subject named without FW:/Re: and our tag;
#   - the officer's #antwoord with her own greeting and signature gives a
#     letter with neither (the letter greets and signs once);
#   - the letters name the assignee with her function and phone, and are
#     signed with the configured signature block;
#   - an update sent after the due date says the date has passed and
#     promises no passed date;
#   - an outcome decided after the due date carries the lateness block
#     (and the apology and "deels gegrond" explained); one in time does
#     not, and without an assignee names the desk and its phone;
#   - Auto-Submitted: auto-replied on the acknowledgement and on the
#     confirmation to the officer, auto-generated on the notification,
#     none on the letters an officer wrote.
# Time is moved with libfaketime (tests/e2e/terms-lib.sh).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup
kl_config "$(kl_smtp_conf)
categories = ( { id = \"afval\"; name = \"Afval\"; } );
officers = (
  { id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\";
    title = \"klachtencoördinator\"; phone = \"020 123 45 67\"; },
  { id = \"bob\"; name = \"Bob Jansen\"; email = \"$OL_BOB\"; }
);
organisation = { name = \"Gemeente Testdorp\"; address = \"klachten@testdorp.example\";
  phone = \"14 020\";
  signature = \"Namens het college van burgemeester en wethouders,\\nGemeente Testdorp\"; };
escalation = { digest = \"none\"; unassigned_after = 0; };"
sed -i '1{/^organisation = /d}' "$KL_CONF"
"$TL_REAL_KLACHTD" -c "$KL_CONF" -n >/dev/null || fx_fail "the test's configuration is not valid"

anna() { # NOTIFICATION TEXT ANSWER-KIND
	tl_send "$1" "$OL_ANNA" "Anna de Vries" "$2"
	ol_body "$(ol_find "$3" "$OL_ANNA" "$REF")" > "$FX_DIR/answer.txt"
}

# ------------------------------- 2 November: a complaint without a name
tl_at "2026-11-02 10:00:00"
cat > "$FX_DIR/c1.eml" <<EOF
From: info12345@example.org
To: Gemeente Testdorp <klachten@testdorp.example>
Subject: FW: RE: Klacht over afvalinzameling [KL-2025-00007]
Message-ID: <c1.$$@example.org>
Date: Mon, 02 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

De container in de Dorpsstraat is al drie weken niet geleegd.
EOF
ol_new_case "$FX_DIR/c1.eml"
REF=$OL_REF
C1=info12345@example.org
ack=$(ol_find ack "$C1" "$REF")
ol_body "$ack" > "$FX_DIR/ack.txt"
kl_contains "ack: no name, so Geachte heer/mevrouw" "$FX_DIR/ack.txt" "^Geachte heer/mevrouw,$"
kl_absent "ack: the address is no name" "$FX_DIR/ack.txt" "Geachte info12345"
kl_contains "ack: the subject, cleaned" "$FX_DIR/ack.txt" '^"Klacht over afvalinzameling"\.$'
kl_absent "ack: no FW:/RE: or old tag" "$FX_DIR/ack.txt" "FW:|RE:|KL-2025-00007"
kl_contains "ack: due date, one phrase" "$FX_DIR/ack.txt" "uiterlijk op 14 december 2026 een brief"
kl_contains "ack: nobody assigned, the desk and its phone" "$FX_DIR/ack.txt" "Neem dan contact op met het klachtenbureau\.$"
kl_contains "ack: desk phone" "$FX_DIR/ack.txt" "^Het telefoonnummer is 14 020\.$"
kl_contains "ack: signature block" "$FX_DIR/ack.txt" "^Namens het college van burgemeester en wethouders,$"
kl_contains "ack: signature block, second line" "$FX_DIR/ack.txt" "^Gemeente Testdorp$"
kl_contains "ack: auto-replied (RFC 3834: it answers a message)" "$ack" "^Auto-Submitted: auto-replied"
NOT=$(ol_find notify "$OL_ANNA" "$REF")
kl_contains "notification: auto-generated (no reply)" "$NOT" "^Auto-Submitted: auto-generated"
ol_body "$NOT" > "$FX_DIR/notify.txt"
kl_contains "notification: the officers' date phrase" "$FX_DIR/notify.txt" "^Uiterlijk klaar: +14 december 2026$"

# --------- 5 November: anna takes it and replies with greeting and sign-off
tl_at "2026-11-05 10:00:00"
anna "$NOT" "#toewijzen anna" confirm
conf=$(ol_find confirm "$OL_ANNA" "$REF")
kl_contains "confirmation: auto-replied (it answers her mail)" "$conf" "^Auto-Submitted: auto-replied"
kl_contains "confirmation: the date phrase" "$FX_DIR/answer.txt" "afhandelen uiterlijk op 14 december 2026\."
anna "$NOT" "#antwoord Beste meneer of mevrouw,

Wij laten de container morgen legen. Daarna bel ik u.

Met vriendelijke groet,
Anna de Vries
Klachtenfunctionaris afval
Gemeente Testdorp | 020 123 45 67" confirm
upd=$(ol_find update "$C1" "$REF")
kl_absent "update: written by a person, no Auto-Submitted" "$upd" "^Auto-Submitted:"
ol_body "$upd" > "$FX_DIR/upd1.txt"
kl_contains "update: the officer's text" "$FX_DIR/upd1.txt" "^Wij laten de container morgen legen\. Daarna bel ik u\.$"
kl_absent "update: the officer's greeting is cut" "$FX_DIR/upd1.txt" "Beste meneer"
kl_absent "update: the officer's own signature is cut" "$FX_DIR/upd1.txt" "Klachtenfunctionaris afval|Gemeente Testdorp \|"
kl_eq "update: greeted once" "$(grep -c '^Geachte ' "$FX_DIR/upd1.txt")" 1
kl_eq "update: signed once" "$(grep -c 'Met vriendelijke groet' "$FX_DIR/upd1.txt")" 1
kl_contains "update: the assignee is the contact" "$FX_DIR/upd1.txt" "contact op met Anna de Vries, klachtencoördinator\.$"
kl_contains "update: her phone" "$FX_DIR/upd1.txt" "^Het telefoonnummer is 020 123 45 67\.$"
kl_contains "update: signed by her, with function" "$FX_DIR/upd1.txt" "^klachtencoördinator$"
kl_contains "update: before the due date, the date" "$FX_DIR/upd1.txt" "^U krijgt uiterlijk op 14 december 2026 een brief met ons oordeel\.$"
kl_absent "update: in time, nothing passed" "$FX_DIR/upd1.txt" "voorbij"

# The person complained about, recorded by address only (Awb 9:9).
anna "$NOT" "#beklaagde chauffeur@testdorp.example" confirm
ol_body "$(ol_find respondent-copy chauffeur@testdorp.example "$REF")" > "$FX_DIR/copy.txt"
kl_contains "respondent copy: no name, so Geachte heer/mevrouw" "$FX_DIR/copy.txt" "^Geachte heer/mevrouw,$"
kl_absent "respondent copy: the address is no name" "$FX_DIR/copy.txt" "Geachte chauffeur"

# ------------------- 20 December: after the due date, an update again
tl_at "2026-12-20 10:00:00"
anna "$NOT" "#antwoord Het onderzoek loopt nog. Ik verwacht het rapport deze week." confirm
upd=$(ol_find update "$C1" "$REF")
ol_body "$upd" > "$FX_DIR/upd2.txt"
kl_contains "late update: the officer's text" "$FX_DIR/upd2.txt" "^Het onderzoek loopt nog\."
kl_contains "late update: says the date has passed" "$FX_DIR/upd2.txt" "^krijgen\. Die datum is voorbij\. Het spijt ons dat u nog moet wachten\.$"
kl_absent "late update: promises no passed date" "$FX_DIR/upd2.txt" "U krijgt uiterlijk op"

# ---------------- 21 December: decided late, partly upheld
tl_at "2026-12-21 10:00:00"
anna "$NOT" "#sluit deels-gegrond
Geachte heer/mevrouw,

De container is drie weken niet geleegd. De wagen reed een andere route.
Conclusies: de route is aangepast.

Groet,
Anna" confirm
kl_contains "close: flagged late to the officer" "$FX_DIR/answer.txt" "afgehandeld na de uiterste datum \(14 december 2026\)"
out=$(ol_find outcome "$C1" "$REF")
kl_absent "outcome: written by a person, no Auto-Submitted" "$out" "^Auto-Submitted:"
ol_body "$out" > "$FX_DIR/outcome.txt"
kl_contains "outcome: no name" "$FX_DIR/outcome.txt" "^Geachte heer/mevrouw,$"
kl_eq "outcome: greeted once" "$(grep -c '^Geachte ' "$FX_DIR/outcome.txt")" 1
kl_absent "outcome: the officer's sign-off is cut" "$FX_DIR/outcome.txt" "^Groet|^Anna$"
kl_contains "outcome: the lateness block" "$FX_DIR/outcome.txt" "^Deze brief komt te laat\. Wij hadden u uiterlijk op 14 december 2026 ons$"
kl_contains "outcome: findings" "$FX_DIR/outcome.txt" "^De container is drie weken niet geleegd\. De wagen reed een andere route\.$"
kl_contains "outcome: judgement" "$FX_DIR/outcome.txt" "^Wij vinden uw klacht deels gegrond\.$"
kl_contains "outcome: deels gegrond explained" "$FX_DIR/outcome.txt" "^Dat betekent: u hebt voor een deel gelijk, maar niet op alle punten\.$"
kl_contains "outcome: apology" "$FX_DIR/outcome.txt" "Daarvoor bieden wij u onze excuses aan\.$"
kl_contains "outcome: what is learnt" "$FX_DIR/outcome.txt" "^Wat wij hiervan leren$"
kl_contains "outcome: the measures" "$FX_DIR/outcome.txt" "^De route is aangepast\.$"
kl_contains "outcome: the assignee as contact" "$FX_DIR/outcome.txt" "contact op met Anna de Vries, klachtencoördinator\.$"
kl_contains "outcome: her phone" "$FX_DIR/outcome.txt" "^Het telefoonnummer is 020 123 45 67\.$"
kl_contains "outcome: signed by her" "$FX_DIR/outcome.txt" "^Anna de Vries$"
kl_contains "outcome: on behalf of the college" "$FX_DIR/outcome.txt" "^Namens het college van burgemeester en wethouders,$"
kl_contains "outcome: the ombudsman" "$FX_DIR/outcome.txt" "^Dan kunt u naar de Nationale ombudsman"
tail -2 "$FX_DIR/outcome.txt" > "$FX_DIR/outcome-end.txt"
kl_contains "outcome: legal reference at the end" "$FX_DIR/outcome-end.txt" "^artikel 9:12 van de Algemene wet bestuursrecht\.$"

# ------------- a named complainant, nobody assigned, decided in time
tl_at "2026-11-02 10:00:00"
ol_new_case "$(tl_complaint p "piet@example.net" "Re: Stoep kapot")"
REF=$OL_REF
NOT2=$(ol_find notify "$OL_ANNA" "$REF")
tl_at "2026-11-20 10:00:00"
anna "$NOT2" "#sluit gegrond
De stoep is hersteld." confirm
ol_body "$(ol_find outcome piet@example.net "$REF")" > "$FX_DIR/outcome2.txt"
kl_contains "in time: the name" "$FX_DIR/outcome2.txt" "^Geachte Klager p,$"
kl_contains "in time: the subject, cleaned" "$FX_DIR/outcome2.txt" '^"Stoep kapot"\.$'
kl_absent "in time: no lateness block" "$FX_DIR/outcome2.txt" "te laat"
kl_contains "in time: apology" "$FX_DIR/outcome2.txt" "onze excuses"
kl_absent "in time: gegrond is not explained as partly" "$FX_DIR/outcome2.txt" "voor een deel"
kl_contains "no assignee: the desk as contact" "$FX_DIR/outcome2.txt" "contact op met het klachtenbureau\.$"
kl_contains "no assignee: the desk's phone" "$FX_DIR/outcome2.txt" "^Het telefoonnummer is 14 020\.$"
kl_absent "no assignee: no officer named" "$FX_DIR/outcome2.txt" "Anna de Vries"

echo "PASS: letters greet, name a contact with phone, cut the officer's greeting and signature, and are honest about dates"
