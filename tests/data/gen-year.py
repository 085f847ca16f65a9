#!/usr/bin/python3
"""gen-year.py -- a generated year of complaints with known answers.

Creates (or migrates) a klachtd database with the real binary (one
`klachtd deliver`, whose case is then removed), then writes a year of
cases -- plus the year before, for the trend figures, and some older open
cases -- straight into it with sqlite3, from a FIXED seed: the same
arguments always give the same database.  Besides judgements, terms,
escalations and reopenings (issue 7) the year has what issues 13 and 14
added: the channel a complaint came by, merged and void cases (no
complaints: counted apart, in no other figure and not in the register),
first contacts (#contact) and replies after the decision, which reopen
nothing.  Those come from a second random stream, so the cases of the
first one are the same as before they were added.  Issue 15 adds, from
streams of their own: department, cause and labels; requests forwarded
to another desk (#doorsturen: no complaints, counted apart per kind);
complaints resolved informally (#opgelost), a quarter of them later
handled formally after all at the complainant's request (then normal
complaints, decided after the request or still open); hearings held
(#hoorzitting + #verslag) or skipped (#afzien-horen a|b|c) before a
judgement on the merits; the satisfaction question two weeks after
closing, answered by about half with a digit 1-5; and improvement
measures (#maatregel) linked to cases, some done (#gereed), some late,
some at the edges of the periods.

For every query in QUERIES it computes the figures `klachtctl report
--format json` must give, independently of the C code, from the
definitions in include/report.h, and writes them to --expect as JSON:
    {"<query name>": {"args": [...klachtctl args...], "report": {...}}}
and, for the queries without a category, "register": the rows `klachtctl
report --register --format json` must list, "register_hearings" its
hearings summary, and "not_in_report": what the plan has that no report
shows (informal ends later handled formally).  Each query's
"trend_series" is the number of category and cause series the trend
signals looked at (flagged or not).  Besides the streams above, two more
of their own add, after everything else, hearings held after a skip was
first recorded (the report outranks it) and a deliberate rise of "groen"
complaints in May and December, so the trend signals flag something.
It also writes --people: every name, address and subject it used (for the
"no personal data in the register" test) and the person with several
cases (for the export test).

    gen-year.py --klachtd BIN --conf CONF --db DB [--year 2025] [--seed 7]
                --expect FILE --people FILE
"""
import argparse
import datetime
import hashlib
import json
import math
import os
import random
import sqlite3
import subprocess
import sys
import time
import zoneinfo

TZ = zoneinfo.ZoneInfo("Europe/Amsterdam")
# report.h's channels, in report order.
CHANNELS = ["email", "telefoon", "balie", "brief", "webformulier"]
# The administrative ends (casestate.c): no complaint.  A request
# forwarded to another desk (#doorsturen, issue 15) is none either.
ADMIN = ("merged", "void", "forwarded")
# Issue 15: the kinds of forwarded request (redirect.h), in report order;
# the grounds for not hearing the complainant (Awb 9:10 lid 2).
FORWARD_KINDS = ["bezwaar", "woo", "melding", "schade", "overig"]
MERITS = ("gegrond", "deels-gegrond", "ongegrond")
SKIP_GROUNDS = {"a": "kennelijk ongegrond",
                "b": "klager heeft afgezien van horen",
                "c": "geen reactie binnen de gestelde termijn"}
JUDGEMENTS = ["gegrond", "deels-gegrond", "ongegrond", "niet-ontvankelijk",
              "ingetrokken"]
# Configured categories, in configuration order (the test's config names
# them the same way); "oud" is in the data but not configured.
CONFIGURED = ["afval", "parkeren", "wmo", "belastingen", "groen", "gedrag"]
FIRST = ["Jan", "Anna", "Pieter", "Fleur", "Mohamed", "Sanne", "Kees",
         "Ilse", "Ahmet", "Noor", "Bram", "Lotte", "Yusuf", "Eva", "Daan",
         "Sophie", "Milan", "Iris", "Sem", "Julia"]
LAST = ["de Boer", "Jansen", "Visser", "Smit", "Bakker", "Yilmaz",
        "van Dijk", "Mulder", "de Vries", "Bouzid", "Hendriks", "Dekker",
        "van der Berg", "Kok", "Peters", "Brouwer"]
SUBJECTS = ["Container niet geleegd", "Boete onterecht", "Wachttijd Wmo",
            "Aanslag te hoog", "Boom niet gesnoeid", "Onheus bejegend",
            "Klacht over de balie", "Geen reactie op mijn brief"]
PERSON = ("Fatima El Amrani", "fatima.elamrani@example.org")
# Classification (issue 15): the departments the test's configuration
# lists (report-lib.sh rp_conf), in that order; "archief" is in the data
# but not configured.  The causes are klachtd's default list.
DEPARTMENTS = ["burgerzaken", "wonen", "zorg", "belastingen"]
CAUSES = ["proces", "gedrag", "communicatie", "beleid", "ketenpartner"]
LABELS = ["wachttijd", "toon", "bereikbaarheid", "fout", "herhaling"]


def ts(dt):
    return int(dt.timestamp())


def local(t):
    return datetime.datetime.fromtimestamp(t, TZ)


def add_days(t, days):
    """Same local time of day, days later (as cal_add_days)."""
    d = local(t).replace(tzinfo=None) + datetime.timedelta(days=days)
    return ts(d.replace(tzinfo=TZ))


def year_start(y):
    return ts(datetime.datetime(y, 1, 1, tzinfo=TZ))


def day_start(s):
    y, m, d = map(int, s.split("-"))
    return ts(datetime.datetime(y, m, d, tzinfo=TZ))


def create_db(klachtd, conf):
    """The real binary creates and migrates the database."""
    msg = (b"From: Setup <setup@example.net>\r\nTo: klachten@testdorp.example"
           b"\r\nSubject: setup\r\nMessage-ID: <gen-year-setup@example.net>"
           b"\r\nDate: Mon, 2 Jun 2025 10:00:00 +0200\r\n\r\nsetup\r\n")
    p = subprocess.run([klachtd, "-c", conf, "deliver"], input=msg,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=60)
    if p.returncode != 0:
        sys.exit("gen-year: klachtd deliver failed (%d): %s" %
                 (p.returncode, p.stderr.decode(errors="replace")))


def wipe(db):
    for t in ["attachments", "events", "outbox", "messages", "cases",
              "refseq", "quarantine"]:
        db.execute("DELETE FROM %s" % t)


class Gen:
    def __init__(self, seed, year, now):
        self.seed = seed
        self.r = random.Random(seed)
        # The issue 13/14 additions draw from their own stream.
        self.x = random.Random(seed * 1000 + 14)
        self.after = []     # (case index, at): replies after the decision
        self.year = year
        self.now = now
        self.cases = []     # dicts, also what the expectations read
        self.events = []    # (case index, at, actor, kind, detail)
        self.people = {"names": set(), "emails": set(), "subjects": set()}
        self.seq = {}
        # A stream of its own, so the other figures stay as they were.
        self.rc = random.Random(seed * 1000 + 15)
        # And one for the issue 15 flows: informal resolution, forwarded
        # requests, hearings, satisfaction and improvement measures.
        self.f = random.Random(seed * 1000 + 151)
        self.measures = []  # dicts: ref, created, due, due_at, done, cases

    def person(self):
        r = self.r
        first, last = r.choice(FIRST), r.choice(LAST)
        name = "%s %s" % (first, last)
        email = "%s.%s%d@example.net" % (first.lower(),
                                         last.lower().replace(" ", ""),
                                         r.randint(1, 999))
        return name, email

    def category(self, y):
        r = self.r
        # The year before has other weights: some categories rise.
        if y == self.year:
            w = [30, 22, 14, 10, 8, 4, 5, 3]
        else:
            w = [30, 12, 16, 10, 3, 4, 4, 0]
        cats = CONFIGURED + [None, "oud"]
        return r.choices(cats, weights=w)[0]

    def case(self, received, who=None):
        r = self.r
        name, email = who or self.person()
        subject = r.choice(SUBJECTS) + " (" + name.split()[0] + ")"
        y = local(received).year
        self.seq[y] = self.seq.get(y, 0) + 1
        c = {
            "idx": len(self.cases), "channel": "email",
            "ref": "KL-%d-%05d" % (y, self.seq[y]), "year": y,
            "seq": self.seq[y], "name": name, "email": email,
            "subject": subject, "category": self.category(y),
            "received": received, "due": add_days(received, 42),
            "extended": 0, "decided": None, "closed": None,
            "judgement": None, "status": r.choice(
                ["acknowledged", "in_progress", "waiting"]),
        }
        rc = self.rc
        c["department"] = rc.choices(DEPARTMENTS + ["archief", None],
                                     weights=[30, 25, 20, 10, 3, 12])[0]
        c["cause"] = rc.choices(CAUSES + [None],
                                weights=[30, 20, 25, 8, 5, 12])[0]
        c["labels"] = sorted(rc.sample(LABELS, rc.choice([0, 0, 1, 1, 2])))
        self.people["names"].add(name)
        self.people["emails"].add(email)
        self.people["subjects"].add(subject)
        idx = len(self.cases)
        self.cases.append(c)
        self.events.append((idx, received, "system", "received",
                            "complaint from %s" % email))
        if r.random() < 0.12:
            c["extended"] = 1
            c["due"] = add_days(c["due"], 28)
            self.events.append((idx, received + 20 * 86400, "anna",
                                "extend", "due +28 days: drukte"))
        u = r.random()
        if u < 0.88:
            days = max(0, min(110, int(r.gauss(30, 16))))
            dec = add_days(received, days)
            dec = ts(local(dec).replace(hour=r.randint(8, 17),
                                        minute=r.randint(0, 59),
                                        second=r.randint(0, 59)))
            if dec < received:
                dec = received + 3600
            v = r.random()
            if v < 0.04:
                dec = c["due"]              # exactly on the due date
            elif v < 0.07:
                dec = c["due"] + 1          # one second late
            if dec <= self.now:
                if r.random() < 0.03:
                    # Closed without a decision: counts as decided then.
                    c["closed"] = dec
                    c["status"] = "closed"
                else:
                    c["decided"] = c["closed"] = dec
                    c["status"] = "closed"
                    c["judgement"] = r.choices(
                        JUDGEMENTS, weights=[25, 20, 40, 8, 7])[0]
        end = c["decided"] or c["closed"] or self.now
        # Escalations: a day and a week after the due date while open.
        for k, after in enumerate([1, 8, 15]):
            t = add_days(c["due"], after) + 3600
            if t < end and t <= self.now and (k == 0 or r.random() < 0.6):
                self.events.append((idx, t, "system", "escalation",
                                    "level %d" % (k + 1)))
            else:
                break
        # Reopened: by the complainant's reply or by #reopen, before the
        # (final) decision.
        if end != self.now and end - received > 5 * 86400 and \
                r.random() < 0.06:
            t = received + r.randint(86400, end - received - 3600)
            self.events.append((idx, t, r.choice(["system", "anna"]),
                                r.choice(["reopened", "reopen"]), "-"))
        # Noise that must not count.
        if r.random() < 0.3:
            self.events.append((idx, received + 7200, "bert", "note",
                                "belde met collega Bert over %s" % name))
        if r.random() < 0.1:
            self.events.append((idx, received + 9000, "system",
                                "escalation-skipped", "-"))
        c.update(forwarded_kind=None, sat=None, hearing=None, formal=None)
        if who is None:
            self.extras(c)
            self.flows15(c)
        return c

    def at_work(self, t, days):
        """days later than t, at a random time of the working day, never
        before t."""
        x = self.x
        d = local(add_days(t, days)).replace(hour=x.randint(8, 17),
                                             minute=x.randint(0, 59))
        return max(t + 60, ts(d))

    def end_admin(self, c, kind, at):
        """Case c becomes merged or void at at (only a case not yet
        decided can): closed then, no decision.  A merged case's events
        move to the case it was merged into (store_case_move), which is
        not modelled: only its receipt stays; a void case keeps what
        happened before."""
        idx = c["idx"]
        c.update(status=kind, closed=at, decided=None, judgement=None)
        self.events = [e for e in self.events if e[0] != idx or (
            e[1] < at and (kind == "void" or e[3] == "received"))]
        if c["extended"] and not any(e[0] == idx and e[3] == "extend"
                                     for e in self.events):
            c["extended"] = 0
            c["due"] = add_days(c["received"], 42)
        self.events.append((idx, at, "anna", kind,
                            "merged into another case" if kind == "merged"
                            else "dubbel: zelfde klacht"))

    def extras(self, c):
        """Channel, first contacts, merged/void, replies after the
        decision (issues 13 and 14), at realistic rates."""
        x = self.x
        idx, rec = c["idx"], c["received"]
        c["channel"] = x.choices(CHANNELS, weights=[70, 10, 6, 4, 10])[0]
        # Contact moments (#contact): nearly half the cases, mostly in
        # the first week, some a second time.
        if x.random() < 0.45:
            t = self.at_work(rec, max(0, min(25, int(x.gauss(4, 4)))))
            if x.random() < 0.1:
                t = rec + x.randint(60, 3 * 3600)   # the same day
            for k in range(2):
                if t > self.now:
                    break
                self.events.append((idx, t, "anna", "contact",
                                    "phone: belde met %s" % c["name"]))
                if x.random() >= 0.3:
                    break
                t = self.at_work(t, x.randint(1, 15))
        # Merged into another case or void (duplicate, misdirected,
        # spam): a few percent, before any decision.
        u = x.random()
        kind = "void" if u < 0.05 else "merged" if u < 0.08 else None
        if kind:
            at = self.at_work(rec, x.randint(1, 50 if kind == "void"
                                                else 12))
            dec = c["decided"] or c["closed"]
            if at <= self.now and (dec is None or at < dec):
                self.end_admin(c, kind, at)
                return
        # The complainant writes again after the decision: kept on the
        # case, nothing reopened (issue 14).
        dec = c["decided"] or c["closed"]
        if dec is not None and x.random() < 0.1:
            t = dec + x.randint(3600, 40 * 86400)
            if t <= self.now:
                self.after.append((idx, t))
                self.events.append((idx, t, "system", "after-decision",
                                    "the complainant wrote after the "
                                    "decision: kept on the case"))

    def drop_events(self, idx, keep):
        """Keeps of case idx's events (and replies after the decision)
        those for which keep(at, kind) holds; an extension dropped
        resets the term."""
        c = self.cases[idx]
        self.events = [e for e in self.events if e[0] != idx or
                       keep(e[1], e[3])]
        self.after = [a for a in self.after if a[0] != idx or
                      keep(a[1], "after-decision")]
        if c["extended"] and not any(e[0] == idx and e[3] == "extend"
                                     for e in self.events):
            c["extended"] = 0
            c["due"] = add_days(c["received"], 42)

    def flows15(self, c):
        """Issue 15 on a generated case: forwarded to another desk (a
        bezwaar, Woo request, ... sent to the complaints address), or
        resolved informally (#opgelost) -- some of those later handled
        formally after all, at the complainant's request, with the
        original date of receipt and term --, a hearing held (#hoorzitting
        and #verslag) or skipped (#afzien-horen a|b|c) before a judgement
        on the merits, and the satisfaction question after closing."""
        f = self.f
        idx, rec = c["idx"], c["received"]
        if c["status"] in ADMIN:
            return
        dec = c["decided"] or c["closed"]
        u = f.random()
        if u < 0.04:
            # Forwarded at intake: no complaint, counted apart.
            kind = f.choices(FORWARD_KINDS, weights=[35, 25, 20, 10, 10])[0]
            at = self.at_work(rec, f.randint(0, 4))
            if at <= self.now and (dec is None or at < dec):
                self.drop_events(idx, lambda t, k: t < at)
                c.update(status="forwarded", closed=at, decided=None,
                         judgement=None, forwarded_kind=kind)
                self.events.append((idx, at, "anna", "forwarded",
                                    "%s to %s@testdorp.example: doorgestuurd"
                                    % (kind, kind)))
                return
        elif u < 0.16:
            # Resolved informally; a quarter ask for formal handling.
            t = self.at_work(rec, f.randint(0, 20))
            formal = f.random() < 0.25
            t2 = self.at_work(t, f.randint(1, 14))
            if t <= self.now and (dec is None or t < dec):
                if formal and t2 <= self.now:
                    # Nothing ran while it was resolved (the deadline
                    # scan skips it); the decision comes after the
                    # request.
                    self.drop_events(idx, lambda a, k: not (
                        t <= a < t2 and k in ("escalation", "reopen",
                                              "reopened")) and
                        k != "after-decision")
                    if dec is not None and dec <= t2:
                        nd = self.at_work(t2, f.randint(2, 30))
                        if nd <= self.now:
                            if c["decided"]:
                                c["decided"] = nd
                            c["closed"] = nd
                        else:
                            c.update(status="in_progress", decided=None,
                                     closed=None, judgement=None)
                    c["formal"] = (t, t2)
                    self.events.append((idx, t, "anna", "resolved",
                                        "telefonisch opgelost"))
                    self.events.append((idx, t2, "system",
                                        "formal-requested",
                                        "the complainant asks for formal "
                                        "handling"))
                else:
                    self.drop_events(idx, lambda a, k: a < t and
                                     k != "after-decision")
                    c.update(status="resolved", closed=t, decided=None,
                             judgement=None)
                    self.events.append((idx, t, "anna", "resolved",
                                        "telefonisch opgelost"))
                    return
        dec = c["decided"] or c["closed"]
        # Hearings before a judgement on the merits (Awb 9:10).
        if c["judgement"] in MERITS:
            h = f.random()
            if h < 0.25:
                inv = self.at_work(rec, f.randint(2, 10))
                rep = self.at_work(inv, f.randint(7, 14))
                if rep < dec:
                    c["hearing"] = ("held", None, rep)
                    self.events.append((idx, inv, "anna", "hearing-invited",
                                        "%s 10:00 telefonisch" %
                                        local(rep).strftime("%Y-%m-%d")))
                    self.events.append((idx, rep, "anna", "hearing-report",
                                        "verslag: beide partijen gehoord"))
            elif h < 0.4:
                g = f.choices("abc", weights=[50, 35, 15])[0]
                at = self.at_work(rec, f.randint(1, 10))
                if at < dec:
                    c["hearing"] = ("skipped", g, at)
                    self.events.append((idx, at, "anna", "hearing-skipped",
                                        "%s: %s" % (g, SKIP_GROUNDS[g])))
        # Satisfaction: asked two weeks after closing, some answer.
        if c["status"] == "closed" and f.random() < 0.6:
            asked = add_days(dec, 14)
            score = answered = None
            if f.random() < 0.55:
                answered = asked + f.randint(3600, 10 * 86400)
                w = {"gegrond": [2, 3, 10, 30, 25],
                     "deels-gegrond": [5, 10, 25, 25, 10],
                     "ongegrond": [25, 25, 20, 10, 3]}.get(
                         c["judgement"], [10, 15, 25, 20, 10])
                score = f.choices([1, 2, 3, 4, 5], weights=w)[0]
            if asked <= self.now:
                if answered is not None and answered > self.now:
                    score = answered = None
                c["sat"] = (asked, score, answered)
                self.events.append((idx, asked, "system",
                                    "satisfaction-asked", "-"))
                if score:
                    self.events.append((idx, answered, "system",
                                        "satisfaction",
                                        "score %d" % score))

    def measure(self, created, due_day, done, ncases):
        """An improvement measure (#maatregel) made at created, due on
        due_day (a date), done at done (or None), linked to ncases
        complaints received before it."""
        f = self.f
        y = local(created).year
        n = sum(1 for m in self.measures if m["year"] == y) + 1
        pool = [c for c in self.cases if c["received"] < created and
                c["status"] not in ADMIN]
        cases = f.sample(pool, min(ncases, len(pool)))
        due_at = ts(datetime.datetime(due_day.year, due_day.month,
                                      due_day.day, tzinfo=TZ))
        m = {"ref": "M-%d-%04d" % (y, n), "year": y, "created": created,
             "due": due_day.isoformat(), "due_at": due_at, "done": done,
             "cases": [c["idx"] for c in cases]}
        self.measures.append(m)
        for c in cases:
            self.events.append((c["idx"], created, "anna", "measure",
                                "%s made: owner anna, due %s" %
                                (m["ref"], m["due"])))
            if done is not None:
                self.events.append((c["idx"], done, "anna", "measure",
                                    "%s done: uitgevoerd" % m["ref"]))

    def make_measures(self):
        """Improvement measures over two years, some done, some late,
        and some at the edges of the year."""
        f, y = self.f, self.year
        plan = []
        for yy, n in ((y - 1, 14), (y, 30)):
            for _ in range(n):
                t = f.randint(year_start(yy), year_start(yy + 1) - 1)
                due = local(t).date() + datetime.timedelta(
                    days=f.randint(10, 150))
                done = None
                if f.random() < 0.55:
                    done = self.at_work(t, f.randint(3, 170))
                plan.append((t, due, done, f.randint(1, 3)))
        # Edges: due on the last day of the year and open (late from 1
        # January on), due on 1 January (not late yet), done in the last
        # second of the year, done at its end (open then); and the same
        # around the end of the range query (14 June).
        nov = ts(datetime.datetime(y, 11, 20, 10, 0, tzinfo=TZ))
        may = ts(datetime.datetime(y, 5, 2, 10, 0, tzinfo=TZ))
        plan += [(nov, datetime.date(y, 12, 31), None, 1),
                 (nov + 60, datetime.date(y + 1, 1, 1), None, 1),
                 (nov + 120, datetime.date(y, 12, 1), year_start(y + 1) - 1,
                  1),
                 (nov + 180, datetime.date(y, 12, 1), year_start(y + 1), 2),
                 (may, datetime.date(y, 6, 14), None, 1),
                 (may + 60, datetime.date(y, 6, 15), None, 1)]
        for (t, due, done, nc) in sorted(plan, key=lambda p: p[0]):
            if t > self.now:
                continue
            if done is not None and done > self.now:
                done = None
            self.measure(t, due, done, nc)

    def run(self):
        y = self.year
        r = self.r
        # Year before (trends), the year, and older cases still open or
        # decided in the year.
        for yy, n in ((y - 1, 380), (y, 520)):
            a, b = year_start(yy), year_start(yy + 1)
            times = sorted(r.randint(a, b - 1) for _ in range(n))
            for t in times:
                if t <= self.now:
                    self.case(t)
        # The person with several cases (export test): one a year
        # before, two in the year.
        for t in (ts(datetime.datetime(y - 1, 11, 3, 10, 15, tzinfo=TZ)),
                  ts(datetime.datetime(y, 2, 14, 9, 30, tzinfo=TZ)),
                  ts(datetime.datetime(y, 9, 1, 16, 45, tzinfo=TZ))):
            if t <= self.now:
                self.case(t, PERSON)
        # Boundaries: received at the first and last second of the year.
        for t in (year_start(y), year_start(y + 1) - 1):
            if t <= self.now:
                self.case(t)
        # A void case that was escalated and had a contact before it was
        # made void: none of it may count.
        t = ts(datetime.datetime(y, 4, 7, 11, 20, tzinfo=TZ))
        if t <= self.now:
            c = self.case(t)
            idx = c["idx"]
            self.events = [e for e in self.events if e[0] != idx or
                           e[3] == "received"]
            self.after = [a for a in self.after if a[0] != idx]
            c.update(extended=0, due=add_days(t, 42), forwarded_kind=None,
                     sat=None, hearing=None, formal=None)
            self.events.append((idx, t + 2 * 86400, "anna", "contact",
                                "phone: teruggebeld"))
            self.events.append((idx, add_days(c["due"], 1) + 3600,
                                "system", "escalation", "level 1"))
            self.end_admin(c, "void", add_days(t, 48))
        self.make_measures()
        self.hearing_both()
        self.trend_rise()

    def hearing_both(self):
        """Some hearings held after a skip was recorded first (the
        complainant first declined, then was heard after all): the
        report outranks the skip.  From a stream of its own, so nothing
        else changes; some skips fall in the year before the report."""
        h = random.Random(self.seed * 1000 + 152)
        for c in self.cases:
            if not c["hearing"] or c["hearing"][0] != "held" or \
                    h.random() >= 0.3:
                continue
            rep = c["hearing"][2]
            at = max(c["received"] + 60, rep - h.randint(3, 40) * 86400)
            if at < rep:
                self.events.append((c["idx"], at, "anna", "hearing-skipped",
                                    "b: %s" % SKIP_GROUNDS["b"]))

    def trend_rise(self):
        """A deliberate rise for the trend signals: extra "groen"
        complaints in December of the year and in May (the trend months
        of the year and of the range query), made with streams of their
        own after everything else, so no other case changes."""
        y = self.year
        saved = (self.r, self.x, self.rc, self.f)
        self.r, self.x, self.rc, self.f = (random.Random(self.seed * 1000 + 160 + k)
                                           for k in range(4))
        for (mon, n) in ((12, 14), (5, 12)):
            a = ts(datetime.datetime(y, mon, 1, tzinfo=TZ))
            b = ts(datetime.datetime(y, mon, 28, tzinfo=TZ))
            for t in sorted(self.r.randint(a, b) for _ in range(n)):
                if t <= self.now:
                    c = self.case(t)
                    c["category"] = "groen"
        self.r, self.x, self.rc, self.f = saved


def write(db, g):
    ids = []
    refs_by_year = {}
    # Sequence numbers in order of receipt per year, as klachtd gives.
    order = sorted(range(len(g.cases)), key=lambda i: g.cases[i]["received"])
    seq = {}
    for i in order:
        c = g.cases[i]
        seq[c["year"]] = seq.get(c["year"], 0) + 1
        c["seq"] = seq[c["year"]]
        c["ref"] = "KL-%d-%05d" % (c["year"], c["seq"])
    for i, c in enumerate(g.cases):
        cur = db.execute(
            "INSERT INTO cases (ref, year, seq, status, category, priority,"
            " assignee, confidential, complainant_email, complainant_name,"
            " subject, language, received_at, due_at, extended, judgement,"
            " decided_at, closed_at, created_at, updated_at, channel) VALUES"
            " (?,?,?,?,?,'normal',?,?,?,?,?,'nl',?,?,?,?,?,?,?,?,?)",
            (c["ref"], c["year"], c["seq"], c["status"], c["category"],
             "anna", 1 if c["category"] == "gedrag" else 0, c["email"],
             c["name"], c["subject"], c["received"], c["due"],
             c["extended"], c["judgement"], c["decided"], c["closed"],
             c["received"], c["closed"] or c["received"], c["channel"]))
        c["id"] = cur.lastrowid
        ids.append(cur.lastrowid)
        db.execute("UPDATE cases SET department = ?, cause = ?,"
                   " forwarded_kind = ? WHERE id = ?",
                   (c["department"], c["cause"], c["forwarded_kind"],
                    c["id"]))
        if c["sat"]:
            asked, score, answered = c["sat"]
            db.execute("INSERT INTO satisfaction (case_id, asked_at, score,"
                       " comment, answered_at, answers) VALUES (?,?,?,?,?,?)",
                       (c["id"], asked, score, "prima geholpen" if score
                        else None, answered, 1 if score else 0))
        for lb in c["labels"]:
            db.execute("INSERT INTO case_labels (case_id, label, added_at)"
                       " VALUES (?,?,?)", (c["id"], lb, c["received"]))
        refs_by_year[c["year"]] = max(refs_by_year.get(c["year"], 0),
                                      c["seq"])
        body = ("Geachte heer, mevrouw,\n\n%s\n\nIk woon aan de Dorpsstraat "
                "%d en ben bereikbaar op 06-%08d.\n\nMet vriendelijke groet,"
                "\n%s\n" % (c["subject"], i % 120 + 1, 12340000 + i,
                            c["name"]))
        mid = "gen-%s@example.net" % c["ref"].lower()
        raw = ("From: %s <%s>\r\nTo: klachten@testdorp.example\r\n"
               "Subject: %s\r\nMessage-ID: <%s>\r\nDate: %s\r\n"
               "MIME-Version: 1.0\r\nContent-Type: text/plain; "
               "charset=utf-8\r\n\r\n%s" % (
                   c["name"], c["email"], c["subject"], mid,
                   local(c["received"]).strftime("%a, %d %b %Y %H:%M:%S %z"),
                   body.replace("\n", "\r\n"))).encode()
        cur = db.execute(
            "INSERT INTO messages (case_id, dedupe_key, kind, source,"
            " source_id, message_id, from_addr, from_name, subject, body,"
            " raw, size, sha256, received_at) VALUES"
            " (?,?,'complaint','maildir',?,?,?,?,?,?,?,?,?,?)",
            (c["id"], "mid:" + mid, "gen-%d" % i, mid, c["email"],
             c["name"], c["subject"], body, raw, len(raw),
             hashlib.sha256(raw).hexdigest(), c["received"]))
        msg_id = cur.lastrowid
        c["msg_id"] = msg_id
        if i % 9 == 0 or c["email"] == PERSON[1]:
            data = ("foto van de situatie bij %s\n" % c["name"]).encode() * 3
            db.execute(
                "INSERT INTO attachments (message_id, case_id, filename,"
                " content_type, size, sha256, data) VALUES (?,?,?,?,?,?,?)",
                (msg_id, c["id"], "foto %d.jpg" % i, "image/jpeg",
                 len(data), hashlib.sha256(data).hexdigest(), data))
        ack = ("From: klachten@testdorp.example\r\nTo: %s <%s>\r\n"
               "Subject: [%s] Ontvangstbevestiging\r\n\r\nBeste %s,\r\n"
               "wij hebben uw klacht ontvangen.\r\n" % (
                   c["name"], c["email"], c["ref"], c["name"])).encode()
        db.execute(
            "INSERT INTO outbox (case_id, kind, mail_from, rcpt, message_id,"
            " subject, raw, status, attempts, next_attempt_at, created_at,"
            " sent_at) VALUES (?,'ack','klachten@testdorp.example',?,?,?,?,"
            "'sent',1,?,?,?)",
            (c["id"], c["email"], "<%s.ack@testdorp.example>" % c["ref"],
             "[%s] Ontvangstbevestiging" % c["ref"], ack, c["received"],
             c["received"], c["received"] + 60))
    for (i, at) in g.after:
        c = g.cases[i]
        mid = "gen-after-%s@example.net" % c["ref"].lower()
        body = "Ik ben het niet eens met uw besluit.\n%s\n" % c["name"]
        raw = ("From: %s <%s>\r\nSubject: Re: [%s] %s\r\nMessage-ID: <%s>"
               "\r\n\r\n%s" % (c["name"], c["email"], c["ref"],
                                 c["subject"], mid, body)).encode()
        db.execute(
            "INSERT INTO messages (case_id, dedupe_key, kind, source,"
            " source_id, message_id, from_addr, from_name, subject, body,"
            " raw, size, sha256, received_at) VALUES"
            " (?,?,'after-decision','maildir',?,?,?,?,?,?,?,?,?,?)",
            (c["id"], "mid:" + mid, "gen-after-%d" % i, mid, c["email"],
             c["name"], "Re: " + c["subject"], body, raw, len(raw),
             hashlib.sha256(raw).hexdigest(), at))
    for (i, at, actor, kind, detail) in sorted(g.events,
                                               key=lambda e: (e[1], e[0])):
        db.execute("INSERT INTO events (case_id, at, actor, kind, detail)"
                   " VALUES (?,?,?,?,?)", (ids[i], at, actor, kind, detail))
    for m in g.measures:
        cur = db.execute(
            "INSERT INTO measures (ref, owner, due, due_at, text, status,"
            " created, created_by, done_at, done_text, done_by) VALUES"
            " (?,'anna',?,?,?,?,?,'anna',?,?,?)",
            (m["ref"], m["due"], m["due_at"], "werkinstructie aanpassen",
             "done" if m["done"] else "open", m["created"], m["done"],
             "uitgevoerd" if m["done"] else None,
             "anna" if m["done"] else None))
        for i in m["cases"]:
            db.execute("INSERT INTO measure_cases (measure_id, case_id,"
                       " linked_at, linked_by) VALUES (?,?,?,'anna')",
                       (cur.lastrowid, ids[i], m["created"]))
    for y, last in refs_by_year.items():
        db.execute("INSERT INTO refseq (year, last) VALUES (?,?)", (y, last))


# --------------------------------------------------------------- expect
def pct(part, whole):
    if whole == 0:
        return None
    return float("%.1f" % (100 * part / whole))


def expect(g, start, end, pstart, pend, category):
    """The figures, straight from the definitions in report.h."""
    def key(c):
        return c["category"] if c["category"] else "(none)"

    def decided_at(c):
        return c["decided"] or (c["closed"] if c["status"] == "closed"
                                else None)

    def days(c):
        return (local(decided_at(c)).date() - local(c["received"]).date()).days

    def admin(c):
        return c["status"] in ADMIN

    def resolved_at(c):
        return c["closed"] if c["status"] == "resolved" else None

    def ended_at(c):
        return decided_at(c) or resolved_at(c)

    def satisfaction(cs):
        """asked, answered, response rate, mean score of cases cs."""
        asked = [c for c in cs if c["sat"]]
        ans = [c["sat"][1] for c in asked if c["sat"][1]]
        return {"asked": len(asked), "answered": len(ans),
                "response_pct": pct(len(ans), len(asked)),
                "score_avg": (float("%.1f" % (sum(ans) / len(ans)))
                              if ans else None)}

    # The first contact of every case, whenever it was (report.h).
    first = {}
    for (i, at, actor, kind, _) in g.events:
        if kind == "contact" and (i not in first or at < first[i]):
            first[i] = at

    hear = hearings(g)

    def median(d):
        n = len(d)
        if n == 0:
            return None
        return d[n // 2] if n % 2 else (d[n // 2 - 1] + d[n // 2]) / 2

    cases = [c for c in g.cases if category is None or key(c) == category]
    # Category list: configured (in order), others sorted, "(none)" last.
    cats = [k for k in CONFIGURED if category is None or k == category]
    other = sorted({key(c) for c in cases} - set(CONFIGURED) - {"(none)"})
    cats += other
    if any(key(c) == "(none)" for c in cases):
        cats.append("(none)")

    def stats(allcs, ev):
        # Merged and void cases are no complaints: counted apart, and in
        # none of the other figures (nor their events).
        adm = [c for c in allcs if admin(c) and
               start <= c["received"] < end]
        cs = [c for c in allcs if not admin(c)]
        rec = [c for c in cs if start <= c["received"] < end]
        dec = [c for c in cs if decided_at(c) is not None and
               start <= decided_at(c) < end]
        # Resolved informally: ended then, not decided (report.h).
        res = [c for c in cs if resolved_at(c) is not None]
        opn = [c for c in cs if c["received"] < end and
               (ended_at(c) is None or ended_at(c) >= end)]
        prev = [c for c in cs if pstart <= c["received"] < pend]
        d = sorted(days(c) for c in dec)
        n = len(d)
        if n:
            med = (d[n // 2] if n % 2 else (d[n // 2 - 1] + d[n // 2]) / 2)
            p90 = d[-(-9 * n // 10) - 1]
        else:
            med = p90 = None
        on = sum(1 for c in dec if decided_at(c) <= c["due"])
        ext = sum(1 for c in dec if c["extended"])
        ids = {id(c) for c in cs}
        esc = [e for e in ev if e[3] == "escalation" and id(e[0]) in ids]
        reo = [e for e in ev if e[3] in ("reopened", "reopen") and
               id(e[0]) in ids]
        j = {k: sum(1 for c in dec if c["judgement"] == k)
             for k in JUDGEMENTS}
        j["none"] = sum(1 for c in dec if c["judgement"] is None)
        fc = sorted((local(first[c["idx"]]).date() -
                     local(c["received"]).date()).days
                    for c in rec if c["idx"] in first)
        return {
            "received": len(rec), "decided": len(dec), "open": len(opn),
            "on_time": on, "on_time_pct": pct(on, len(dec)),
            "extended": ext, "extended_pct": pct(ext, len(dec)),
            "handling_days": {"count": n, "median": med, "p90": p90},
            "judgements": j,
            "escalations": len(esc),
            "cases_escalated": len({id(e[0]) for e in esc}),
            "reopened": len(reo),
            "cases_reopened": len({id(e[0]) for e in reo}),
            "previous_received": len(prev),
            "merged": sum(1 for c in adm if c["status"] == "merged"),
            "void": sum(1 for c in adm if c["status"] == "void"),
            "received_by_channel": {ch: sum(1 for c in rec
                                            if c["channel"] == ch)
                                    for ch in CHANNELS},
            "first_contact": {"count": len(fc), "median_days": median(fc)},
            # Issue 15: forwarded requests apart (like merged and void),
            # complaints resolved informally in the period and their
            # share of those ended in it, and satisfaction over the
            # decided cases whose complainant was asked.
            "forwarded": sum(1 for c in adm if c["status"] == "forwarded"),
            "forwarded_by_kind": {k: sum(1 for c in adm if c["forwarded_kind"]
                                         == k) for k in FORWARD_KINDS},
            "resolved_informally": sum(1 for c in res if start <=
                                       resolved_at(c) < end),
            "resolved_informally_pct": pct(
                sum(1 for c in res if start <= resolved_at(c) < end),
                len(dec) + sum(1 for c in res if start <= resolved_at(c)
                               < end)),
            # Hearings (Awb 9:10): held or skipped per ground, when
            # first recorded in the period (a report outranks a skip).
            "hearings_held": sum(1 for c in cs if c["idx"] in hear and
                                 hear[c["idx"]][0] == "held" and
                                 start <= hear[c["idx"]][1] < end),
            "hearings_skipped": {k: sum(
                1 for c in cs if c["idx"] in hear and
                hear[c["idx"]][0] == k and start <= hear[c["idx"]][1] < end)
                for k in "abc"},
            "satisfaction": dict(satisfaction(dec), by_judgement={
                k: satisfaction([c for c in dec if (c["judgement"] or
                                                    "none") == k])
                for k in JUDGEMENTS + ["none"]}),
        }

    ev = [(g.cases[i], at, actor, kind) for (i, at, actor, kind, _) in
          g.events if start <= at < end]
    out = {"category": category, "totals": stats(cases, ev),
           "categories": []}
    for k in cats:
        s = stats([c for c in cases if key(c) == k], ev)
        s.update({"id": k, "configured": k in CONFIGURED})
        out["categories"].append(s)
    # Months of the period.
    months = []
    d = local(start)
    y, m = d.year, d.month
    last = local(end - 1)
    while (y, m) <= (last.year, last.month):
        # A month at an edge counts only its days inside the period.
        a = max(start, ts(datetime.datetime(y, m, 1, tzinfo=TZ)))
        b = min(end, ts(datetime.datetime(y + (m == 12), m % 12 + 1, 1,
                                          tzinfo=TZ)))
        live = [c for c in cases if not admin(c)]
        months.append({
            "month": "%04d-%02d" % (y, m),
            "received": sum(1 for c in live if a <= c["received"] < b),
            "decided": sum(1 for c in live if decided_at(c) is not None
                           and a <= decided_at(c) < b),
            "by_category": {k: sum(1 for c in live if key(c) == k and
                                   a <= c["received"] < b) for k in cats},
        })
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    out["months"] = months
    rising = []
    for s in out["categories"]:
        if s["received"] > s["previous_received"]:
            ch = s["received"] - s["previous_received"]
            rising.append({"category": s["id"],
                           "previous": s["previous_received"],
                           "current": s["received"], "change": ch,
                           "change_pct": pct(ch, s["previous_received"])})
    rising.sort(key=lambda x: (-x["change"], x["category"]))
    out["rising"] = rising
    cnt = {}
    for (c, at, actor, kind) in ev:
        if kind == "escalation" and not admin(c) and \
                (category is None or key(c) == category):
            cnt[c["ref"]] = (cnt.get(c["ref"], (0, key(c)))[0] + 1, key(c))
    out["escalated_cases"] = [
        {"reference": ref, "category": v[1], "escalations": v[0]}
        for ref, v in sorted(cnt.items(), key=lambda x: (-x[1][0], x[0]))]
    # Per department and cause (issue 15): configured in order, others
    # sorted, "(none)" last when some case has none; received, decided
    # and the judgements of the decided.  Labels: received per label,
    # most first, then by label.
    # Merged and void cases are no complaints (above): in no group.
    pool = [c for c in cases if not admin(c)]
    ms = [m for m in g.measures if start <= m["created"] < end]

    def groups(field, configured):
        kk = lambda c: c[field] if c[field] else "(none)"
        ids = list(configured)
        ids += sorted({kk(c) for c in pool} - set(configured) - {"(none)"})
        if any(kk(c) == "(none)" for c in pool):
            ids.append("(none)")
        res = []
        for k in ids:
            cs = [c for c in pool if kk(c) == k]
            dec = [c for c in cs if decided_at(c) is not None and
                   start <= decided_at(c) < end]
            j = {x: sum(1 for c in dec if c["judgement"] == x)
                 for x in JUDGEMENTS}
            j["none"] = sum(1 for c in dec if c["judgement"] is None)
            # Measures made in the period linked to a case of the group:
            # each once, however many of its cases are in the group.
            idxs = {c["idx"] for c in cs}
            gm = [m for m in ms if idxs & set(m["cases"])]
            gopen = [m for m in gm if m["done"] is None or m["done"] >= end]
            res.append({"id": k, "received": sum(
                1 for c in cs if start <= c["received"] < end),
                "decided": len(dec), "judgements": j,
                "measures": {"open": len(gopen),
                             "done": len(gm) - len(gopen),
                             "late": sum(1 for m in gopen if add_days(
                                 m["due_at"], 1) <= end)}})
        return res
    out["departments"] = groups("department", DEPARTMENTS)
    out["causes"] = groups("cause", CAUSES)
    lc = {}
    for c in pool:
        if start <= c["received"] < end:
            for lb in c["labels"]:
                lc[lb] = lc.get(lb, 0) + 1
    out["labels"] = [{"label": k, "received": v} for k, v in
                     sorted(lc.items(), key=lambda x: (-x[1], x[0]))]
    # Improvement measures made in the period, as at its end: done
    # before it, else open, and late when its due day is over (from the
    # next day on).  The whole organisation's: the same with a category.
    mopen = [m for m in ms if m["done"] is None or m["done"] >= end]
    out["measures"] = {
        "open": len(mopen), "done": len(ms) - len(mopen),
        "late": sum(1 for m in mopen if add_days(m["due_at"], 1) <= end)}
    out["trend_method"], out["trends"], g.trend_series = trends(
        g, start, end, category)
    fmt = lambda t: local(t).strftime("%Y-%m-%d")
    out["period"] = {"from": fmt(start), "to": fmt(end - 1),
                     "previous_from": fmt(pstart), "previous_to": fmt(pend - 1)}
    return out


def hearings(g):
    """Per case index: ("held", when) for the first hearing report, else
    (ground, when) for the first skip -- from the plan's events."""
    rep, skip = {}, {}
    for (i, at, actor, kind, detail) in g.events:
        if kind == "hearing-report" and (i not in rep or at < rep[i]):
            rep[i] = at
        elif kind == "hearing-skipped" and (i not in skip or
                                            at < skip[i][1]):
            skip[i] = (detail[0], at)
    out = dict(skip)
    out.update({i: ("held", at) for i, at in rep.items()})
    return out


TREND_MONTHS = 12
TREND_MIN = 5       # report.trend_minimum's default; the test sets none


def trends(g, start, end, category):
    """The trend signals, written from the rule alone: the month before
    the one holding the end of the period (or now, if earlier) -- the last
    full month -- against the 12 months before it; a category (not
    "(none)") or cause (not none) is flagged when its complaints received
    in that month are at least TREND_MIN and above the mean plus twice the
    population standard deviation of those 12 months.  Returns the method
    ({month, months_before, minimum}) and the flagged, sorted by kind and
    id, and the number of series (flagged or not) looked at."""
    e = local(min(end, g.now))
    ym = e.year * 12 + e.month - 1 - 1     # months since year 0, 0-based
    mon = lambda k: (k // 12, k % 12 + 1)
    first = ts(datetime.datetime(*mon(ym), 1, tzinfo=TZ))
    if first < start:
        return ({"month": None, "months_before": TREND_MONTHS,
                 "minimum": TREND_MIN}, [], 0)
    counts = {}     # (kind, id) -> {month index: n}
    for c in g.cases:
        if c["status"] in ADMIN:
            continue
        if category is not None and (c["category"] or "(none)") != category:
            continue
        d = local(c["received"])
        k = d.year * 12 + d.month - 1
        if not ym - TREND_MONTHS <= k <= ym:
            continue
        for key in (("category", c["category"]), ("cause", c["cause"])):
            if key[1]:
                counts.setdefault(key, {})
                counts[key][k] = counts[key].get(k, 0) + 1
    label = "%04d-%02d" % mon(ym)
    flagged = []
    for (kind, id_), n in sorted(counts.items()):
        before = [n.get(ym - j, 0) for j in range(1, TREND_MONTHS + 1)]
        mean = sum(before) / TREND_MONTHS
        sd = math.sqrt(sum((v - mean) ** 2 for v in before) / TREND_MONTHS)
        cnt = n.get(ym, 0)
        if cnt >= TREND_MIN and cnt > mean + 2 * sd:
            r1 = lambda v: float("%.1f" % v)
            flagged.append({"kind": kind, "id": id_, "month": label,
                            "count": cnt, "mean": r1(mean), "sd": r1(sd),
                            "limit": r1(mean + 2 * sd)})
    return ({"month": label, "months_before": TREND_MONTHS,
             "minimum": TREND_MIN}, flagged, len(counts))


def register(g, start, end):
    """The register's rows (Awb 9:12a): the complaints received in the
    period -- no merged, void or forwarded case -- by reference."""
    day = lambda t: local(t).date()
    rows = []
    for c in sorted(g.cases, key=lambda c: c["ref"]):
        if not start <= c["received"] < end or c["status"] in ADMIN:
            continue
        d = c["decided"] or (c["closed"] if c["status"] == "closed"
                             else None)
        rows.append({
            "reference": c["ref"], "received": str(day(c["received"])),
            "category": c["category"] or "(none)",
            "judgement": (c["judgement"] or "none") if d else None,
            "decided": str(day(d)) if d else None,
            "handling_days": (day(d) - day(c["received"])).days if d
            else None,
            "channel": c["channel"], "department": c["department"],
            "cause": c["cause"],
            "resolved_informally": str(day(c["closed"]))
            if c["status"] == "resolved" else None})
    return rows


def register_hearings(g, start, end):
    """The register's hearings summary: of the complaints received in
    the period (no merged, void or forwarded case), hearings held and
    skipped per ground, whenever recorded (a report outranks a skip)."""
    hear = hearings(g)
    rows = [c for c in g.cases if start <= c["received"] < end and
            c["status"] not in ADMIN and c["idx"] in hear]
    return {"held": sum(1 for c in rows if hear[c["idx"]][0] == "held"),
            "skipped": {k: sum(1 for c in rows if hear[c["idx"]][0] == k)
                        for k in "abc"}}


def not_in_report(g, start, end):
    """What the plan has that `klachtctl report` does not show: the
    informal resolutions later handled formally after all."""
    return {
        "formal_after_informal": sum(1 for c in g.cases if c["formal"] and
                                     start <= c["formal"][1] < end),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--klachtd", required=True)
    ap.add_argument("--conf", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--expect")
    ap.add_argument("--people")
    a = ap.parse_args()

    create_db(a.klachtd, a.conf)
    now = int(time.time())
    g = Gen(a.seed, a.year, now)
    g.run()
    db = sqlite3.connect(a.db, timeout=30)
    with db:
        wipe(db)
        write(db, g)
    db.close()

    y = a.year
    frm, to = "%d-03-15" % y, "%d-06-14" % y
    f0, t1 = day_start(frm), add_days(day_start(to), 1)
    ndays = (local(t1).date() - local(f0).date()).days
    queries = {
        "year": (["--year", str(y)], year_start(y), year_start(y + 1),
                 year_start(y - 1), year_start(y), None),
        "parkeren": (["--year", str(y), "--category", "parkeren"],
                     year_start(y), year_start(y + 1), year_start(y - 1),
                     year_start(y), "parkeren"),
        "range": (["--from", frm, "--to", to], f0, t1,
                  add_days(f0, -ndays), f0, None),
        "previous-year": (["--year", str(y - 1)], year_start(y - 1),
                          year_start(y), year_start(y - 2),
                          year_start(y - 1), None),
    }
    if a.expect:
        res = {}
        for name, (args, s, e, ps, pe, cat) in queries.items():
            res[name] = {"args": args, "report": expect(g, s, e, ps, pe, cat),
                         "trend_series": g.trend_series}
            if cat is None:
                res[name]["register"] = register(g, s, e)
                res[name]["register_hearings"] = register_hearings(g, s, e)
                res[name]["not_in_report"] = not_in_report(g, s, e)
        with open(a.expect, "w") as f:
            json.dump(res, f, indent=1, sort_keys=True)
    if a.people:
        person = [c["ref"] for c in g.cases if c["email"] == PERSON[1]]
        with open(a.people, "w") as f:
            json.dump({"names": sorted(g.people["names"]),
                       "emails": sorted(g.people["emails"]),
                       "subjects": sorted(g.people["subjects"]),
                       "person": {"name": PERSON[0], "email": PERSON[1],
                                  "cases": person},
                       "cases": len(g.cases)}, f, indent=1)
    print("gen-year: %d cases, %d events (seed %d, year %d)" %
          (len(g.cases), len(g.events), a.seed, y))


if __name__ == "__main__":
    main()
