#!/bin/sh
# bench/pipe-intake.sh -- the MTA pipe: one `klachtd deliver` process per
# message, as Postfix/Exim run it.
#
#   bench/pipe-intake.sh [-b BUILDDIR] [-n N] [-o OUTDIR]
#
# Makes N (default 1000) realistic complaints (Dutch text, names with
# accents, RFC 2047 subjects in UTF-8 and Latin-1, quoted-printable and 8bit
# bodies, one in five multipart/alternative with HTML, one in four with
# attachments -- a photo of 40-400 KB, a PDF -- from a fixed seed), then
# feeds each of them, one process per message and one after the other,
# to four commands, interleaved message by message so that all four
# see the same machine at the same moment, with the daemon running:
#
#   cat        `cat > /dev/null`: spawning a process that reads the
#              message -- the floor of any pipe delivery;
#   sqlite3    the sqlite3 shell inserting the raw bytes into a table of
#              a WAL database with synchronous = FULL, as klachtd's is --
#              the least a durable store of the message costs;
#   klachtd    `klachtd deliver` (parse with GMime, classify, open the
#              case, render the acknowledgement and the officers'
#              notifications, one transaction, fsync'd): the full path;
#   lean       klachtd-deliver, the recipes' entry (issue 17): with the
#              daemon running, it writes the message into the spool
#              Maildir (fsync'd file and directory) and wakes the daemon,
#              which files it (here as a duplicate of klachtd's copy).
#
# Prints the shared libraries each program loads (ldd | wc -l), per
# command the median, p10 and p90 of the per-message time and messages/s
# (1 / median), and the medians of klachtd and klachtd-deliver as ratios
# to cat and sqlite3.  Checks that every message became exactly one case
# and that the daemon emptied the spool.  Not a test and not run by CI:
# figures go into bench/README.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=.
n=1000
outdir=
while [ $# -gt 0 ]; do
	case $1 in
	-b) build=$2; shift 2 ;;
	-n) n=$2; shift 2 ;;
	-o) outdir=$2; shift 2 ;;
	-h|--help) sed -n '2,34p' "$0"; exit 0 ;;
	*) echo "pipe-intake.sh: unknown option $1" >&2; exit 64 ;;
	esac
done
klachtd=$(cd "$build" && pwd)/klachtd
[ -x "$klachtd" ] || { echo "pipe-intake.sh: no klachtd in $build (use -b)" >&2; exit 66; }
lean=$(cd "$build" && pwd)/klachtd-deliver
[ -x "$lean" ] || { echo "pipe-intake.sh: no klachtd-deliver in $build" >&2; exit 66; }
command -v sqlite3 >/dev/null || { echo "pipe-intake.sh: needs the sqlite3 shell" >&2; exit 69; }
TZ=Europe/Amsterdam
export TZ
tmp=$(mktemp -d "${TMPDIR:-/tmp}/klpipe.XXXXXX")
daemon=
cleanup() {
	[ -z "$daemon" ] || { kill "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null; } || true
	[ "${KEEP_TMP:-0}" = 1 ] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
outdir=${outdir:-$tmp}
mkdir -p "$outdir"

cat > "$tmp/klachtd.conf" <<CONF
organisation = { name = "Gemeente Bench"; address = "klachten@bench.example"; };
state_dir = "$tmp/state";
templates = "$src/etc/templates";
categories = ( { id = "afval"; name = "Afval"; }, { id = "stoep"; name = "Stoepen"; } );
officers = (
  { id = "anna"; name = "Anna de Vries"; email = "anna@bench.example"; },
  { id = "bob"; name = "Bob Jansen"; email = "bob@bench.example"; categories = [ "stoep" ]; }
);
CONF
"$klachtd" -c "$tmp/klachtd.conf" -n >/dev/null

echo "making $n complaints..." >&2
python3 - "$tmp/mail" "$n" <<'PY'
# Realistic complaints from a fixed seed: Dutch text, RFC 2047 subjects,
# QP/8bit bodies, some HTML alternatives, some attachments.
import base64, os, random, sys
from email.header import Header
out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
rnd = random.Random(20261121)
first = ["Fatima", "Jan", "Els", "Mohammed", "Anouk", "Pieter", "Sanne", "Dirk",
         "Özlem", "José", "Noëlle", "Kees", "Ingrid", "Rachid", "Marieke"]
last = ["de Vries", "El Amrani", "Jansen", "Bakker", "van den Berg", "Yılmaz",
        "Visser", "Smit", "de Jong", "Meijer", "Bos", "Mulder", "Çelik"]
topics = ["het ophalen van het afval", "de wachttijd aan de balie",
          "een parkeerboete die ik niet begrijp", "de stoep in de Schönberglaan",
          "de bejegening door een medewerker", "geluidsoverlast ’s nachts",
          "de afhandeling van mijn WMO-aanvraag", "een kapotte lantaarnpaal",
          "de kosten van het paspoort – €77,85", "het onderhoud van het plantsoen"]
sentences = [
    "Al drie weken op rij is er niets gebeurd, terwijl ik twee keer heb gebeld.",
    "Ik ben het niet eens met de manier waarop mijn melding is behandeld.",
    "De medewerker aan de telefoon was onvriendelijk en gaf geen antwoord op mijn vraag.",
    "Ik verzoek u dit op te lossen en mij te laten weten waarom het misging.",
    "Mijn buurvrouw heeft hetzelfde probleem; zij heeft ook al geklaagd.",
    "Op de website staat informatie die niet klopt met wat mij verteld is.",
    "Met mijn rollator kan ik er niet langs en moet ik over de rijbaan lopen.",
    "De brief die ik kreeg was onduidelijk en bevatte een verkeerde datum.",
    "Ik wacht nu al ruim twee maanden op een reactie op mijn e-mail.",
    "Graag ontvang ik binnen de wettelijke termijn een schriftelijke reactie.",
]
def qp(text):
    import quopri
    return quopri.encodestring(text.encode("utf-8")).decode("ascii")
for i in range(1, n + 1):
    fn, ln = rnd.choice(first), rnd.choice(last)
    topic = rnd.choice(topics)
    subject = "Klacht over %s (%d)" % (topic, i)
    charset = "iso-8859-1" if i % 7 == 0 and all(ord(c) < 256 for c in subject + fn + ln) else "utf-8"
    subj = Header(subject, charset).encode(maxlinelen=76)
    name = Header("%s %s" % (fn, ln), charset).encode()
    body = "Geachte heer, mevrouw,\n\n" + " ".join(
        rnd.choice(sentences) for _ in range(rnd.randint(3, 12))) + \
        "\n\n" + "\n".join(rnd.choice(sentences) for _ in range(rnd.randint(1, 6))) + \
        "\n\nMet vriendelijke groet,\n%s %s\nDorpsstraat %d\n" % (fn, ln, i)
    head = ("From: %s <inwoner%d@example.net>\r\nTo: klachten@bench.example\r\n"
            "Subject: %s\r\nDate: Mon, 16 Nov 2026 09:%02d:00 +0100\r\n"
            "Message-ID: <bench-%d.%d@mail.example.net>\r\nMIME-Version: 1.0\r\n"
            % (name, i, subj, i % 60, i, rnd.randint(0, 10**9), ))
    if i % 2:
        text = ("Content-Type: text/plain; charset=utf-8\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
                qp(body).replace("\n", "\r\n"))
    else:
        text = ("Content-Type: text/plain; charset=utf-8\r\n"
                "Content-Transfer-Encoding: 8bit\r\n\r\n" + body.replace("\n", "\r\n"))
    if i % 5 == 0:
        html = "<html><body>" + "".join("<p>%s</p>" % p for p in body.split("\n\n")) + "</body></html>"
        text = ("Content-Type: multipart/alternative; boundary=\"alt%d\"\r\n\r\n"
                "--alt%d\r\n%s\r\n--alt%d\r\nContent-Type: text/html; charset=utf-8\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n--alt%d--\r\n"
                % (i, i, text, i, qp(html), i))
    if i % 4 == 0:
        parts = [text]
        photo = rnd.randbytes(rnd.randint(40000, 400000))
        parts.append("Content-Type: image/jpeg; name=\"foto %d.jpg\"\r\n"
                     "Content-Disposition: attachment; filename=\"foto %d.jpg\"\r\n"
                     "Content-Transfer-Encoding: base64\r\n\r\n%s" % (i, i,
                     base64.encodebytes(b"\xff\xd8\xff\xe0" + photo).decode().replace("\n", "\r\n")))
        if i % 8 == 0:
            pdf = b"%PDF-1.4\n" + rnd.randbytes(rnd.randint(20000, 120000)) + b"\n%%EOF\n"
            parts.append("Content-Type: application/pdf; name=\"brief.pdf\"\r\n"
                         "Content-Disposition: attachment; filename=\"brief.pdf\"\r\n"
                         "Content-Transfer-Encoding: base64\r\n\r\n%s" %
                         base64.encodebytes(pdf).decode().replace("\n", "\r\n"))
        msg = head + "Content-Type: multipart/mixed; boundary=\"mix%d\"\r\n\r\n" % i + \
            "".join("--mix%d\r\n%s\r\n" % (i, p) for p in parts) + "--mix%d--\r\n" % i
    else:
        msg = head + text
    with open(os.path.join(out, "%06d.eml" % i), "wb") as f:
        f.write(msg.encode("utf-8"))
PY
sqlite3 "$tmp/raw.db" "PRAGMA journal_mode = WAL;
    CREATE TABLE raw (id INTEGER PRIMARY KEY, data BLOB NOT NULL);" >/dev/null

echo "shared libraries (ldd | wc -l):" \
    "klachtd $(ldd "$klachtd" | wc -l)," \
    "klachtd-deliver $(ldd "$lean" | wc -l)," \
    "sqlite3 $(ldd "$(command -v sqlite3)" | wc -l)," \
    "cat $(ldd "$(command -v cat)" | wc -l)"
# The daemon runs throughout (intake none: only the spool and the
# outbox, into the default out Maildir).
"$klachtd" -c "$tmp/klachtd.conf" 2>"$tmp/daemon.log" &
daemon=$!
i=0
while [ ! -S "$tmp/state/wake" ]; do
	i=$((i + 1))
	[ $i -lt 600 ] || { cat "$tmp/daemon.log" >&2; echo "pipe-intake.sh: the daemon did not start" >&2; exit 70; }
	sleep 0.05
done

python3 - "$tmp" "$n" "$klachtd" "$outdir/pipe-intake.csv" "$lean" <<'PY'
import os, statistics, subprocess, sys, time
tmp, n, klachtd, csv, lean = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
conf = os.path.join(tmp, "klachtd.conf")
raw = os.path.join(tmp, "raw.db")
cmds = {
    "cat": lambda p: (["cat"], p),
    "sqlite3": lambda p: (["sqlite3", raw, "PRAGMA synchronous = FULL; "
        "INSERT INTO raw (data) VALUES (readfile('%s'));" % p], None),
    "klachtd": lambda p: ([klachtd, "-c", conf, "deliver"], p),
    "lean": lambda p: ([lean, "-c", conf], p),
}
times = {k: [] for k in cmds}
sizes = []
devnull = open(os.devnull, "wb")
for i in range(1, n + 1):
    path = os.path.join(tmp, "mail", "%06d.eml" % i)
    sizes.append(os.path.getsize(path))
    for name, make in cmds.items():
        argv, stdin = make(path)
        f = open(stdin, "rb") if stdin else subprocess.DEVNULL
        t0 = time.perf_counter()
        rc = subprocess.call(argv, stdin=f, stdout=devnull, stderr=devnull)
        times[name].append(time.perf_counter() - t0)
        if stdin:
            f.close()
        if rc != 0:
            sys.exit("%s failed (exit %d) on %s" % (name, rc, path))
with open(csv, "w") as out:
    out.write("message,bytes,cat_s,sqlite3_s,klachtd_s,lean_s\n")
    for i in range(n):
        out.write("%d,%d,%.6f,%.6f,%.6f,%.6f\n" % (i + 1, sizes[i], times["cat"][i],
                  times["sqlite3"][i], times["klachtd"][i], times["lean"][i]))

def q(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p * len(v)))]
print("messages: %d, %.1f MB, median %d bytes, largest %d bytes" % (
    n, sum(sizes) / 1e6, statistics.median(sizes), max(sizes)))
print("%-9s %10s %10s %10s %10s" % ("", "median", "p10", "p90", "msg/s"))
for name in cmds:
    v = times[name]
    print("%-9s %8.2fms %8.2fms %8.2fms %10.0f" % (name, statistics.median(v) * 1e3,
          q(v, 0.1) * 1e3, q(v, 0.9) * 1e3, 1 / statistics.median(v)))
mk = statistics.median(times["klachtd"])
print("klachtd deliver / cat (process floor): %.2fx" % (mk / statistics.median(times["cat"])))
print("klachtd deliver / sqlite3 insert:      %.2fx" % (mk / statistics.median(times["sqlite3"])))
ml = statistics.median(times["lean"])
print("klachtd-deliver / cat (process floor): %.2fx" % (ml / statistics.median(times["cat"])))
print("klachtd-deliver / sqlite3 insert:      %.2fx  (goal <= 1.5x)" % (ml / statistics.median(times["sqlite3"])))
big = [times["klachtd"][i] for i in range(n) if sizes[i] > 100000]
small = [times["klachtd"][i] for i in range(n) if sizes[i] <= 100000]
if big and small:
    print("klachtd median, messages <= 100 KB: %.2fms (%d), > 100 KB: %.2fms (%d)" % (
          statistics.median(small) * 1e3, len(small), statistics.median(big) * 1e3, len(big)))
print("klachtd total: %.1f s for %d messages (%.0f msg/s sequential)" % (
      sum(times["klachtd"]), n, n / sum(times["klachtd"])))
PY
# The daemon files what klachtd-deliver spooled; wait for the spool.
i=0
while [ -n "$(ls "$tmp/state/spool/new")" ]; do
	i=$((i + 1))
	[ $i -lt 6000 ] || { echo "pipe-intake.sh: the spool was not emptied" >&2; exit 70; }
	sleep 0.05
done
echo "spool: $(ls "$tmp/state/spool/cur" | wc -l) taken by the daemon"
cases=$(sqlite3 "$tmp/state/klachtd.db" "select count(*) || ' cases, ' || count(distinct complainant_email) || ' complainants' from cases")
echo "check: $cases (want $n and $n)"
[ "$outdir" = "$tmp" ] || echo "per-message times: $outdir/pipe-intake.csv"
