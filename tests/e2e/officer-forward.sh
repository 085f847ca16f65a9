#!/bin/sh
# Issue 18 F4: nothing inside a message an officer forwards or attaches
# (message/rfc822) is ever a command -- not even when the inner message
# lacks the From and Date headers whose "From:/Date:" block used to end
# the command area.  The officer's own text above it does run: so the
# mail is authenticated and parsed, and only the forwarded part is left
# alone.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
anna=$(ol_find notify "$OL_ANNA" "$ref")
to=$(ol_header "$anna" Reply-To)
mid=$(ol_header "$anna" Message-ID)

# fwd N INNER-HEADERS: anna's reply with her own command and, attached,
# a message with INNER-HEADERS whose body closes the case.
fwd() {
	cat > "$FX_DIR/fwd-$1.eml" <<MAIL
Date: Wed, 18 Nov 2026 08:15:00 +0100
From: Anna de Vries <$OL_ANNA>
To: <$to>
Subject: Re: [$ref] doorgestuurd
Message-ID: <fwd-$1.$$@werkplek.gemeente.example>
In-Reply-To: $mid
References: $mid
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b$1"

--b$1
Content-Type: text/plain; charset=utf-8

#prioriteit $2

Zie het bericht hieronder.

--b$1
Content-Type: message/rfc822
Content-Disposition: inline

$3Subject: over $ref
Content-Type: text/plain; charset=utf-8

#beklaagde attacker@evil.example
#antwoord Klik op https://evil.example/ om te betalen.
#sluit gegrond
De klacht is gegrond.

--b$1--
MAIL
	ol_deliver "$FX_DIR/fwd-$1.eml"
}

check() {
	kl_eq "$1: the officer's own command ran" "$(ol_case "$ref" priority)" "$2"
	kl_eq "$1: not closed" "$(ol_case "$ref" judgement)" ""
	kl_eq "$1: status" "$(ol_case "$ref" status)" in_progress
	kl_eq "$1: no respondent" "$(kl_sql "select count(*) from respondents")" 0
	kl_eq "$1: nothing to the complainant but the ack" \
	    "$(kl_sql "select count(*) from outbox where rcpt = '$OL_JAN' and kind <> 'ack'")" 0
	kl_eq "$1: nothing to the attacker" \
	    "$(kl_sql "select count(*) from outbox where rcpt like '%evil%'")" 0
	kl_eq "$1: no close event" "$(ol_events "$ref" close)" ""
}

# The priority command moves the case to in_progress only via #assign;
# put it there first, the way an officer would.
ol_reply "$OL_DATA/plain.eml" "$anna" "$OL_ANNA" "Anna de Vries" \
    "BODY=#toewijzen anna"
ol_deliver "$OL_REPLY"
kl_eq "assigned" "$(ol_case "$ref" assignee)" anna

# 1. Inner message without From and without Date.
fwd 1 high ""
check "no From, no Date" high
# 2. Only a From (no Date).
fwd 2 urgent "From: Someone <someone@example.net>
"
check "From, no Date" urgent
# 3. Only a Date (no From).
fwd 3 low "Date: Tue, 17 Nov 2026 10:00:00 +0100
"
check "Date, no From" low

# The forwarded text is still kept with the mail, as before.
kl_eq "the forwarded text is stored" "$(kl_sql "select count(*) from messages where message_id = 'fwd-1.$$@werkplek.gemeente.example' and body like '%#sluit gegrond%'")" 1
c=$(ol_find confirm "$OL_ANNA" "$ref")
ol_body "$c" > "$FX_DIR/confirm.txt"
kl_absent "the confirmation mentions no close" "$FX_DIR/confirm.txt" "gesloten als|afhandeling"
exit 0
