#!/bin/sh
# A From header proves nothing.  Each attack below is a mail that would
# change the case if it were believed; each must leave the case as it
# was, keep the mail's text on the case, record why in an event and the
# log, and send the complainant nothing.  The same commands, sent the
# right way, do run -- so every refusal below is the authentication at
# work, not a broken command.  (auth.require = "token", the default.)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref1=$OL_REF
ol_new_case "$KL_DATA/samples/03-parkeren.eml"
ref2=$OL_REF
anna1=$(ol_find notify "$OL_ANNA" "$ref1")
anna2=$(ol_find notify "$OL_ANNA" "$ref2")
bob1=$(ol_find notify "$OL_BOB" "$ref1")
token1=$(ol_header "$anna1" Reply-To)
lc1=$(echo "$ref1" | tr A-Z a-z)
case $token1 in
klachten+"$lc1".anna.????????????????????@testdorp.example) ;;
*) fx_fail "anna's reply address for $ref1 looks wrong: $token1" ;;
esac
kl_contains "bob's token is his own" "$bob1" "^Reply-To: klachten\+$lc1\.bob\."
kl_eq "the key file is private" "$(stat -c %a "$KL_STATE/auth.key")" 600
kl_absent "the key is never logged" "$FX_DIR/klachtd.log" "$(cut -c1-16 "$KL_STATE/auth.key")"

printf '#close gegrond\nDe klacht is gegrond.\n#assign bob\n' > "$FX_DIR/attack.txt"

# refused CASE WHAT REASON [OFFICER_EVENTS]: the last officer mail on
# CASE was refused with REASON (a regex); nothing changed (the case has
# still OFFICER_EVENTS events by officers, default 0); its text is stored
# on CASE.
refused() {
	kl_eq "$2: status unchanged" "$(ol_case "$1" status)" acknowledged
	kl_eq "$2: no assignee" "$(ol_case "$1" assignee)" ""
	kl_eq "$2: no judgement" "$(ol_case "$1" judgement)" ""
	kl_eq "$2: no command events" \
	    "$(ol_events "$1" | grep -vc '^system|')" "${4:-0}"
	ol_events "$1" commands-refused | tail -1 > "$FX_DIR/why"
	kl_contains "$2: refusal recorded" "$FX_DIR/why" "^system\|commands-refused\|commands refused: $3"
	kl_contains "$2: refusal logged" "$FX_DIR/klachtd.log" "case=$1 officer [a-z]+: commands refused: $3"
	kl_eq "$2: text kept on the case" "$(kl_sql "select count(*) from messages m join cases c on c.id = m.case_id where c.ref = '$1' and m.message_id = '$OL_REPLY_ID' and m.body like '%De klacht is gegrond.%'")" 1
	kl_eq "$2: nothing to the complainant" \
	    "$(kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where c.ref = '$1' and o.rcpt = c.complainant_email and o.kind <> 'ack'")" 0
}

# 1. Forged From: anna's address, threaded to her notification, but sent
#    to the plain address -- no token.
ol_reply "$OL_DATA/plain.eml" "$anna1" "$OL_ANNA" "Anna de Vries" \
    "BODY=@file:$FX_DIR/attack.txt" "TO=klachten@testdorp.example"
ol_deliver "$OL_REPLY"
refused "$ref1" "forged From" "no reply token in the recipient address"
notice=$(ol_find refused "$OL_ANNA" "$ref1")
ol_body "$notice" > "$FX_DIR/notice.txt"
kl_contains "the officer is told why" "$FX_DIR/notice.txt" "Reden: no reply token"
kl_absent "the notice leaks no case content" "$FX_DIR/notice.txt" \
    "container|Dorpsstraat|Jan de Boer|jan\.deboer|gegrond"
kl_absent "the notice carries no reply token" "$notice" "^Reply-To:"

# 2. A valid token of anna, used by bob (e.g. a forwarded notification).
ol_reply "$OL_DATA/plain.eml" "$anna1" "$OL_BOB" "Bob Jansen" \
    "BODY=@file:$FX_DIR/attack.txt"
ol_deliver "$OL_REPLY"
refused "$ref1" "anna's token, bob's mail" \
    "the reply token belongs to officer anna, the mail is from officer bob"
kl_eq "bob is told, at his own address" "$(ol_count refused "$OL_BOB")" 1

# 3. anna's token for case 1, in a reply threaded to case 2.
ol_reply "$OL_DATA/plain.eml" "$anna2" "$OL_ANNA" "Anna de Vries" \
    "BODY=@file:$FX_DIR/attack.txt" "TO=$token1"
ol_deliver "$OL_REPLY"
refused "$ref2" "case 1 token on case 2" \
    "the reply token is for case $ref1, the mail is about $ref2"

# 4. A tampered token: one hex digit of the MAC changed.
last=$(echo "$token1" | sed 's/@.*//; s/.*\(.\)$/\1/')
case $last in 0) new=1 ;; *) new=0 ;; esac
tampered=$(echo "$token1" | sed "s/$last@/$new@/")
[ "$tampered" != "$token1" ] || fx_fail "token not tampered"
ol_reply "$OL_DATA/plain.eml" "$anna1" "$OL_ANNA" "Anna de Vries" \
    "BODY=@file:$FX_DIR/attack.txt" "TO=$tampered"
ol_deliver "$OL_REPLY"
refused "$ref1" "tampered token" "the reply token is not genuine"

# 5. The complainant writes #close (even to an officer's token address):
#    an ordinary reply on their own case.
ack1=$(ol_find ack "$OL_JAN" "$ref1")
cat > "$FX_DIR/jan.eml" <<EOF
From: Jan de Boer <jan.deboer@example.net>
To: $token1
Subject: Re: Ontvangstbevestiging van uw klacht [$ref1]
Message-ID: <jan-close@example.net>
In-Reply-To: $(ol_header "$ack1" Message-ID)
Date: Wed, 11 Mar 2026 08:00:00 +0100
Content-Type: text/plain; charset=utf-8

#close gegrond
#assign bob
Ik vind het zelf wel genoeg zo.
EOF
ol_deliver "$FX_DIR/jan.eml"
kl_eq "complainant: still acknowledged" "$(ol_case "$ref1" status)" acknowledged
kl_eq "complainant: no assignee" "$(ol_case "$ref1" assignee)" ""
kl_eq "complainant: filed as a reply" "$(kl_sql "select kind from messages where message_id = 'jan-close@example.net'")" reply
kl_eq "complainant: no confirmation or error" \
    "$(kl_sql "select count(*) from outbox where kind in ('confirm', 'cmd-error', 'refused') and rcpt = '$OL_JAN'")" 0
ol_find notify-reply "$OL_ANNA" "$ref1" > /dev/null

# 6. Commands only inside the quote: anna's genuine reply with nothing
#    typed above it.
ol_reply "$OL_DATA/plain.eml" "$anna1" "$OL_ANNA" "Anna de Vries" "BODY="
ol_deliver "$OL_REPLY"
conf=$(ol_find confirm "$OL_ANNA" "$ref1")
kl_eq "quote only: confirmation answers it" "$(ol_header "$conf" In-Reply-To)" "<$OL_REPLY_ID>"
ol_body "$conf" > "$FX_DIR/conf.txt"
kl_contains "quote only: nothing changed" "$FX_DIR/conf.txt" "geen commando's en geen tekst"
kl_eq "quote only: still acknowledged" "$(ol_case "$ref1" status)" acknowledged

# 7. Confidential: once anna files case 2 under "gedrag", bob (afval
#    only) may not act on it even with his own valid token, and carla
#    (gedrag) may.
printf '#categorie gedrag\n' > "$FX_DIR/cat.txt"
ol_reply "$OL_DATA/plain.eml" "$anna2" "$OL_ANNA" "Anna de Vries" "BODY=@file:$FX_DIR/cat.txt"
ol_deliver "$OL_REPLY"
kl_eq "confidential: category" "$(ol_case "$ref2" category)" gedrag
kl_eq "confidential: flag" "$(ol_case "$ref2" confidential)" 1
bob2=$(ol_find notify "$OL_BOB" "$ref2")
ol_reply "$OL_DATA/plain.eml" "$bob2" "$OL_BOB" "Bob Jansen" "BODY=@file:$FX_DIR/attack.txt"
ol_deliver "$OL_REPLY"
refused "$ref2" "confidential, bob" \
    "the case is confidential \(category gedrag\) and officer bob is not named for it" 1
printf '#assign bob\n' > "$FX_DIR/assign.txt"
ol_reply "$OL_DATA/plain.eml" "$anna2" "$OL_ANNA" "Anna de Vries" "BODY=@file:$FX_DIR/assign.txt"
ol_deliver "$OL_REPLY"
err=$(ol_find cmd-error "$OL_ANNA" "$ref2")
ol_body "$err" > "$FX_DIR/err.txt"
kl_contains "confidential: not assignable to bob" "$FX_DIR/err.txt" \
    "regel 1: #toewijzen: de klacht is vertrouwelijk \(categorie gedrag\) en bob is daarvoor niet aangewezen"
carla2=$(ol_find notify "$OL_CARLA" "$ref2")
printf '#assign carla\n' > "$FX_DIR/carla.txt"
ol_reply "$OL_DATA/plain.eml" "$carla2" "$OL_CARLA" "Carla Smit" "BODY=@file:$FX_DIR/carla.txt"
ol_deliver "$OL_REPLY"
kl_eq "confidential: carla may" "$(ol_case "$ref2" assignee)" carla
kl_eq "confidential: carla got no 'assigned' mail (she did it)" "$(ol_count assigned "$OL_CARLA")" 0

# 8. The same attack text, sent the right way, does run: the refusals
#    above were the authentication.
printf '#note via the token alone\n' > "$FX_DIR/ok.txt"
cat > "$FX_DIR/direct.eml" <<EOF
From: Anna de Vries <anna@gemeente.example>
To: $token1
Subject: losse notitie
Message-ID: <anna-direct@gemeente.example>
Date: Wed, 11 Mar 2026 09:00:00 +0100
Content-Type: text/plain; charset=utf-8

#close gegrond
De klacht is gegrond.
EOF
ol_deliver "$FX_DIR/direct.eml"
kl_eq "token alone names the case" "$(kl_sql "select c.ref from messages m join cases c on c.id = m.case_id where m.message_id = 'anna-direct@gemeente.example'")" "$ref1"
kl_eq "genuine: closed" "$(ol_case "$ref1" status)" closed
kl_eq "genuine: outcome letter" "$(ol_count outcome "$OL_JAN")" 1
echo "PASS: forged, borrowed, misplaced and tampered tokens refused; complainant and quoted commands ignored"
