# Helpers for the term and escalation tests (tests/e2e/terms-*.sh),
# sourced after tests/lib.sh and tests/e2e/officer-lib.sh.  Not a test.
#
# Time is moved with libfaketime: every klachtd run (deliver, --once)
# goes through a wrapper that preloads it with the moment in
# $FX_DIR/now, frozen, so a test says "it is now 7 December 10:00" and
# the deadline scan, the case dates and the mail dates all follow.  The
# monotonic clock is left alone (curl's timeouts keep working); the SMTP
# sink and the Python helpers run in real time.

# Terms tests close cases without a hearing (tests/lib.sh kl_config).
KL_NO_HEARING=1
TL_FAKETIME=
for tl__f in /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 \
    /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1 \
    /usr/local/lib/faketime/libfaketime.so.1; do
	if [ -f "$tl__f" ]; then
		TL_FAKETIME=$tl__f
		break
	fi
done

TL_TINEKE=tineke@gemeente.example	# team lead afval (level 1)
TL_DIRK=dirk@gemeente.example		# director (level 2)
TL_LEA=lea@gemeente.example		# the organisation's ladder
TL_VERA=vera@gemeente.example		# vertrouwenspersoon (gedrag)
TL_UMA=uma@gemeente.example		# unassigned cases

# tl_require: skip (77) without libfaketime.
tl_require() {
	[ -n "$TL_FAKETIME" ] || fx_skip "libfaketime not installed (Debian package faketime)"
}

# tl_config EXTRA: categories with ladders, officers anna (all), bob
# (afval), carla (gedrag), plus EXTRA (escalation = { ... } etc.).
tl_config() {
	kl_config "$(kl_smtp_conf)
categories = (
  { id = \"afval\"; name = \"Afval\";
    escalation = (
      { at = \"-1w\"; to = \"assignee\"; },
      { at = \"0d\"; contacts = ( { name = \"Tineke Teamleider\"; email = \"$TL_TINEKE\"; } ); },
      { at = \"+1w\"; contacts = ( { name = \"Dirk Directeur\"; email = \"$TL_DIRK\"; } ); }
    ); },
  { id = \"parkeren\"; name = \"Parkeren\"; },
  { id = \"gedrag\"; name = \"Grensoverschrijdend gedrag\"; confidential = true;
    escalation = (
      { at = \"-1w\"; to = \"assignee\"; },
      { at = \"0d\"; contacts = ( { name = \"Vera Vertrouwenspersoon\"; email = \"$TL_VERA\"; } ); }
    ); },
  { id = \"zorg\"; name = \"Zorg\"; terms = { profile = \"wkkgz\"; }; },
  { id = \"bezwaar\"; name = \"Bezwaar\"; terms = { committee = true; }; }
);
officers = (
  { id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\"; },
  { id = \"bob\"; name = \"Bob Jansen\"; email = \"$OL_BOB\"; categories = [ \"afval\", \"zorg\" ]; },
  { id = \"carla\"; name = \"Carla Smit\"; email = \"$OL_CARLA\"; categories = [ \"gedrag\" ]; }
);
organisation = { name = \"Gemeente Testdorp\"; address = \"klachten@testdorp.example\";
  disputes_body = \"De Geschillencommissie Zorg (www.degeschillencommissiezorg.nl)\"; };
$1"
	# kl_config writes organisation = { ... } first; ours comes later
	# in the file and libconfig refuses a duplicate: drop the base one.
	sed -i '1{/^organisation = /d}' "$KL_CONF"
}

# tl_setup EXTRA: state dir, SMTP sink, the config, the faketime wrapper.
tl_setup() {
	tl_require
	kl_setup
	fx_smtp_start
	TL_EXTRA=${1:-}
	tl_config "$TL_EXTRA"
	TL_REAL_KLACHTD=$KLACHTD
	KLACHTD="$FX_DIR/klachtd-fake"
	cat > "$KLACHTD" <<EOF
#!/bin/sh
FAKETIME="\$(cat "$FX_DIR/now")" LD_PRELOAD="$TL_FAKETIME\${LD_PRELOAD:+:\$LD_PRELOAD}" \\
FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_NO_CACHE=1 \\
ASAN_OPTIONS="\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}verify_asan_link_order=0" \\
exec "$TL_REAL_KLACHTD" "\$@"
EOF
	chmod +x "$KLACHTD"
}

# tl_at "YYYY-MM-DD HH:MM:SS": the time every later klachtd run sees.
tl_at() {
	printf '%s\n' "$1" > "$FX_DIR/now"
}

# tl_complaint N FROM SUBJECT [BODY]: a complaint as $FX_DIR/complaint-N.eml.
tl_complaint() {
	cat > "$FX_DIR/complaint-$1.eml" <<EOF
From: Klager $1 <$2>
To: Gemeente Testdorp <klachten@testdorp.example>
Subject: $3
Message-ID: <complaint-$1.$$@example.net>
Date: Mon, 02 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

${4:-Dit is klacht nummer $1.  Er is iets misgegaan.}
EOF
	echo "$FX_DIR/complaint-$1.eml"
}

# tl_sent: how many mails the sink holds.
tl_sent() {
	fx_smtp_count
}

# tl_step WHEN DELTA WHAT: at WHEN, one pass of the daemon; exactly
# DELTA new mails must arrive at the sink.
tl_step() {
	tl__before=$(tl_sent)
	tl_at "$1"
	ol_run
	kl_eq "$3: mails sent at $1" "$(( $(tl_sent) - tl__before ))" "$2"
}

# tl_send NOTIFICATION FROM NAME TEXT: an officer answers a mail of ours
# (its Reply-To carries the officer's token) with TEXT.
tl_send() {
	printf '%s\n' "$4" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$1" "$2" "$3" "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}

# tl_all_text: every mail at the sink, raw and decoded (headers and
# body), into $FX_DIR/all.txt.
tl_all_text() {
	: > "$FX_DIR/all.txt"
	for tl__m in $(fx_smtp_messages); do
		cat "$tl__m" >> "$FX_DIR/all.txt"
		fx_smtp_content "$tl__m" | /usr/bin/python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
for k, v in m.items():
    print("%s: %s" % (k, v))
b = m.get_body(("plain",))
print(b.get_content() if b else "")' >> "$FX_DIR/all.txt"
	done
}
