#!/bin/sh
# AVG art. 15: `klachtctl export --email ADDR --dir DIR` for a person with
# several cases (in the generated year, plus a reply with an attachment, a
# quarantined message and an officer's note and mail about a colleague):
# DIR is created 0700 with 0600 files; export.json has every case with
# its audit trail, every message (raw bytes as .eml, identical to what
# was stored), attachments under safe names with their stored bytes, the
# mail sent to the person and the quarantined message -- and nothing about
# anyone else.  Officers' notes and mail are left out unless
# retention.notes_about_colleagues = "include".  An export never writes
# into a non-empty directory.  The state directory klachtd creates is
# 0700 and its database 0600.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/report-lib.sh"
kl_setup
# A state directory klachtd has to create itself.
KL_STATE="$FX_DIR/var/lib/klachtd"
rp_conf
rp_generate 2025

mode() { stat -c %a "$1"; }
kl_eq "state dir mode" "$(mode "$KL_STATE")" 700
kl_eq "database mode" "$(mode "$KL_STATE/klachtd.db")" 600

email=$(kl_json 'j["person"]["email"]' < "$FX_DIR/people.json")
# More about the person: a reply with an attachment whose name tries to
# leave the directory, a colleague's note, an officer's mail, a
# quarantined message; and another person's mail on her case is not hers.
rp_py "$KL_STATE/klachtd.db" "$email" <<'PY' || fx_fail "could not add the person's extra data"
import hashlib, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30)
email = sys.argv[2]
cid, ref = db.execute("SELECT id, ref FROM cases WHERE complainant_email = ?"
                      " ORDER BY received_at DESC", (email,)).fetchone()
t = int(time.time()) - 86400
raw = ("From: Fatima El Amrani <%s>\r\nSubject: Re: [%s]\r\n\r\n"
       "Hierbij de foto.\r\n" % (email, ref)).encode()
cur = db.execute(
    "INSERT INTO messages (case_id, dedupe_key, kind, source, message_id,"
    " from_addr, from_name, subject, body, raw, size, sha256, received_at)"
    " VALUES (?, 'mid:reply-fatima', 'reply', 'maildir', 'reply-fatima@x',"
    " ?, 'Fatima El Amrani', ?, 'Hierbij de foto.', ?, ?, ?, ?)",
    (cid, email, "Re: [%s]" % ref, raw, len(raw),
     hashlib.sha256(raw).hexdigest(), t))
data = bytes(range(256)) * 4
db.execute("INSERT INTO attachments (message_id, case_id, filename,"
           " content_type, size, sha256, data) VALUES (?,?,?,?,?,?,?)",
           (cur.lastrowid, cid, "../../etc/passwd foto\u00eb.jpg",
            "image/jpeg", len(data), hashlib.sha256(data).hexdigest(), data))
off = ("From: Anna <anna@testdorp.example>\r\nSubject: Re: [%s]\r\n\r\n"
       "#note INTERN-ANNA Bert deed dit verkeerd\r\n" % ref).encode()
db.execute(
    "INSERT INTO messages (case_id, dedupe_key, kind, source, from_addr,"
    " subject, body, raw, size, sha256, received_at) VALUES (?,"
    " 'mid:officer-anna', 'officer', 'maildir', 'anna@testdorp.example',"
    " 'Re', '#note INTERN-ANNA', ?, ?, 'y', ?)", (cid, off, len(off), t + 60))
db.execute("INSERT INTO events (case_id, at, actor, kind, detail) VALUES"
           " (?, ?, 'anna', 'note', 'INTERN-NOTE collega Bert was te laat')",
           (cid, t + 60))
db.execute("INSERT INTO events (case_id, at, actor, kind, detail) VALUES"
           " (?, ?, 'system', 'note', 'attachment over the size limit')",
           (cid, t + 61))
q = ("From: <%s>\r\nSubject: kapot\r\n\r\n\x00\x01 binary" % email.upper()).encode()
db.execute("INSERT INTO quarantine (source, sha256, reason, raw, size,"
           " received_at) VALUES ('maildir', ?, 'unparsable', ?, ?, ?)",
           (hashlib.sha256(q).hexdigest(), q, len(q), t))
q2 = b"From: <someone.else@example.net>\r\n\r\nnot hers"
db.execute("INSERT INTO quarantine (source, sha256, reason, raw, size,"
           " received_at) VALUES ('maildir', ?, 'unparsable', ?, ?, ?)",
           (hashlib.sha256(q2).hexdigest(), q2, len(q2), t))
db.commit()
PY

out="$FX_DIR/export"
upper=$(echo "$email" | tr a-z A-Z)
kl_ctl export --email "$upper" --dir "$out" > "$FX_DIR/export.txt" ||
	fx_fail "export failed"
kl_contains "summary" "$FX_DIR/export.txt" "^exported to .*: 3 case\(s\), 4 message\(s\), 4 attachment\(s\), 3 outgoing, 1 quarantined, respondent in 0 case\(s\); officers' internal notes and mail left out"
kl_eq "dir mode" "$(mode "$out")" 700
for d in messages attachments outgoing quarantine; do
	kl_eq "$d mode" "$(mode "$out/$d")" 700
done
bad=$(find "$out" -type f ! -perm 0600 | head -3)
kl_eq "file modes" "$bad" ""
[ -z "$(find "$out" -type l)" ] || fx_fail "symlinks in the export"

rp_py "$out" "$KL_STATE/klachtd.db" "$FX_DIR/people.json" <<'PY' || fx_fail "export content is wrong"
import hashlib, json, os, sqlite3, sys
d, dbp, pp = sys.argv[1:4]
j = json.load(open(os.path.join(d, "export.json")))
p = json.load(open(pp))
db = sqlite3.connect("file:%s?mode=ro" % dbp, uri=True)
email = p["person"]["email"]
assert j["email"].lower() == email, j["email"]
assert j["notes_about_colleagues"] == "excluded"
assert [c["reference"] for c in j["cases"]] == p["person"]["cases"], \
    ([c["reference"] for c in j["cases"]], p["person"]["cases"])
for c in j["cases"]:
    assert c["complainant_email"] == email and c["complainant_name"] == p["person"]["name"]
    assert any(e["kind"] == "received" for e in c["events"]), c["events"]
    assert c["received"] and c["subject"]
# The colleague's note is out, the system's note is in.
events = [e for c in j["cases"] for e in c["events"]]
assert not any("INTERN-NOTE" in (e["detail"] or "") for e in events)
assert any(e["kind"] == "note" and e["actor"] == "system" for e in events)
assert j["left_out"] >= 2, j["left_out"]
# Messages: the three complaints and the reply, raw bytes as stored.
kinds = sorted(m["kind"] for m in j["messages"])
assert kinds == ["complaint"] * 3 + ["reply"], kinds
for m in j["messages"]:
    raw = open(os.path.join(d, m["file"]), "rb").read()
    (want,) = db.execute("SELECT raw FROM messages WHERE id = ?", (m["id"],)).fetchone()
    assert raw == want, m["file"]
    for a in m["attachments"]:
        f = os.path.join(d, a["file"])
        assert os.path.dirname(os.path.realpath(f)) == os.path.realpath(os.path.join(d, "attachments")), f
        assert hashlib.sha256(open(f, "rb").read()).hexdigest() == a["sha256"], f
names = [a["filename"] for m in j["messages"] for a in m["attachments"]]
assert "../../etc/passwd foto\u00eb.jpg" in names, names
files = [a["file"] for m in j["messages"] for a in m["attachments"]]
assert all("/" not in f.split("/", 1)[1] and ".." not in f for f in files), files
# Mail sent to her, and the quarantined message naming her address.
assert len(j["outgoing"]) == 3 and all(o["to"] == email for o in j["outgoing"])
for o in j["outgoing"]:
    assert os.path.getsize(os.path.join(d, o["file"])) > 0
assert len(j["quarantine"]) == 1
assert b"binary" in open(os.path.join(d, j["quarantine"][0]["file"]), "rb").read()
# Nothing about anyone else, nor the officer's mail.
blob = open(os.path.join(d, "export.json"), encoding="utf-8").read().lower()
for root, _, fs in os.walk(d):
    for f in fs:
        blob += open(os.path.join(root, f), "rb").read().decode("latin-1").lower()
others = [e for e in p["emails"] if e != email and e in blob]
assert not others, others[:3]
assert "intern-anna" not in blob and "someone.else" not in blob
PY

# Included when configured.
rp_conf 'retention = { notes_about_colleagues = "include"; };'
kl_ctl export --email "$email" --dir "$FX_DIR/export2" > /dev/null ||
	fx_fail "export with notes failed"
grep -q "INTERN-NOTE" "$FX_DIR/export2/export.json" || fx_fail "note not included"
kl_eq "officer mail included" "$(kl_json 'sorted(m["kind"] for m in j["messages"]).count("officer")' < "$FX_DIR/export2/export.json")" 1

# The person complained about (#respondent, Awb 9:9) has rights too: the
# export lists the case by reference and the copy sent to him, but not
# the complaint, which is the complainant's data as much as his.
ref=$(kl_sql "select ref from cases where complainant_email = '$email' collate nocase order by received_at desc limit 1")
rp_py "$KL_STATE/klachtd.db" "$ref" <<'PY' || fx_fail "could not add a respondent"
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30)
cid = db.execute("SELECT id FROM cases WHERE ref = ?", (sys.argv[2],)).fetchone()[0]
t = int(time.time()) - 3600
db.execute("INSERT INTO respondents (case_id, email, name, added_at) VALUES"
           " (?, 'Bert.Beklaagd@testdorp.example', 'Bert Beklaagd', ?)", (cid, t))
raw = ("To: Bert Beklaagd <bert.beklaagd@testdorp.example>\r\nSubject: "
       "Afschrift van een klacht [%s]\r\n\r\nAfschrift.\r\n" % sys.argv[2]).encode()
db.execute("INSERT INTO outbox (case_id, kind, mail_from, rcpt, message_id,"
           " subject, raw, status, next_attempt_at, created_at) VALUES (?,"
           " 'respondent-copy', 'klachten@testdorp.example',"
           " 'bert.beklaagd@testdorp.example', 'resp-copy@x', 'Afschrift', ?,"
           " 'sent', ?, ?)", (cid, raw, t, t))
db.commit()
PY
kl_ctl export --email bert.beklaagd@testdorp.example --dir "$FX_DIR/resp" > "$FX_DIR/resp.txt" ||
	fx_fail "export of a respondent failed"
kl_contains "respondent: summary" "$FX_DIR/resp.txt" "^exported to .*: 0 case\(s\), 0 message\(s\), 0 attachment\(s\), 1 outgoing, 0 quarantined, respondent in 1 case\(s\)$"
kl_absent "respondent: not 'nothing stored'" "$FX_DIR/resp.txt" "nothing is stored"
rp_py "$FX_DIR/resp/export.json" "$ref" "$email" <<'PY' || fx_fail "respondent export.json is not as expected"
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
r = j["respondent_in"]
assert len(r) == 1, r
assert r[0]["reference"] == sys.argv[2] and r[0]["name"] == "Bert Beklaagd", r
assert r[0]["named"] and r[0]["complaint_received"] and r[0]["status"], r
assert "15(4)" in j["respondent_note"], j.get("respondent_note")
assert j["cases"] == [] and j["messages"] == [], (j["cases"], j["messages"])
assert len(j["outgoing"]) == 1 and j["outgoing"][0]["kind"] == "respondent-copy", j["outgoing"]
blob = open(sys.argv[1], encoding="utf-8").read().lower()
assert sys.argv[3].lower() not in blob, "the complainant's address is in the respondent's export"
PY
kl_absent "complainant: no respondent note" "$out/export.json" "respondent_note"

# Never into a non-empty directory; bad input is refused.
rc=0; kl_ctl export --email "$email" --dir "$out" > /dev/null 2> "$FX_DIR/err" || rc=$?
kl_eq "non-empty dir refused" "$rc" 73
kl_contains "says why" "$FX_DIR/err" "not empty"
mkdir "$FX_DIR/elsewhere"
ln -s "$FX_DIR/elsewhere" "$FX_DIR/link"
rc=0; kl_ctl export --email "$email" --dir "$FX_DIR/link" > /dev/null 2> "$FX_DIR/err" || rc=$?
kl_eq "symlink refused" "$rc" 73
[ -z "$(ls -A "$FX_DIR/elsewhere")" ] || fx_fail "wrote through a symlink"
rc=0; kl_ctl export --email "not-an-address" --dir "$FX_DIR/x" > /dev/null 2>&1 || rc=$?
kl_eq "bad address refused" "$rc" 73
rc=0; kl_ctl export --email "$email" > /dev/null 2>&1 || rc=$?
kl_eq "no --dir" "$rc" 64
kl_ctl export --email nobody@example.invalid --dir "$FX_DIR/none" > "$FX_DIR/none.txt" ||
	fx_fail "export of an unknown address failed"
kl_contains "nothing stored" "$FX_DIR/none.txt" "nothing is stored about nobody@example.invalid"
echo "PASS: export of $email: 3 cases, messages, attachments, mail; no one else's data"
