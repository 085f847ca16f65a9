#!/bin/sh
# Issue 18, F7: `klachtctl export --email` is about one person, matched
# exactly.  anna@example.org's export holds neither johanna@example.org's
# quarantined mail (the old substring match on raw bytes) nor mail that
# names her only in a display name or in the text; her own quarantined
# mail is in it.  "@example.org" (a whole domain) and other values that
# are not one full address are refused, and nothing is written.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
kl_setup

complaint() {	# FROM MSGID WORD
	printf 'From: %s\r\nTo: klachten@testdorp.example\r\nSubject: Klacht %s\r\nDate: Mon, 16 Nov 2026 09:12:00 +0100\r\nMessage-ID: <%s>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIk klaag: %s.\r\n' \
	    "$1" "$3" "$2" "$3" > "$FX_DIR/$2.eml"
	kl_deliver "$FX_DIR/$2.eml"
	kl_eq "deliver $2" "$KL_RC" 0
}
complaint "Anna Bakker <anna@example.org>" anna-1@example.org ANNA-CASE
complaint "Johanna Smit <johanna@example.org>" johanna-1@example.org JOHANNA-CASE

/usr/bin/python3 - "$KL_STATE/klachtd.db" <<'PY' || fx_fail "could not add quarantined mail"
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
mails = [
    # johanna's: "anna@example.org" is a substring of her address
    b"From: Johanna <johanna@example.org>\r\nSubject: Q-JOHANNA\r\n\r\n\x00 binary",
    # a display name is no address
    b"From: \"anna@example.org\" <mallory@evil.example>\r\nSubject: Q-DISPLAY\r\n\r\n\x00",
    # a comment neither
    b"From: mallory@evil.example (anna@example.org)\r\nSubject: Q-COMMENT\r\n\r\n\x00",
    # named in the text only
    b"From: <someone@example.net>\r\nSubject: Q-TEXT\r\n\r\nwrite to anna@example.org\x00",
    # a header line after the body is no header
    b"From: <x@example.net>\r\n\r\nFrom: anna@example.org\r\nQ-BODY\x00",
    # hers, in another letter case, in a folded From
    b"Subject: Q-ANNA\r\nFrom: Anna\r\n <ANNA@Example.ORG>\r\n\r\n\x00\x01 binary",
    # hers, as Sender
    b"From: <list@example.net>\r\nSender: anna@example.org\r\nSubject: Q-SENDER\r\n\r\n\x00",
]
for i, raw in enumerate(mails):
    db.execute("INSERT INTO quarantine (source, sha256, reason, raw, size,"
               " received_at) VALUES ('pipe', ?, 'unparsable', ?, ?, ?)",
               (hashlib.sha256(raw).hexdigest(), raw, len(raw), 1700000000 + i))
db.commit()
PY

kl_ctl export --email anna@example.org --dir "$FX_DIR/anna" > "$FX_DIR/anna.txt" ||
	fx_fail "export failed"
cat "$FX_DIR"/anna/quarantine/* > "$FX_DIR/q.all"
kl_eq "quarantined: her two" "$(kl_json 'len(j["quarantine"])' < "$FX_DIR/anna/export.json")" 2
kl_contains "her own" "$FX_DIR/q.all" "Q-ANNA"
kl_contains "her own, as Sender" "$FX_DIR/q.all" "Q-SENDER"
for w in Q-JOHANNA Q-DISPLAY Q-COMMENT Q-TEXT Q-BODY; do
	kl_absent "not hers: $w" "$FX_DIR/q.all" "$w"
done
if grep -rqi "johanna" "$FX_DIR/anna"; then
	fx_fail "johanna's data in anna's export"
fi
kl_eq "her case only" "$(kl_json 'len(j["cases"])' < "$FX_DIR/anna/export.json")" 1

# Not one full address: refused before anything is written.
for bad in "@example.org" "example.org" "anna@" "anna" "anna@example" \
    "anna@example.org,johanna@example.org" "<anna@example.org>" \
    "anna@@example.org" "anna@.example.org" "%anna@example.org%" \
    "anna@exa mple.org" ".anna@example.org"; do
	rc=0
	kl_ctl export --email "$bad" --dir "$FX_DIR/bad" > /dev/null 2> "$FX_DIR/err" || rc=$?
	kl_eq "'$bad' refused" "$rc" 73
	kl_contains "'$bad': says why" "$FX_DIR/err" "not one full email address"
	[ ! -e "$FX_DIR/bad" ] || fx_fail "'$bad': $FX_DIR/bad was created"
done
echo "PASS: export matches one address exactly"
