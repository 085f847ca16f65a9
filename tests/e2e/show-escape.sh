#!/bin/sh
# Issue 18: `klachtctl show` and `list` print what came from mail with
# terminal controls escaped.  A complaint whose body sets the window
# title (OSC "\033]0;pwned\007"), clears the screen ("\033[2J"), carries
# a C1 CSI (U+009B), DEL and a bare CR, and whose subject and display
# name hold escapes too: no raw ESC, BEL, C1, DEL or CR byte reaches
# the output, the escapes are shown as \x1b..., and the body keeps its
# lines.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
kl_setup
/usr/bin/python3 - "$FX_DIR/evil.eml" <<'PY'
import sys
open(sys.argv[1], "wb").write(
    b"From: \"Eve\x1b[2J\" <eve@example.org>\r\n"
    b"To: klachten@testdorp.example\r\n"
    b"Subject: =?utf-8?q?Klacht_=1B]0;pwned=07_titel?=\r\n"
    b"Message-ID: <evil-1@example.org>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Content-Transfer-Encoding: 8bit\r\n\r\n"
    b"Eerste regel \x1b]0;pwned\x07 titel.\r\n"
    b"Tweede regel \x1b[2J leeg scherm.\r\n"
    b"Derde regel \xc2\x9b6n C1 en \x7f DEL en \rCR.\r\n")
PY
kl_deliver "$FX_DIR/evil.eml"
kl_eq "deliver" "$KL_RC" 0
ref=$(kl_sql "select ref from cases limit 1")
kl_eq "the escapes are stored" "$(kl_sql "select instr(body, char(27)) > 0 from messages limit 1")" 1
# The parser cleans subjects and names today; what is stored may still
# hold controls (older versions, other sources): put them there.
/usr/bin/python3 - "$KL_STATE/klachtd.db" <<'PY' || fx_fail "could not set the subject"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
db.execute("UPDATE cases SET subject = 'Klacht \x1b]0;pwned\x07 titel\nNEP-REGEL',"
           " complainant_name = 'Eve\x1b[2J'")
db.execute("UPDATE messages SET subject = 'Klacht \x1b]0;pwned\x07 titel\nNEP-REGEL'")
db.commit()
PY

kl_ctl show "$ref" > "$FX_DIR/show.txt" || fx_fail "show failed"
kl_ctl list > "$FX_DIR/list.txt" || fx_fail "list failed"
for f in show list; do
	/usr/bin/python3 - "$FX_DIR/$f.txt" <<'PY' || fx_fail "raw control bytes in klachtctl $f"
import sys
data = open(sys.argv[1], "rb").read()
bad = [b for b in data if (b < 0x20 and b not in (9, 10)) or b == 0x7f]
assert not bad, "bytes %r" % sorted(set(bad))
assert b"\xc2\x9b" not in data, "C1 CSI"
PY
done
kl_contains "OSC shown escaped" "$FX_DIR/show.txt" 'Eerste regel \\x1b\]0;pwned\\x07 titel\.'
kl_contains "CSI shown escaped" "$FX_DIR/show.txt" 'Tweede regel \\x1b\[2J leeg scherm\.'
kl_contains "C1 and DEL shown escaped" "$FX_DIR/show.txt" 'Derde regel \\u009b6n C1 en \\x7f DEL'
kl_contains "subject escaped" "$FX_DIR/show.txt" 'Subject: +Klacht \\x1b\]0;pwned\\x07 titel\\x0aNEP-REGEL'
kl_absent "no line from a subject" "$FX_DIR/show.txt" '^NEP-REGEL'
kl_contains "name escaped" "$FX_DIR/show.txt" 'Complainant: Eve\\x1b\[2J <eve@example.org>'
kl_contains "list: subject escaped" "$FX_DIR/list.txt" 'Klacht \\x1b\]0;pwned'
# The body keeps its lines, indented as before.
kl_contains "lines kept" "$FX_DIR/show.txt" '^    Tweede regel'
echo "PASS: show and list escape terminal controls"
