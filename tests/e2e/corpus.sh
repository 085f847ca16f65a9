#!/bin/sh
# The corpus of hard messages (tests/data/corpus): each NAME.eml (or a
# NAME.gen script that writes one) goes through the real `klachtd deliver`
# in name order on one state directory, and what it caused is checked
# against NAME.expect -- in the database, in `klachtctl show --json`, and
# (after one `klachtd --once`) in the acknowledgements in the outgoing
# Maildir.  Every mismatch is reported as "NAME: key: got ..., want ...";
# tests/data/corpus/README describes the .expect keys.
#
#   CORPUS_ONLY=025 sh tests/e2e/corpus.sh   runs only names containing 025
#                                            (plus what they refer to)
#   KL_CORPUS_DIR=DIR                        another such directory
#                                            (tests/e2e/broken.sh)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
# Built-in defaults except the RFC 3834 limit, lowered to test it (072).
KL_LIMITS='auto_replies_per_day = 2;'
kl_setup
/usr/bin/python3 - "$KLACHTD" "$KLACHTCTL" "$KL_CONF" "$KL_STATE" \
    "${KL_CORPUS_DIR:-$KL_DATA/corpus}" "$FX_DIR" <<'PY'
import email, email.policy, os, re, sqlite3, subprocess, sys, time

klachtd, klachtctl, conf, state, corpus, tmp = sys.argv[1:7]
db_path = os.path.join(state, "klachtd.db")
only = os.environ.get("CORPUS_ONLY", "")
failures = []
log = open(os.path.join(tmp, "klachtd.log"), "ab")


def fail(name, what, got, want):
    failures.append("%s: %s: got %r, want %r" % (name, what, got, want))


def db():
    c = sqlite3.connect(db_path, timeout=10)
    c.row_factory = sqlite3.Row
    return c


def one(sql, *args):
    with db() as c:
        r = c.execute(sql, args).fetchone()
    return r


def rows(sql, *args):
    with db() as c:
        return c.execute(sql, args).fetchall()


def parse_expect(path):
    exp = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, val = line.partition(":")
        val = val[1:] if val.startswith(" ") else val
        # \r and \n may be written escaped.
        val = val.replace("\\r", "\r").replace("\\n", "\n")
        exp.append((key.strip(), val))
    return exp


names = sorted(n[:-7] for n in os.listdir(corpus) if n.endswith(".expect"))
case_of = {}     # corpus name -> case id it opened or went to
msg_of = {}      # corpus name -> messages.id


def case_ref(name):
    cid = case_of.get(name)
    if not cid:
        raise KeyError("no case from %s (yet)" % name)
    return one("SELECT ref FROM cases WHERE id = ?", cid)["ref"]


def ack_msgid(name):
    r = one("SELECT message_id FROM outbox WHERE case_id = ? AND kind = "
            "'ack' ORDER BY id LIMIT 1", case_of.get(name, 0))
    if r is None:
        raise KeyError("no acknowledgement for %s" % name)
    return r["message_id"]


def resolve(prefix):
    m = [n for n in names if n.startswith(prefix)]
    if len(m) != 1:
        raise KeyError("corpus reference %r matches %d names" % (prefix, len(m)))
    return m[0]


def subst(data):
    def rep(m):
        kind, ref = m.group(1).decode(), resolve(m.group(2).decode())
        return (case_ref(ref) if kind == "REF" else ack_msgid(ref)).encode()
    return re.sub(rb"@@(REF|ACK):([A-Za-z0-9_-]+)@@", rep, data)


def message_bytes(name):
    gen = os.path.join(corpus, name + ".gen")
    if os.path.exists(gen):
        return subprocess.run(["/usr/bin/python3", gen], check=True,
                              stdout=subprocess.PIPE).stdout
    return subst(open(os.path.join(corpus, name + ".eml"), "rb").read())


def setup(name, exp):
    for key, val in exp:
        if key != "setup":
            continue
        words = val.split()
        if words[0] == "close" and len(words) == 3:
            # close NAME DAYS: the case NAME opened, closed DAYS days ago.
            cid = case_of[resolve(words[1])]
            at = int(time.time()) - int(words[2]) * 86400
            with db() as c:
                c.execute("UPDATE cases SET status = 'closed', closed_at = ?, "
                          "decided_at = ?, judgement = 'ongegrond' WHERE id = ?",
                          (at, at, cid))
        else:
            raise ValueError("%s: unknown setup %r" % (name, val))


def deliver(name, data):
    tables = ("messages", "quarantine", "cases", "outbox")
    before = {t: one("SELECT coalesce(max(id), 0) AS n FROM %s" % t)["n"]
              if os.path.exists(db_path) else 0 for t in tables}
    p = subprocess.run([klachtd, "-c", conf, "deliver"], input=data,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    log.write(b"==== " + name.encode() + b"\n" + p.stdout + p.stderr)
    return p.returncode, before, p.stderr.decode("utf-8", "replace")


def check(name, exp, rc, before, stderr):
    want = dict(exp)
    if rc != int(want.get("exit", "0")):
        fail(name, "exit", rc, int(want.get("exit", "0")))
    msg = one("SELECT * FROM messages WHERE id > ? ORDER BY id LIMIT 1",
              before["messages"])
    q = one("SELECT * FROM quarantine WHERE id > ?", before["quarantine"])
    if q is not None:
        action = "quarantined"
    elif msg is None:
        action = "duplicate"
    else:
        action = {"complaint": "new-case", "reply": "reply",
                  "officer": "officer", "automatic": "automatic",
                  "bounce": "automatic"}.get(msg["kind"], msg["kind"])
    if msg is not None:
        msg_of[name] = msg["id"]
        if msg["case_id"]:
            case_of[name] = msg["case_id"]
    cid = msg["case_id"] if msg is not None else None
    new_acks = rows("SELECT * FROM outbox WHERE id > ? AND kind = 'ack'",
                    before["outbox"])
    for key, val in exp:
        if key in ("setup", "exit"):
            continue
        try:
            val = subst(val.encode()).decode()
        except KeyError as e:
            fail(name, key, "unresolved placeholder", str(e))
            continue
        if key == "action":
            if action != val:
                fail(name, key, action, val)
            continue
        if key == "reason":
            got = q["reason"] if q is not None else stderr
            if val not in got:
                fail(name, "reason", got.strip()[-300:], val)
            continue
        if key == "log":
            if val not in stderr:
                fail(name, "log", stderr.strip()[-400:], val)
            continue
        if key == "ack":
            got = "yes" if new_acks else "no"
            if got != val:
                fail(name, "ack", got, val)
            continue
        if key == "case":
            if val == "none":
                if cid:
                    fail(name, "case", "case %d" % cid, "none")
            elif val == "new":
                got = one("SELECT count(*) AS n FROM cases WHERE id > ?",
                          before["cases"])["n"]
                if got != 1 or not cid or cid <= before["cases"]:
                    fail(name, "case", "%d new case(s), message on %r" %
                         (got, cid), "one new case with this message")
            else:
                other = case_of.get(resolve(val))
                if cid != other:
                    fail(name, "case", cid, "%s (the case of %s)" % (other, val))
            continue
        if msg is None:
            fail(name, key, "no message stored", val)
            continue
        if key == "kind":
            if msg["kind"] != val:
                fail(name, key, msg["kind"], val)
        elif key == "subject":
            if msg["subject"] != val:
                fail(name, key, msg["subject"], val)
        elif key == "from":
            if msg["from_addr"] != val:
                fail(name, key, msg["from_addr"], val)
        elif key == "from-name":
            if msg["from_name"] != val:
                fail(name, key, msg["from_name"], val)
        elif key == "message-id":
            got = msg["message_id"] or "none"
            if got != val:
                fail(name, key, got, val)
        elif key == "body":
            if val not in (msg["body"] or ""):
                fail(name, "body contains", msg["body"], val)
        elif key == "no-body":
            if val in (msg["body"] or ""):
                fail(name, "body lacks", msg["body"], val)
        elif key == "attachments":
            got = one("SELECT count(*) AS n FROM attachments WHERE "
                      "message_id = ?", msg["id"])["n"]
            if got != int(val):
                names_ = [r["filename"] for r in rows(
                    "SELECT filename FROM attachments WHERE message_id = ?",
                    msg["id"])]
                fail(name, key, "%d %r" % (got, names_), int(val))
        elif key == "attachment":
            fn, typ, size, stored = val.split("|")
            r = one("SELECT * FROM attachments WHERE message_id = ? AND "
                    "filename = ?", msg["id"], fn)
            if r is None:
                have = [tuple(x) for x in rows(
                    "SELECT filename, content_type, size FROM attachments "
                    "WHERE message_id = ?", msg["id"])]
                fail(name, "attachment", have, val)
                continue
            got = "%s|%s|%d|%s" % (r["filename"], r["content_type"],
                                   r["size"], "stored" if r["data"]
                                   is not None else "not-stored")
            if got != val:
                fail(name, "attachment", got, val)
            elif r["data"] is not None and len(r["data"]) != r["size"]:
                fail(name, "attachment data", len(r["data"]), r["size"])
        elif key in ("status", "judgement", "event", "no-event", "linked",
                     "shown"):
            if not cid:
                fail(name, key, "no case", val)
                continue
            c = one("SELECT * FROM cases WHERE id = ?", cid)
            if key == "status" and c["status"] != val:
                fail(name, key, c["status"], val)
            elif key == "judgement" and (c["judgement"] or "none") != val:
                fail(name, key, c["judgement"], val)
            elif key in ("event", "no-event"):
                kind, _, detail = val.partition("|")
                evs = rows("SELECT kind, detail FROM events WHERE case_id = ?",
                           cid)
                hit = [e for e in evs if e["kind"] == kind and
                       detail in (e["detail"] or "")]
                if key == "event" and not hit:
                    fail(name, key, [tuple(e) for e in evs], val)
                if key == "no-event" and hit:
                    fail(name, key, [tuple(e) for e in hit], "none")
            elif key == "linked":
                other = case_of.get(resolve(val))
                if c["linked_case_id"] != other:
                    fail(name, key, c["linked_case_id"], other)
            elif key == "shown":
                # klachtctl show --json lists the message on its case.
                import json
                p = subprocess.run([klachtctl, "-c", conf, "show", "--json",
                                    c["ref"]], stdout=subprocess.PIPE)
                j = json.loads(p.stdout)
                ids = [m.get("message_id") for m in j.get("messages", [])]
                if (msg["message_id"] in ids) != (val == "yes"):
                    fail(name, "shown by klachtctl show", ids, msg["message_id"])
        elif key in ("ack-text", "no-ack-text"):
            pass    # checked after --once
        else:
            fail(name, "unknown key", key, "a known key")


t0 = time.time()
ran = []
for name in names:
    exp = parse_expect(os.path.join(corpus, name + ".expect"))
    try:
        setup(name, exp)
        data = message_bytes(name)
    except Exception as e:
        failures.append("%s: cannot prepare: %s" % (name, e))
        continue
    rc, before, stderr = deliver(name, data)
    if only and only not in name:
        # Delivered (others may refer to it) but not checked.
        m = one("SELECT * FROM messages WHERE id > ? ORDER BY id LIMIT 1",
                before["messages"])
        if m is not None and m["case_id"]:
            case_of[name] = m["case_id"]
        continue
    check(name, exp, rc, before, stderr)
    ran.append((name, exp))

# Send the queued mail into the outgoing Maildir, then read the acks.
p = subprocess.run([klachtd, "-c", conf, "--once"], stdout=subprocess.PIPE,
                   stderr=subprocess.STDOUT)
log.write(b"==== --once\n" + p.stdout)
if p.returncode != 0:
    failures.append("klachtd --once: exit %d" % p.returncode)
acks = {}
outdir = os.path.join(state, "outgoing", "new")
for fn in sorted(os.listdir(outdir)) if os.path.isdir(outdir) else []:
    m = email.message_from_binary_file(open(os.path.join(outdir, fn), "rb"),
                                       policy=email.policy.default)
    ref = str(m.get("X-Klachtd-Case", ""))
    if "uw klacht ontvangen" in str(m["Subject"]) or \
            "received your complaint" in str(m["Subject"]):
        acks.setdefault(ref, []).append(m.get_body(("plain",)).get_content())
for name, exp in ran:
    for key, val in exp:
        if key not in ("ack-text", "no-ack-text"):
            continue
        if name not in case_of:
            fail(name, key, "no case", val)
            continue
        ref = case_ref(name)
        texts = acks.get(ref, [])
        if not texts:
            fail(name, key, "no acknowledgement in the outgoing Maildir", ref)
        elif key == "ack-text" and not any(val in t for t in texts):
            fail(name, key, texts[0], val)
        elif key == "no-ack-text" and any(val in t for t in texts):
            fail(name, key, texts[0], "without " + val)

n = len(ran)
print("corpus: %d messages checked in %.1fs" % (n, time.time() - t0))
if failures:
    print("\n".join("FAIL: " + f for f in failures), file=sys.stderr)
    print("(log: %s)" % os.path.join(tmp, "klachtd.log"), file=sys.stderr)
    sys.exit(1)
if n == 0:
    print("FAIL: no corpus message checked", file=sys.stderr)
    sys.exit(1)
print("PASS")
PY
[ $? = 0 ] || fx_fail "corpus: see the mismatches above"
