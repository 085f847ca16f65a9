#!/bin/sh
# Outgoing mail over STARTTLS and over implicit TLS (smtps://), with AUTH
# and the password read from its own file: delivered, authenticated,
# encrypted, and the password never appears in the log, even with -vv.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
fx_require smtp openssl
kl_setup
fx_smtp_start --auth klachten:S3cret-pw --tls
printf 'S3cret-pw\n' > "$FX_DIR/smtp.pw"
chmod 600 "$FX_DIR/smtp.pw"

send_with() { # URL STARTTLS
	kl_config "outgoing = { smtp = { url = \"$1\"; starttls = \"$2\"; user = \"klachten\"; password_file = \"$FX_DIR/smtp.pw\"; ca_file = \"$FX_CA_CERT\"; timeout = \"5s\"; }; retry = { min = \"3s\"; max = \"3s\"; }; };"
	KL_RC=0
	"$KLACHTD" -c "$KL_CONF" -vv --once 2>>"$FX_DIR/trace.log" || KL_RC=$?
}

kl_deliver "$KL_DATA/samples/01-afval.eml"; kl_eq deliver "$KL_RC" 0
send_with "smtp://127.0.0.1:$FX_SMTP_PORT" required
kl_eq "--once (STARTTLS)" "$KL_RC" 0
fx_smtp_wait_count 1 30 || fx_fail "not delivered over STARTTLS"
m=$(fx_smtp_messages | tail -1)
fx_smtp_envelope "$m" > "$FX_DIR/env1"
kl_contains "STARTTLS used" "$FX_DIR/env1" "X-Sink-TLS: starttls"
kl_contains "authenticated" "$FX_DIR/env1" "X-Sink-Auth: klachten"

kl_deliver "$KL_DATA/samples/02-balie.eml"; kl_eq deliver2 "$KL_RC" 0
send_with "smtps://127.0.0.1:$FX_SMTPS_PORT" required
kl_eq "--once (smtps)" "$KL_RC" 0
fx_smtp_wait_count 2 30 || fx_fail "not delivered over smtps"
m=$(fx_smtp_messages | tail -1)
fx_smtp_envelope "$m" > "$FX_DIR/env2"
kl_contains "implicit TLS used" "$FX_DIR/env2" "X-Sink-TLS: smtps"
kl_contains "authenticated (smtps)" "$FX_DIR/env2" "X-Sink-Auth: klachten"

# The trace shows the dialogue but never the secret, plain or base64.
kl_contains "trace shows the dialogue" "$FX_DIR/trace.log" "smtp > (MAIL FROM|EHLO)"
kl_contains "AUTH masked" "$FX_DIR/trace.log" "AUTH [A-Z]+.*\*\*\* \(masked\)"
kl_absent "password" "$FX_DIR/trace.log" "S3cret-pw"
b64=$(printf '\0klachten\0S3cret-pw' | base64)
kl_absent "password (PLAIN)" "$FX_DIR/trace.log" "$b64"
kl_absent "password (LOGIN)" "$FX_DIR/trace.log" "$(printf 'S3cret-pw' | base64)"

# A wrong password is a temporary failure: the mail stays queued.
printf 'wrong\n' > "$FX_DIR/smtp.pw"
kl_deliver "$KL_DATA/samples/03-parkeren.eml"; kl_eq deliver3 "$KL_RC" 0
send_with "smtp://127.0.0.1:$FX_SMTP_PORT" required
kl_eq "queued after AUTH failure" "$(kl_sql "select status from outbox where id=3")" queued
kl_eq "nothing more delivered" "$(fx_smtp_count)" 2
# STARTTLS required but the CA is unknown: refused, mail stays queued.
kl_config "outgoing = { smtp = { url = \"smtp://127.0.0.1:$FX_SMTP_PORT\"; starttls = \"required\"; timeout = \"5s\"; }; };"
"$KLACHTD" -c "$KL_CONF" --once 2>>"$FX_DIR/klachtd.log" || true
kl_eq "still queued (untrusted cert)" "$(kl_sql "select status from outbox where id=3")" queued
echo PASS
