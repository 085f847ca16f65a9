#!/bin/sh
# OAuth2 against a real Dovecot: its oauth2 passdb checks each bearer token
# with a tiny local introspection server (RFC 7662, below) that accepts
# only the tokens in $FX_DIR/good-tokens and logs every token it is asked
# about.  Proves: the token is read from oauth2_token_file or from the
# first line of oauth2_token_command's output at each connect, sent with
# OAUTHBEARER (or XOAUTH2 when that is all the server offers), accepted by
# the server, masked in the trace; a refused token, a failing or hanging
# command and a server without OAuth mechanisms are clear failures, and
# the token is never sent as a plain password.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
fx_require imap curl
fx_tmpdir

INTRO_PORT=$(fx_free_port)
printf 'tok-file-1\ntok-cmd-2\n' >"$FX_DIR/good-tokens"
: >"$FX_DIR/introspect.log"
cat >"$FX_DIR/introspect.py" <<'PY'
import http.server, json, sys, urllib.parse
port, good, log = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        tok = urllib.parse.parse_qs(body).get("token", [""])[0]
        with open(log, "a") as f:
            f.write("token=%s\n" % tok)
        ok = tok in open(good).read().split()
        b = json.dumps({"active": True, "username": "klachten"} if ok else {"active": False}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)
    def log_message(self, *a):
        pass
http.server.HTTPServer(("127.0.0.1", port), H).serve_forever()
PY
/usr/bin/python3 "$FX_DIR/introspect.py" "$INTRO_PORT" "$FX_DIR/good-tokens" \
    "$FX_DIR/introspect.log" </dev/null >"$FX_DIR/introspect.out" 2>&1 &
fx_track_pid $!
fx_wait_for /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $INTRO_PORT), 1)" ||
	fx_fail "introspection server did not start"
cat >"$FX_DIR/oauth2.conf.ext" <<EOF
introspection_mode = post
introspection_url = http://127.0.0.1:$INTRO_PORT/introspect
username_attribute = username
active_attribute = active
active_value = true
EOF
chmod 0644 "$FX_DIR/oauth2.conf.ext"
FX_DOVECOT_EXTRA_CONF="auth_mechanisms = plain login oauthbearer xoauth2
passdb {
  driver = oauth2
  mechanisms = oauthbearer xoauth2
  args = $FX_DIR/oauth2.conf.ext
}"
im_setup
DL=$FX_DIR/imap/dovecot.log

# 1. Token from a file (OAUTHBEARER preferred when offered).
printf 'tok-file-1\n' >"$FX_DIR/token"
IM_AUTH="oauth2_token_file = \"$FX_DIR/token\";" im_config
im_mail 1 oauth
im_once -vv
kl_eq "token file: exit" "$KL_RC" 0
kl_eq "token file: case" "$(im_cases)" 1
kl_contains "server checked that token" "$FX_DIR/introspect.log" '^token=tok-file-1$'
kl_contains "Dovecot let us in with OAUTHBEARER" "$DL" 'Login: user=<klachten>, method=OAUTHBEARER'
kl_contains "masked in the trace" "$FX_DIR/once.log" 'imap > [A-Z0-9]+ AUTHENTICATE OAUTHBEARER \*\*\* \(masked\)$'
kl_absent "token not in our log" "$FX_DIR/once.log" "tok-file-1"

# 2. The file is read again at each connect: a revoked token fails.
printf 'tok-revoked\n' >"$FX_DIR/token"
im_mail 1 revoked
im_once
kl_eq "refused token: exit" "$KL_RC" 75
kl_contains "refused token: logged" "$FX_DIR/once.log" "error: imap: login failed: "
kl_contains "server was asked about the new token" "$FX_DIR/introspect.log" '^token=tok-revoked$'
kl_absent "token not in our log" "$FX_DIR/once.log" "tok-revoked"

# 3. Token from a command: the first line of its output.
IM_AUTH="oauth2_token_command = \"printf 'tok-cmd-2\\\\nsecond line\\\\n'\";" im_config
im_once
kl_eq "token command: exit" "$KL_RC" 0
kl_contains "server checked the command's token" "$FX_DIR/introspect.log" '^token=tok-cmd-2$'
kl_eq "token command: case" "$(im_cases)" 2

# 4. A failing command: no connection at all, a clear line.
IM_AUTH="oauth2_token_command = \"echo nope; exit 3\";" im_config
n=$(wc -l <"$FX_DIR/introspect.log")
im_once
kl_eq "failing command: exit" "$KL_RC" 75
kl_contains "failing command: logged" "$FX_DIR/once.log" \
    "error: imap: cannot get the credentials: oauth2_token_command exited with status 3"
kl_eq "nothing sent" "$(wc -l <"$FX_DIR/introspect.log")" "$n"

# 5. A hanging command is killed after timeout (2 s), with its children.
IM_AUTH="oauth2_token_command = \"echo \$\$ >$FX_DIR/cmd.pid; sleep 30 & echo \$! >$FX_DIR/child.pid; wait\";" \
    IM_TIMEOUT=2s im_config
t0=$(date +%s)
im_once
t1=$(date +%s)
kl_eq "hanging command: exit" "$KL_RC" 75
kl_contains "hanging command: logged" "$FX_DIR/once.log" \
    "cannot get the credentials: oauth2_token_command did not finish within 2s"
# (Waiting for the command would take its child's 30 s.)
[ $((t1 - t0)) -le 15 ] || fx_fail "hanging command held klachtd $((t1 - t0)) s"
for f in cmd child; do
	! fx__alive "$(cat "$FX_DIR/$f.pid")" || fx_fail "token command's $f process survived"
done

# 6. A missing token file at start is a configuration error (78, from the
#    startup check); one that vanishes while the daemon runs is a logged
#    failure until it is back (see 7b).
IM_AUTH="oauth2_token_file = \"$FX_DIR/no-such-token\";" im_config
im_once
kl_eq "missing file at start: exit" "$KL_RC" 78
kl_contains "missing file: named" "$FX_DIR/once.log" \
    "intake.imap.oauth2_token_file: .*no-such-token"

# 7. A server that offers only XOAUTH2 (Microsoft 365 style).
printf 'tok-file-1\n' >"$FX_DIR/token"
IM_AUTH="oauth2_token_file = \"$FX_DIR/token\";" im_config
echo "auth_mechanisms = plain login xoauth2" >>"$FX_DIR/imap/dovecot.conf"
fx_dovecot_restart
im_mail 1 xoauth
im_once -vv
kl_eq "XOAUTH2: exit" "$KL_RC" 0
kl_contains "XOAUTH2 used" "$FX_DIR/once.log" 'imap > [A-Z0-9]+ AUTHENTICATE XOAUTH2 \*\*\* \(masked\)$'
kl_contains "Dovecot let us in with XOAUTH2" "$DL" 'Login: user=<klachten>, method=XOAUTH2'
kl_eq "XOAUTH2: all three mails in" "$(im_cases)" 3

# 7b. The daemon: the token file vanishes (refresher mid-rename), then
#     comes back: logged once, recovered, the mail that waited is taken.
"$KLACHTD" -c "$KL_CONF" -v 2>"$FX_DIR/daemon.log" &
pid=$!
fx_track_pid $pid
fx_wait_for grep -q "started:" "$FX_DIR/daemon.log" || fx_fail "daemon did not start"
rm "$FX_DIR/token"
im_mail 1 vanish
fx_wait_for grep -q "imap: cannot get the credentials: oauth2_token_file: " \
    "$FX_DIR/daemon.log" || fx_fail "vanished token file not logged"
printf 'tok-file-1\n' >"$FX_DIR/token"
fx_wait_for -t 30 grep -q "msgid=<vanish-1@test.example> new-case" "$FX_DIR/daemon.log" ||
	fx_fail "not recovered after the token file came back"
# The new case is logged before the pass ends with "connection restored":
# wait for that line, not look once.
fx_wait_for -t 30 grep -q "imap: connection restored" "$FX_DIR/daemon.log" ||
	fx_fail "recovery not logged"
kl_eq "logged once" "$(im_count "$FX_DIR/daemon.log" 'cannot get the credentials')" 1
fx_stop_pid $pid || fx_fail "daemon exit status $? on SIGTERM"

# 8. No OAuth mechanism offered: refused without sending the token as a
#    password (no LOGIN, no AUTHENTICATE PLAIN).
echo "auth_mechanisms = plain login" >>"$FX_DIR/imap/dovecot.conf"
fx_dovecot_restart
n=$(wc -l <"$FX_DIR/introspect.log")
im_once -vv
kl_eq "no OAuth offered: exit" "$KL_RC" 75
kl_contains "no OAuth offered: logged" "$FX_DIR/once.log" "error: imap: login failed: "
kl_absent "token never sent as a password" "$FX_DIR/once.log" "imap > [A-Z0-9]+ (LOGIN|AUTHENTICATE)"
kl_absent "token never logged" "$FX_DIR/once.log" "tok-file-1"
echo PASS
