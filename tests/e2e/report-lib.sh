# Shared by the report-*.sh and privacy-*.sh tests (POSIX sh, sourced
# after tests/lib.sh): a configuration with the categories of
# tests/data/gen-year.py and a database holding its generated year.

# rp_conf [EXTRA]: writes $KL_CONF with the generated data's categories
# ($RP_GEDRAG: more settings of "gedrag"; $RP_CATS_EXTRA: ", { ... }" more
# categories; $RP_LANG: the language) and the departments of the
# generated data (issue 15).
rp_conf() {
	kl_config "language = \"${RP_LANG:-nl}\";
categories = (
  { id = \"afval\"; name = \"Afval en reiniging\"; },
  { id = \"parkeren\"; name = \"Parkeren\"; },
  { id = \"wmo\"; name = \"Zorg & Wmo\"; },
  { id = \"belastingen\"; name = \"Belastingen\"; },
  { id = \"groen\"; name = \"Openbaar groen\"; },
  { id = \"gedrag\"; name = \"Grensoverschrijdend gedrag\"; confidential = true; ${RP_GEDRAG:-} }${RP_CATS_EXTRA:-}
);
departments = (
  { id = \"burgerzaken\"; name = \"Burgerzaken\"; },
  { id = \"wonen\"; name = \"Wonen\"; },
  { id = \"zorg\"; name = \"Zorg\"; },
  { id = \"belastingen\"; name = \"Belastingen\"; }
);
${1:-}"
}

# rp_generate [YEAR]: the generated year (fixed seed) in $KL_STATE, made
# by the real klachtd; expectations in $FX_DIR/expect.json, the names and
# addresses used in $FX_DIR/people.json.
rp_generate() {
	/usr/bin/python3 "$KL_DATA/gen-year.py" --klachtd "$KLACHTD" \
	    --conf "$KL_CONF" --db "$KL_STATE/klachtd.db" \
	    --year "${1:-2025}" --expect "$FX_DIR/expect.json" \
	    --people "$FX_DIR/people.json" >&2 ||
		fx_fail "gen-year.py could not generate the data"
}

# rp_py SCRIPT ARGS...: python3 with the script on stdin.
rp_py() {
	/usr/bin/python3 - "$@"
}

# rp_old_cases: adds cases around their retention term, relative to now,
# to $KL_STATE/klachtd.db (categories afval 5y by default, gedrag and
# kort as configured by the test), plus a message on no case and two
# quarantined messages; writes their references to $FX_DIR/old.json:
#   expired  afval, closed 5 years and 2 days ago    -> purged
#   within   afval, closed 5 years less 2 days ago   -> kept
#   long     gedrag, closed 6 years ago (10y term)   -> kept
#   short    kort, closed 401 days ago (400d term)   -> purged
#   open     afval, received 7 years ago, still open -> kept
rp_old_cases() {
	rp_py "$KL_STATE/klachtd.db" "$FX_DIR/old.json" <<'PY' || fx_fail "could not add the old cases"
import datetime, hashlib, json, sqlite3, sys, time, zoneinfo
tz = zoneinfo.ZoneInfo("Europe/Amsterdam")
now = datetime.datetime.fromtimestamp(int(time.time()), tz)
def years_ago(n, days=0):
    try:
        d = now.replace(year=now.year - n)
    except ValueError:              # 29 February
        d = now.replace(year=now.year - n, month=3, day=1)
    return d + datetime.timedelta(days=days)
ts = lambda d: int(d.timestamp())
db = sqlite3.connect(sys.argv[1], timeout=30)
out = {}
specs = [
    ("expired", "afval", years_ago(5, -2), "Vera Verlopen", "vera.verlopen@example.com"),
    ("within", "afval", years_ago(5, 2), "Bas Binnen", "bas.binnen@example.com"),
    ("long", "gedrag", years_ago(6), "Carla Lang", "carla.lang@example.com"),
    ("short", "kort", now - datetime.timedelta(days=401), "Dirk Kort", "dirk.kort@example.com"),
    ("open", "afval", None, "Eva Open", "eva.open@example.com"),
]
for i, (key, cat, closed, name, email) in enumerate(specs):
    rec = closed - datetime.timedelta(days=30) if closed else years_ago(7)
    y, seq = rec.year, 90001 + i
    ref = "KL-%d-%05d" % (y, seq)
    subject = "Klacht van %s over de stoep" % name
    cur = db.execute(
        "INSERT INTO cases (ref, year, seq, status, category, assignee,"
        " complainant_email, complainant_name, subject, language,"
        " received_at, due_at, judgement, decided_at, closed_at, created_at,"
        " updated_at) VALUES (?,?,?,?,?,'anna',?,?,?,'nl',?,?,?,?,?,?,?)",
        (ref, y, seq, "closed" if closed else "in_progress", cat, email, name,
         subject, ts(rec), ts(rec) + 42 * 86400,
         "gegrond" if closed else None, ts(closed) if closed else None,
         ts(closed) if closed else None, ts(rec), ts(closed or rec)))
    cid = cur.lastrowid
    body = "Beste,\n%s\nIk woon aan de Verloopstraat %d.\n%s\n" % (subject, i, name)
    raw = ("From: %s <%s>\r\nSubject: %s\r\nMessage-ID: <old-%s@example.com>"
           "\r\n\r\n%s" % (name, email, subject, key, body)).encode()
    cur = db.execute(
        "INSERT INTO messages (case_id, dedupe_key, kind, source, source_id,"
        " message_id, from_addr, from_name, subject, body, raw, size,"
        " sha256, received_at) VALUES (?,?,'complaint','maildir',?,?,?,?,?,"
        "?,?,?,?,?)", (cid, "mid:old-%s@example.com" % key, "old-" + key,
        "old-%s@example.com" % key, email, name, subject, body, raw,
        len(raw), hashlib.sha256(raw).hexdigest(), ts(rec)))
    mid = cur.lastrowid
    data = ("BEWIJS van %s " % name).encode() * 50
    db.execute("INSERT INTO attachments (message_id, case_id, filename,"
               " content_type, size, sha256, data) VALUES (?,?,?,?,?,?,?)",
               (mid, cid, "bewijs %s.pdf" % key, "application/pdf",
                len(data), hashlib.sha256(data).hexdigest(), data))
    ack = ("To: %s <%s>\r\nSubject: [%s] ontvangen\r\n\r\nBeste %s\r\n" %
           (name, email, ref, name)).encode()
    db.execute("INSERT INTO outbox (case_id, kind, mail_from, rcpt,"
               " message_id, subject, raw, status, attempts, next_attempt_at,"
               " created_at, sent_at) VALUES (?,'ack','klachten@testdorp."
               "example',?,?,?,?,'sent',1,?,?,?)",
               (cid, email, "<%s.ack@testdorp.example>" % ref,
                "[%s] ontvangen" % ref, ack, ts(rec), ts(rec), ts(rec)))
    for at, actor, kind, detail in (
            (rec, "system", "received", "complaint from %s" % email),
            (rec, "bert", "note", "%s belde boos over collega Anna" % name),
            (closed or rec, "anna", "close" if closed else "status",
             "judgement gegrond: %s kreeg gelijk" % name)):
        db.execute("INSERT INTO events (case_id, at, actor, kind, detail)"
                   " VALUES (?,?,?,?,?)", (cid, ts(at), actor, kind, detail))
    have = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    if "respondents" in have:
        db.execute("INSERT INTO respondents (case_id, email, name, added_at)"
                   " VALUES (?, ?, ?, ?)", (cid, "resp-%s@example.com" % key,
                   "Respondent %s" % key, ts(rec)))
    if "deadline_fired" in have:
        db.execute("INSERT INTO deadline_fired (case_id, due_at, level, rcpt,"
                   " fired_at) VALUES (?, ?, 'teamleider', ?, ?)",
                   (cid, ts(rec) + 42 * 86400, "lead-%s@example.com" % key,
                    ts(rec) + 43 * 86400))
    out[key] = {"ref": ref, "name": name, "email": email,
                "subject": subject, "year": y}
raw = b"From: Loos <loos.bericht@example.com>\r\nSubject: autoreply\r\n\r\nweg\r\n"
db.execute("INSERT INTO messages (case_id, dedupe_key, kind, source, from_addr,"
           " subject, body, raw, size, sha256, received_at) VALUES (NULL,"
           " 'sha:loos', 'auto', 'maildir', 'loos.bericht@example.com',"
           " 'autoreply', 'weg', ?, ?, 'x', ?)", (raw, len(raw), ts(years_ago(6))))
for key, when in (("old", years_ago(6)), ("new", years_ago(1))):
    raw = ("From: Q <quarantaine-%s@example.com>\r\n\r\nkapot" % key).encode()
    db.execute("INSERT INTO quarantine (source, source_id, sha256, reason, raw,"
               " size, received_at) VALUES ('maildir', ?, ?, 'test', ?, ?, ?)",
               (key, hashlib.sha256(raw).hexdigest(), raw, len(raw), ts(when)))
db.commit()
db.close()
json.dump(out, open(sys.argv[2], "w"), indent=1)
PY
}
