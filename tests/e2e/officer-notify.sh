#!/bin/sh
# Notifications: a new case goes to the officers of its category (all of
# them while it has none) with the complaint's text, its attachments
# listed, reference, due date, the "reply above this line" marker and a
# personal Reply-To with a reply token.  A complainant's reply goes to
# the category's officers, or only to the assignee once there is one;
# for a confidential category only its own officers get it.  The token
# key is created at start-up, mode 0600, and checked by `klachtd -n`.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

# The key: -n accepts a missing one, the daemon makes it at start-up.
"$KLACHTD" -c "$KL_CONF" -n > /dev/null 2>&1 || fx_fail "klachtd -n without a key file"
[ ! -e "$KL_STATE/auth.key" ] || fx_fail "-n created the key"
ol_run
kl_eq "key made at start-up, private" "$(stat -c %a "$KL_STATE/auth.key")" 600
grep -Eqx '[0-9a-f]{64}' "$KL_STATE/auth.key" || fx_fail "key is not 32 bytes of hex"
cp "$KL_STATE/auth.key" "$FX_DIR/key.good"
echo "short" > "$KL_STATE/auth.key"
rc=0
"$KLACHTD" -c "$KL_CONF" -n > "$FX_DIR/n.out" 2>&1 || rc=$?
kl_eq "-n on a short key" "$rc" 78
kl_contains "-n says why" "$FX_DIR/n.out" "auth.secret_file .*too short"
kl_absent "-n does not print the key" "$FX_DIR/n.out" "short$"
cp "$FX_DIR/key.good" "$KL_STATE/auth.key"

# A complaint with two attachments, written as a mail client does.
cat > "$FX_DIR/complaint.eml" <<'EOF'
From: Jan de Boer <jan.deboer@example.net>
To: klachten@testdorp.example
Subject: Container niet geleegd
Message-ID: <att-complaint@example.net>
Date: Mon, 09 Mar 2026 20:15:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Geachte heer, mevrouw,

De container is al drie weken niet geleegd. Zie de foto en de brief.
#close gegrond

Jan de Boer
--b1
Content-Type: image/jpeg; name="container.jpg"
Content-Disposition: attachment; filename="container.jpg"
Content-Transfer-Encoding: base64

/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////
--b1
Content-Type: application/pdf; name="brief gemeente.pdf"
Content-Disposition: attachment; filename="brief gemeente.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURl
--b1--
EOF
ol_new_case "$FX_DIR/complaint.eml"
ref=$OL_REF
lc=$(echo "$ref" | tr A-Z a-z)
for who in "$OL_ANNA" "$OL_BOB" "$OL_CARLA"; do
	ol_find notify "$who" "$ref" > /dev/null
done
kl_eq "one notification each" "$(kl_sql "select count(*) from outbox where kind = 'notify'")" 3
kl_eq "notified event" "$(ol_events "$ref" notified)" "system|notified|notify sent to anna, bob, carla"
n=$(ol_find notify "$OL_ANNA" "$ref")
kl_contains "subject: reference and subject" "$n" "^Subject: Nieuwe klacht \[$ref\]: Container niet geleegd"
kl_contains "Reply-To: anna's token" "$n" "^Reply-To: klachten\+$lc\.anna\.[0-9a-f]{20}@testdorp\.example"
kl_contains "Auto-Submitted: a notification is no reply (RFC 3834)" "$n" "^Auto-Submitted: auto-generated"
[ "$(ol_header "$n" Reply-To)" != "$(ol_header "$(ol_find notify "$OL_BOB" "$ref")" Reply-To)" ] ||
	fx_fail "anna and bob got the same reply address"
ol_body "$n" > "$FX_DIR/n.txt"
kl_eq "marker is the first line" "$(head -1 "$FX_DIR/n.txt")" \
    "-- Antwoord boven deze regel / Reply above this line --"
kl_contains "complaint text" "$FX_DIR/n.txt" "^De container is al drie weken niet geleegd\. Zie de foto en de brief\.$"
kl_contains "attachment 1" "$FX_DIR/n.txt" "^- container\.jpg \(image/jpeg, 57 bytes\) -- bijgevoegd$"
kl_contains "attachment 2" "$FX_DIR/n.txt" "^- brief gemeente\.pdf \(application/pdf, 57 bytes\) -- bijgevoegd$"
due=$(/usr/bin/python3 -c '
import time, sys
m = ["januari","februari","maart","april","mei","juni","juli","augustus","september","oktober","november","december"]
t = time.localtime(int(sys.argv[1])); print("%d %s %d" % (t.tm_mday, m[t.tm_mon-1], t.tm_year))' "$(ol_case "$ref" due_at)")
kl_contains "due date" "$FX_DIR/n.txt" "^Uiterlijk klaar: +$due$"
kl_contains "reference" "$FX_DIR/n.txt" "^Referentie: +$ref$"
kl_contains "no category yet" "$FX_DIR/n.txt" "^Categorie: +nog geen$"
kl_contains "complainant" "$FX_DIR/n.txt" "^Van: +Jan de Boer <jan\.deboer@example\.net>$"
kl_eq "the complaint's #close ran nothing" "$(ol_case "$ref" status)" acknowledged

# A reply by the complainant: with category afval and no assignee it goes
# to anna (all categories) and bob (afval), not carla (gedrag).
printf '#categorie afval\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$n" "$OL_ANNA" "Anna de Vries" "BODY=@file:$FX_DIR/body.txt"
ol_deliver "$OL_REPLY"
ack=$(ol_find ack "$OL_JAN" "$ref")
jan_reply() { # N TEXT
	cat > "$FX_DIR/jan$1.eml" <<EOF
From: Jan de Boer <jan.deboer@example.net>
To: klachten@testdorp.example
Subject: Re: Ontvangstbevestiging van uw klacht [$ref]
Message-ID: <jan-$1@example.net>
In-Reply-To: $(ol_header "$ack" Message-ID)
Date: Tue, 10 Mar 2026 12:0$1:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b2"

--b2
Content-Type: text/plain; charset=utf-8

$2
--b2
Content-Type: image/png; name="nog-een-foto.png"
Content-Disposition: attachment; filename="nog-een-foto.png"
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--b2--
EOF
	ol_deliver "$FX_DIR/jan$1.eml"
}
jan_reply 1 "Hij staat er nog steeds, vol."
kl_eq "reply: anna told" "$(ol_count notify-reply "$OL_ANNA")" 1
kl_eq "reply: bob told" "$(ol_count notify-reply "$OL_BOB")" 1
kl_eq "reply: carla not" "$(ol_count notify-reply "$OL_CARLA")" 0
r=$(ol_find notify-reply "$OL_BOB" "$ref")
kl_contains "reply: bob's token" "$r" "^Reply-To: klachten\+$lc\.bob\.[0-9a-f]{20}@"
ol_body "$r" > "$FX_DIR/r.txt"
kl_contains "reply: its text" "$FX_DIR/r.txt" "^Hij staat er nog steeds, vol\.$"
kl_contains "reply: its attachment" "$FX_DIR/r.txt" "^- nog-een-foto\.png \(image/png, 8 bytes\) -- bijgevoegd$"
kl_contains "reply: nobody assigned" "$FX_DIR/r.txt" "^Behandelaar: +nog niemand$"

# Once bob is assigned, only he hears of replies.
printf '#toewijzen bob\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$n" "$OL_ANNA" "Anna de Vries" "BODY=@file:$FX_DIR/body.txt"
ol_deliver "$OL_REPLY"
jan_reply 2 "Nog altijd niet geleegd."
kl_eq "assigned: bob told" "$(ol_count notify-reply "$OL_BOB")" 2
kl_eq "assigned: anna not" "$(ol_count notify-reply "$OL_ANNA")" 1
ol_body "$(ol_find notify-reply "$OL_BOB" "$ref")" > "$FX_DIR/r2.txt"
kl_contains "assigned: shown" "$FX_DIR/r2.txt" "^Behandelaar: +Bob Jansen \(bob\)$"

# A reply that ends in a quote of our own mail about the case shows
# without it (one line says so); answers written into a quote stay whole.
jan_reply 3 "De container staat er nog.

Op 10 maart 2026 om 10:00 schreef Gemeente Testdorp <klachten@testdorp.example>:
> Geachte heer De Boer,
> Wij hebben uw klacht $ref ontvangen.
> Met vriendelijke groet"
ol_body "$(ol_find notify-reply "$OL_BOB" "$ref")" > "$FX_DIR/r3.txt"
kl_contains "own quote: the reply's text" "$FX_DIR/r3.txt" "^De container staat er nog\.$"
kl_contains "own quote: left out, said so" "$FX_DIR/r3.txt" "^\[Hieronder stond onze eerdere mail over deze klacht, geciteerd$"
kl_contains "own quote: how much" "$FX_DIR/r3.txt" "^\(4 regels\): hier weggelaten\.\]$"
kl_absent "own quote: not shown" "$FX_DIR/r3.txt" "Geachte heer De Boer|schreef Gemeente"
kl_eq "own quote: the case keeps it all" "$(kl_sql "select count(*) from messages where message_id = 'jan-3@example.net' and body like '%Geachte heer De Boer%'")" 1
jan_reply 4 "Zie mijn antwoorden.
> Heeft u een foto? ($ref)
Ja, bijgevoegd.
> Sinds wanneer?
Sinds maart."
ol_body "$(ol_find notify-reply "$OL_BOB" "$ref")" > "$FX_DIR/r4.txt"
kl_contains "answers in the quote: shown whole" "$FX_DIR/r4.txt" "^Ja, bijgevoegd\.$"
kl_contains "answers in the quote: the question too" "$FX_DIR/r4.txt" "^> Sinds wanneer\?$"
kl_absent "answers in the quote: nothing left out" "$FX_DIR/r4.txt" "Hieronder stond"

# Confidential: unassigned, category gedrag -> carla (and anna, who is
# named for every category), never bob; the mail says so.
ol_new_case "$KL_DATA/samples/02-balie.eml"
ref2=$OL_REF
n2=$(ol_find notify "$OL_ANNA" "$ref2")
printf '#categorie gedrag\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$n2" "$OL_ANNA" "Anna de Vries" "BODY=@file:$FX_DIR/body.txt"
ol_deliver "$OL_REPLY"
ack2=$(ol_find ack f.elamrani@example.com "$ref2")
cat > "$FX_DIR/fatima.eml" <<EOF
From: Fatima El Amrani <f.elamrani@example.com>
To: klachten@testdorp.example
Subject: Re: Ontvangstbevestiging [$ref2]
Message-ID: <fatima-1@example.com>
In-Reply-To: $(ol_header "$ack2" Message-ID)
Content-Type: text/plain; charset=utf-8

Ik wil hier graag nog iets aan toevoegen.
EOF
ol_deliver "$FX_DIR/fatima.eml"
kl_eq "confidential: events" "$(ol_events "$ref2" notified | tail -1)" "system|notified|notify-reply sent to anna, carla"
kl_eq "confidential: bob never" "$(kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where c.ref = '$ref2' and o.rcpt = '$OL_BOB' and o.kind = 'notify-reply'")" 0
ol_body "$(ol_find notify-reply "$OL_CARLA" "$ref2")" > "$FX_DIR/c.txt"
kl_contains "confidential: marked" "$FX_DIR/c.txt" "^VERTROUWELIJK: stuur deze mail niet door"
# Moved to another category while nobody has it: the new category's
# officers who were not of the old one have never seen it and get it now
# (carla); anna (every category) and bob, who moves it, do not.  Moving
# it from "no category" sends nothing: everyone had the first notice.
ol_new_case "$KL_DATA/samples/03-parkeren.eml"
ref3=$OL_REF
n3=$(ol_find notify "$OL_BOB" "$ref3")
printf '#categorie afval\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$n3" "$OL_BOB" "Bob Jansen" "BODY=@file:$FX_DIR/body.txt"
ol_deliver "$OL_REPLY"
kl_eq "from no category: nobody sent it again" "$(kl_sql "select count(*) from outbox where kind = 'category-moved'")" 0
printf '#categorie gedrag\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$n3" "$OL_BOB" "Bob Jansen" "BODY=@file:$FX_DIR/body.txt"
ol_deliver "$OL_REPLY"
kl_eq "moved: carla is sent it" "$(ol_count category-moved "$OL_CARLA")" 1
kl_eq "moved: anna and bob are not" "$(ol_count category-moved "$OL_ANNA")|$(ol_count category-moved "$OL_BOB")" "0|0"
m=$(ol_find category-moved "$OL_CARLA" "$ref3")
kl_contains "moved: subject" "$m" "^Subject: Naar uw categorie verplaatst: klacht \[$ref3\]"
kl_contains "moved: carla's own token" "$m" "^Reply-To: klachten\+$(echo "$ref3" | tr A-Z a-z)\.carla\.[0-9a-f]{20}@"
ol_body "$m" > "$FX_DIR/m.txt"
kl_contains "moved: by whom, to what" "$FX_DIR/m.txt" "^Bob Jansen \(bob\) heeft klacht $ref3 verplaatst naar de categorie$"
kl_contains "moved: the category" "$FX_DIR/m.txt" "^Grensoverschrijdend gedrag \(gedrag\), die u behandelt\."
kl_contains "moved: confidential" "$FX_DIR/m.txt" "^VERTROUWELIJK: stuur deze mail niet door"
kl_contains "moved: the complaint" "$FX_DIR/m.txt" "parkeer"
ol_body "$(ol_find confirm "$OL_BOB" "$ref3")" > "$FX_DIR/conf3.txt"
kl_contains "moved: bob is told" "$FX_DIR/conf3.txt" "de functionarissen van de categorie hebben de klacht toegestuurd gekregen: carla"
# An assigned case stays with its assignee: a move sends nobody the case.
printf '#toewijzen anna\n#categorie afval\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$(ol_find notify "$OL_ANNA" "$ref3")" "$OL_ANNA" "Anna de Vries" "BODY=@file:$FX_DIR/body.txt"
ol_deliver "$OL_REPLY"
kl_eq "assigned and moved: no one else is sent it" "$(kl_sql "select count(*) from outbox where kind = 'category-moved'")" 1
kl_eq "assigned and moved: the category" "$(ol_case "$ref3" category)" afval
# A photo with a subject and no text: the notification says so.
/usr/bin/python3 - "$FX_DIR/photo.eml" <<'PY' || fx_fail "cannot write photo.eml"
import email.message, sys
m = email.message.EmailMessage()
m["From"] = "Ans Kok <ans.kok@example.nl>"
m["To"] = "klachten@testdorp.example"
m["Subject"] = "Kapotte stoeptegels"
m["Message-ID"] = "<photo-only@example.nl>"
m["Date"] = "Tue, 10 Mar 2026 13:00:00 +0100"
m.set_content("")
m.add_attachment(b"\xff\xd8\xff\xe0" + b"x" * 2000, maintype="image",
                 subtype="jpeg", filename="IMG_2041.jpeg")
open(sys.argv[1], "wb").write(bytes(m))
PY
ol_new_case "$FX_DIR/photo.eml"
ol_body "$(ol_find notify "$OL_ANNA" "$OL_REF")" > "$FX_DIR/photo.txt"
kl_contains "no text: said so" "$FX_DIR/photo.txt" "^\(geen tekst: zie het onderwerp en de bijlagen\)$"
kl_contains "no text: the photo listed" "$FX_DIR/photo.txt" "^- IMG_2041\.jpeg \(image/jpeg"
kl_absent "the key is never logged" "$FX_DIR/klachtd.log" "$(cut -c1-16 "$KL_STATE/auth.key")"
echo "PASS: notifications with text, attachments, due date and personal reply tokens, to the right officers"
