#!/bin/sh
# Issue 18 F14: letters to the complainant thread only under the
# complainant's own messages, and repeat only References that are ours or
# the complainant's own on the case -- never a stranger's Message-ID or
# the ids a stranger (or anyone) put in their References; and a long
# References is cut.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")
ack=$(ol_header "$(ol_find ack "$OL_JAN" "$ref")" Message-ID)

junk() { # N DOMAIN: N made-up ids
	i=0
	while [ $i -lt "$1" ]; do i=$((i + 1)); printf ' <junk%d@%s>' $i "$2"; done
}

# A stranger writes into the thread: In-Reply-To our acknowledgement,
# with References full of their own ids.
cat > "$FX_DIR/stranger.eml" <<MAIL
From: Mallory <mallory@evil.example>
To: klachten@testdorp.example
Subject: Re: Ontvangstbevestiging [$ref]
Message-ID: <stranger.$$@evil.example>
In-Reply-To: $ack
References: $ack$(junk 40 evil.example)
Date: Tue, 17 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Ik hoor ook bij deze klacht.
MAIL
ol_deliver "$FX_DIR/stranger.eml"
kl_eq "the stranger's mail is on the case" "$(kl_sql "select count(*) from messages m join cases c on c.id = m.case_id where c.ref = '$ref' and m.message_id = 'stranger.$$@evil.example'")" 1

reply() { # TEXT: anna answers the complainant
	ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" \
	    "BODY=#antwoord $1"
	ol_deliver "$OL_REPLY"
	L=$(ol_find update "$OL_JAN" "$ref")
	IRT=$(ol_header "$L" In-Reply-To)
	REFS=$(ol_header "$L" References)
}

reply "Wij pakken het op."
kl_eq "1: under the complaint, not the stranger's mail" "$IRT" "<sample-01-afval@example.net>"
case $REFS in *evil*) fx_fail "1: a stranger's id in References: $REFS" ;; esac
kl_eq "1: References" "$REFS" "<sample-01-afval@example.net>"

# The complainant answers, with a long References of which only our ack
# and his own complaint are the case's.
cat > "$FX_DIR/jan2.eml" <<MAIL
From: Jan de Boer <$OL_JAN>
To: klachten@testdorp.example
Subject: Re: Ontvangstbevestiging [$ref]
Message-ID: <jan-2.$$@example.net>
In-Reply-To: $ack
References: <sample-01-afval@example.net>$(junk 30 example.net) $ack$(junk 30 other.example)
Date: Wed, 18 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Dank u.
MAIL
ol_deliver "$FX_DIR/jan2.eml"
reply "Nog een vraag."
kl_eq "2: under the complainant's latest" "$IRT" "<jan-2.$$@example.net>"
kl_eq "2: only the case's own ids repeated" "$REFS" "<sample-01-afval@example.net> $ack <jan-2.$$@example.net>"
exit 0
