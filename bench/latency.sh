#!/bin/sh
# bench/latency.sh -- complaint to acknowledgement, daemon running (issue
# 17): the time from the moment a complaint is handed over (the MTA starts
# klachtd-deliver -- `klachtd deliver` for a build without it -- or
# renames the file into the intake Maildir's new/)
# to the moment the acknowledgement is stored by a loopback SMTP server
# (the test fixture's aiosmtpd sink, tests/fixtures/smtpsink.py).  The
# imap path: the complaint is delivered into the private Dovecot's INBOX
# (as its MDA would: tmp/, then new/) and the daemon takes it in over
# IMAP (IDLE, as configured by default; the poll stays at 60 s).
#
#   top_builddir=BUILD sh bench/latency.sh [-n N] [-B OLD_BUILD] [-R]
#       [-p "pipe maildir imap"]   (-m is the same as -p)
#
# N complaints (default 200) per path, each from its own sender, arriving
# at random moments (a pause drawn uniformly from 0-1 s before each, fixed
# seed), one at a time: the next is handed over once the previous ack is
# at the sink.  The sink's Maildir is watched every 2 ms, so a figure may
# be up to 2 ms late.  Prints, per path, the median, p90, p99 and maximum.
# With -B, the same run against another build (the "before", e.g. a build
# of the commit before push) follows in the same invocation.  Not a test;
# figures go into bench/README.  -m runs one path only.  -R: every
# complaint finds the daemon at rest (include/rest.h; rest_after 1 s, and
# each is handed over only once the process runs klachtd-rest), so the
# figures include the exec back into klachtd; not for imap (never rests).
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
export top_srcdir top_builddir
N=200
OLD=
REST=0
PATHS="pipe maildir imap"
while [ $# -gt 0 ]; do
	case $1 in
	-n) N=$2; shift 2 ;;
	-B) OLD=$2; shift 2 ;;
	-R) REST=1; shift ;;
	-m|-p) PATHS=$2; shift 2 ;;
	-h|--help) sed -n '2,25p' "$0"; exit 0 ;;
	*) echo "latency.sh: unknown option $1" >&2; exit 64 ;;
	esac
done
. "$top_srcdir/tests/lib.sh"
fx_require smtp
fx_tmpdir
fx_smtp_start
case " $PATHS " in
*" imap "*)
	fx_require imap
	fx_dovecot_start
	printf '%s\n' "$FX_IMAP_PASS" >"$FX_DIR/imap.password"
	chmod 600 "$FX_DIR/imap.password"
	;;
esac
export PATHS REST FX_IMAP_PORT FX_IMAP_USER FX_IMAP_MAILDIR FX_IMAP_UID FX_IMAP_GID

run() { # LABEL KLACHTD
	/usr/bin/python3 - "$1" "$2" "$N" "$FX_DIR" "$FX_SMTP_PORT" \
	    "$FX_SMTP_MAILDIR" "$top_srcdir" "$PATHS" <<'PY' || fx_fail "latency run $1 failed"
import os, random, subprocess, sys, time
label, klachtd, n, fxdir, port, sink, src, modes = sys.argv[1:9]
# The MTA's entry: the lean klachtd-deliver beside klachtd, else (a build
# from before it) `klachtd deliver`.
lean = os.path.join(os.path.dirname(klachtd), "klachtd-deliver")
n = int(n)
rnd = random.Random(17)
rest = os.environ.get("REST") == "1"

def wait_rest(pid):
    limit = time.monotonic() + 60
    while open("/proc/%d/comm" % pid).read().strip() != "klachtd-rest":
        if time.monotonic() > limit:
            sys.exit("the daemon does not rest")
        time.sleep(0.005)

def sink_count():
    return len(os.listdir(os.path.join(sink, "new")))

def complaint(i, tag):
    return ("From: Burger %d <burger%d.%s@example.net>\r\n"
            "To: klachten@testdorp.example\r\n"
            "Subject: Klacht over de stoep %d\r\n"
            "Message-ID: <lat-%s-%d-%d@example.net>\r\n"
            "Date: Mon, 07 Dec 2026 10:00:00 +0100\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Geachte heer, mevrouw,\r\n\r\nDe stoep voor nummer %d ligt al "
            "weken open. Wilt u dat oplossen?\r\n\r\nMet vriendelijke "
            "groet,\r\nBurger %d\r\n" % (i, i, tag, i, tag, i, os.getpid(),
            i, i)).encode()

def pct(v, p):
    v = sorted(v)
    k = max(0, min(len(v) - 1, int(-(-p * len(v) // 100)) - 1))
    return v[k]

for path in modes.split():
    state = os.path.join(fxdir, "%s-%s" % (label, path))
    inbox = os.path.join(state, "inbox")
    for d in ("new", "tmp", "cur"):
        os.makedirs(os.path.join(inbox, d), exist_ok=True)
    conf = os.path.join(state, "klachtd.conf")
    with open(conf, "w") as f:
        f.write('organisation = { name = "Gemeente Testdorp"; '
                'address = "klachten@testdorp.example"; };\n'
                'state_dir = "%s";\ntemplates = "%s/etc/templates";\n'
                'outgoing = { smtp = { url = "smtp://127.0.0.1:%s"; '
                'starttls = "no"; }; };\n' % (state, src, port))
        if rest:
            f.write('daemon = { rest_after = "1s"; };\n')
        if path == "imap":
            f.write('intake = { imap = { url = "imap://127.0.0.1:%s/INBOX"; '
                    'user = "%s"; password_file = "%s/imap.password"; '
                    'starttls = "no"; }; };\n' % (
                    os.environ["FX_IMAP_PORT"], os.environ["FX_IMAP_USER"],
                    fxdir))
    log = open(os.path.join(state, "daemon.log"), "w")
    d = subprocess.Popen([klachtd, "-c", conf], stderr=log)
    deadline = time.monotonic() + 30
    while "started:" not in open(log.name).read():
        if time.monotonic() > deadline or d.poll() is not None:
            sys.exit("daemon did not start")
        time.sleep(0.01)
    # IMAP: measure from when the mailbox is watched (IDLE, or the
    # STATUS poll on a server without it).
    while path == "imap" and "imap: IDLE on" not in open(log.name).read() \
            and "with STATUS every" not in open(log.name).read():
        if time.monotonic() > deadline or d.poll() is not None:
            sys.exit("the IMAP mailbox is not watched")
        time.sleep(0.01)
    lat = []
    for i in range(n):
        time.sleep(rnd.uniform(0, 1.0))
        if rest:
            wait_rest(d.pid)
        before = sink_count()
        data = complaint(i, label + path)
        t0 = time.monotonic()
        if path == "pipe":
            argv = [lean, "-c", conf] if os.access(lean, os.X_OK) else \
                [klachtd, "-c", conf, "deliver"]
            p = subprocess.run(argv, input=data, stderr=subprocess.DEVNULL)
            if p.returncode != 0:
                sys.exit("deliver exit %d" % p.returncode)
        else:
            box = inbox if path == "maildir" else os.environ["FX_IMAP_MAILDIR"]
            tmp = os.path.join(box, "tmp", "m%d.%s.lat" % (i, label))
            with open(tmp, "wb") as f:
                f.write(data)
            if path == "imap":
                os.chmod(tmp, 0o644)
                os.chown(tmp, int(os.environ["FX_IMAP_UID"]),
                         int(os.environ["FX_IMAP_GID"]))
            os.rename(tmp, os.path.join(box, "new",
                      "m%d.%s.lat" % (i, label)))
        limit = t0 + 60
        while sink_count() <= before:
            if time.monotonic() > limit:
                sys.exit("no ack within 60 s for complaint %d" % i)
            time.sleep(0.002)
        lat.append(time.monotonic() - t0)
    d.terminate()
    d.wait()
    if rest:
        path += "/rest"
    print("%-8s %-8s n=%d  median %7.3f s  p90 %7.3f s  p99 %7.3f s  "
          "max %7.3f s" % (label, path, n, pct(lat, 50), pct(lat, 90),
          pct(lat, 99), max(lat)))
PY
}

run after "$top_builddir/klachtd"
[ -z "$OLD" ] || run before "$OLD/klachtd"
