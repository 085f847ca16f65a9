#!/bin/sh
# The outbox copies due mail out of the database before it talks to the
# server (outbox.c), at most 1,000 messages and 4 MiB a pass: a backlog of
# notifications that carry the complaints' files (limits.
# notify_attachments_total, 10 MB each by default) must not be held in
# memory all at once.  Three complaints with a 1.5 MB photo each give
# three notifications of some 2 MB: the first pass stops at its byte
# bound ("more due"), and `--once` goes on until all of it is out, each
# message once, byte for byte.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
KL_NO_HEARING=1
ol_setup
for i in 1 2 3; do
	/usr/bin/python3 - "$FX_DIR/c$i.eml" "$i" <<'PY'
import os, sys
from email.message import EmailMessage
out, i = sys.argv[1], sys.argv[2]
m = EmailMessage()
m["From"] = "Burger %s <burger%s@example.net>" % (i, i)
m["To"] = "klachten@testdorp.example"
m["Subject"] = "Zwerfvuil bij de glasbak %s" % i
m["Date"] = "Wed, 11 Mar 2026 08:15:00 +0100"
m["Message-ID"] = "<ob-%s-%d@example.net>" % (i, os.getpid())
m.set_content("Bij de glasbak ligt al weken zwerfvuil. Zie de foto.\n")
m.add_attachment(b"\x89PNG\r\n\x1a\n" + os.urandom(1500000), maintype="image",
                 subtype="png", filename="glasbak%s.png" % i)
open(out, "wb").write(bytes(m))
PY
	kl_deliver "$FX_DIR/c$i.eml"
	kl_eq "deliver $i" "$KL_RC" 0
done
queued=$(kl_sql "select count(*) from outbox where status = 'queued'")
big=$(kl_sql "select count(*) from outbox where status = 'queued' and length(raw) > 1500000")
[ "$big" -ge 3 ] || fx_fail "expected three large notifications queued, got $big of $queued"
total=$(kl_sql "select sum(length(raw)) from outbox where status = 'queued'")
[ "$total" -gt 4194304 ] || fx_fail "the queue ($total bytes) does not exceed one pass's 4 MiB"

mark=$(wc -l < "$FX_DIR/klachtd.log")
ol_run
kl_eq "nothing left queued after one --once" "$(kl_sql "select count(*) from outbox where status = 'queued'")" 0
kl_eq "all at the sink" "$(fx_smtp_count)" "$queued"
kl_eq "each once" "$(fx_smtp_dupes)" ""
tail -n "+$((mark + 1))" "$FX_DIR/klachtd.log" > "$FX_DIR/once.log"
kl_contains "the first pass stopped at its byte bound" "$FX_DIR/once.log" "outbox: [0-9]+ sent, 0 deferred, 0 failed, more due"
passes=$(grep -c "^klachtd: info: outbox: [0-9]* sent" "$FX_DIR/once.log")
[ "$passes" -ge 2 ] || fx_fail "one pass took all $total bytes ($passes pass)"
first=$(grep -m1 -oE "outbox: [0-9]+ sent" "$FX_DIR/once.log" | grep -oE '[0-9]+')
[ "$first" -lt "$queued" ] || fx_fail "the first pass sent all $queued"
echo PASS
