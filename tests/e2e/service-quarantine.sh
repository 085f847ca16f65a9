#!/bin/sh
# klachtctl quarantine: list (table and JSON), show (the raw bytes,
# unchanged), release (handed to intake again: a case when it can now be
# handled, kept when it still cannot, only once without --force), drop
# (only with --force, logged).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
kl_setup
year=$(date +%Y)

printf 'Subject: geen afzender\n\nWie ben ik?\n' > "$FX_DIR/nofrom.eml"
kl_deliver "$FX_DIR/nofrom.eml"; kl_eq "no From: accepted" "$KL_RC" 0
head -c 3000 /dev/urandom > "$FX_DIR/garbage.bin"
kl_deliver "$FX_DIR/garbage.bin"; kl_eq "garbage accepted" "$KL_RC" 0
# A complaint quarantined by an older klachtd (say, a limit since
# raised): its bytes are a good message.
svc_msg 7 > "$FX_DIR/good.eml"
/usr/bin/python3 - "$KL_STATE/klachtd.db" "$FX_DIR/good.eml" <<'PY'
import hashlib, sqlite3, sys
raw = open(sys.argv[2], "rb").read()
c = sqlite3.connect(sys.argv[1], timeout=10)
c.execute("insert into quarantine (source, source_id, sha256, reason, raw, size, received_at) "
          "values ('maildir', 'old.host', ?, 'too many header fields', ?, ?, strftime('%s','now'))",
          (hashlib.sha256(raw).hexdigest(), raw, len(raw)))
c.commit()
PY
kl_eq "three held" "$(kl_sql 'select count(*) from quarantine')" 3

kl_ctl quarantine list > "$FX_DIR/list.txt"
kl_contains "header" "$FX_DIR/list.txt" "^ID +RECEIVED +SOURCE +SIZE +STATUS +REASON"
kl_contains "row 1" "$FX_DIR/list.txt" "^1 .* pipe .* held .*no sender address"
kl_contains "row 2" "$FX_DIR/list.txt" "^2 .* pipe +3000 +held "
kl_ctl quarantine > "$FX_DIR/list2.txt"
cmp -s "$FX_DIR/list.txt" "$FX_DIR/list2.txt" || fx_fail "quarantine without list differs"
kl_eq "--json" "$(kl_ctl --json quarantine list | kl_json '[(q["id"], q["status"], q["size"]) for q in j]')" \
    "[(1, 'held', $(wc -c < "$FX_DIR/nofrom.eml")), (2, 'held', 3000), (3, 'held', $(wc -c < "$FX_DIR/good.eml"))]"

# show: byte for byte.
kl_ctl quarantine show 2 > "$FX_DIR/shown.bin"
cmp "$FX_DIR/shown.bin" "$FX_DIR/garbage.bin" || fx_fail "show changed the bytes"
rc=0; kl_ctl quarantine show 99 > /dev/null 2> "$FX_DIR/err" || rc=$?
kl_eq "show unknown: exit" "$rc" 66
kl_contains "show unknown: why" "$FX_DIR/err" "no quarantined message with id 99"

# release: still no sender -> kept, exit 65.
rc=0; kl_ctl quarantine release 1 > "$FX_DIR/rel1" 2>&1 || rc=$?
kl_eq "release unparseable: exit" "$rc" 65
kl_contains "release unparseable: why" "$FX_DIR/rel1" "still cannot be handled: no sender"
kl_eq "still held" "$(kl_sql 'select released_at is null from quarantine where id = 1')" 1
kl_eq "no case" "$(kl_sql 'select count(*) from cases')" 0

# release: a good message becomes a case with its acknowledgement.
kl_ctl quarantine release 3 > "$FX_DIR/rel3" 2> "$FX_DIR/rel3.err" || fx_fail "release failed: $(cat "$FX_DIR/rel3.err")"
kl_contains "released into a case" "$FX_DIR/rel3" "quarantine id 3 released: new-case KL-$year-00001"
kl_contains "release audited" "$FX_DIR/rel3.err" "admin:.*: quarantine id=3 released: new-case case=KL-$year-00001"
kl_eq "case" "$(kl_sql "select complainant_email from cases")" burger7@example.net
kl_eq "ack queued" "$(kl_sql "select count(*) from outbox where kind = 'ack'")" 1
kl_eq "source recorded" "$(kl_sql "select source || ':' || source_id from messages")" quarantine:3
kl_eq "released" "$(kl_sql 'select released_at is not null from quarantine where id = 3')" 1
kl_ctl quarantine list --status released > "$FX_DIR/rel.txt"
kl_contains "list shows where it went" "$FX_DIR/rel.txt" "^3 .* released -> KL-$year-00001 "
kl_absent "only released" "$FX_DIR/rel.txt" "^1 "
kl_eq "held filter" "$(kl_ctl --json quarantine list --status held | kl_json '[q["id"] for q in j]')" "[1, 2]"
rc=0; kl_ctl quarantine list --status bogus > /dev/null 2> "$FX_DIR/err" || rc=$?
kl_eq "bad status: exit" "$rc" 66

# Released before: only with --force, and then it is a duplicate.
rc=0; kl_ctl quarantine release 3 > /dev/null 2> "$FX_DIR/err" || rc=$?
kl_eq "second release: exit" "$rc" 64
kl_contains "second release: why" "$FX_DIR/err" "released before; use --force"
kl_ctl quarantine release 3 --force > "$FX_DIR/rel3b" 2>/dev/null || fx_fail "forced release failed"
kl_contains "forced: duplicate" "$FX_DIR/rel3b" "released: duplicate KL-$year-00001"
kl_eq "still one case" "$(kl_sql 'select count(*) from cases')" 1

# drop: refused without --force, then deleted and logged.
rc=0; kl_ctl quarantine drop 2 > /dev/null 2> "$FX_DIR/err" || rc=$?
kl_eq "drop without --force: exit" "$rc" 64
kl_contains "drop without --force: why" "$FX_DIR/err" "add --force"
kl_eq "still there" "$(kl_sql 'select count(*) from quarantine where id = 2')" 1
kl_ctl quarantine drop 2 --force > "$FX_DIR/drop" 2> "$FX_DIR/drop.err" || fx_fail "drop failed"
kl_contains "drop says" "$FX_DIR/drop" "quarantine id 2 dropped"
kl_contains "drop audited" "$FX_DIR/drop.err" "admin:.*: quarantine id=2 dropped \(3000 bytes, sha256 $(sha256sum < "$FX_DIR/garbage.bin" | cut -d' ' -f1)"
kl_eq "gone" "$(kl_sql 'select count(*) from quarantine where id = 2')" 0
rc=0; kl_ctl quarantine drop 2 --force > /dev/null 2>&1 || rc=$?
kl_eq "drop again: exit" "$rc" 66
echo PASS
