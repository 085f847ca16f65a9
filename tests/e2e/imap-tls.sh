#!/bin/sh
# TLS: imaps:// (implicit) and imap:// with starttls = "required", both
# verifying the server against ca_file; an untrusted certificate is a
# logged TLS failure and nothing is read.  Dovecot offers only the SASL
# LOGIN mechanism here, so the -vv transcript must mask the base64
# username/password continuation lines too.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
FX_DOVECOT_EXTRA_CONF="auth_mechanisms = login"
im_setup
PW64=$(printf '%s' "$FX_IMAP_PASS" | base64)

# Implicit TLS, untrusted: refused before anything is sent.
IM_URL="imaps://127.0.0.1:$FX_IMAPS_PORT/INBOX" im_config
im_mail 1 tls
im_once -vv
kl_eq "imaps, unknown CA" "$KL_RC" 75
kl_contains "TLS failure logged" "$FX_DIR/once.log" \
    "error: imap: TLS failure: .*certificate"
kl_absent "no login attempted" "$FX_DIR/once.log" "AUTHENTICATE"
kl_eq "no case" "$(im_cases)" 0

# Implicit TLS with ca_file.
IM_URL="imaps://127.0.0.1:$FX_IMAPS_PORT/INBOX" im_config "ca_file = \"$FX_CA_CERT\";"
im_once -vv
kl_eq "imaps" "$KL_RC" 0
kl_eq "case over imaps" "$(im_cases)" 1
kl_absent "no STARTTLS on imaps" "$FX_DIR/once.log" "> [A-Z0-9]+ STARTTLS"
kl_contains "SASL LOGIN used" "$FX_DIR/once.log" "imap > [A-Z0-9]+ AUTHENTICATE LOGIN"
kl_absent "LOGIN continuation masked" "$FX_DIR/once.log" "$PW64"
kl_absent "password never shown" "$FX_DIR/once.log" "$FX_IMAP_PASS"
kl_contains "masked lines" "$FX_DIR/once.log" 'imap > \*\*\* \(masked\)$'

# STARTTLS required, untrusted: no login in clear text.
IM_STARTTLS=required im_config
im_mail 1 starttls
im_once -vv
kl_eq "STARTTLS, unknown CA" "$KL_RC" 75
kl_contains "STARTTLS sent" "$FX_DIR/once.log" "imap > [A-Z0-9]+ STARTTLS"
kl_contains "TLS failure logged" "$FX_DIR/once.log" "error: imap: TLS failure: "
kl_absent "no login attempted" "$FX_DIR/once.log" "AUTHENTICATE"

# STARTTLS required with ca_file.
IM_STARTTLS=required im_config "ca_file = \"$FX_CA_CERT\";"
im_once -vv
kl_eq "STARTTLS" "$KL_RC" 0
kl_eq "case over STARTTLS" "$(im_cases)" 2
kl_contains "upgraded before login" "$FX_DIR/once.log" "imap < [A-Z0-9]+ OK Begin TLS"
kl_absent "LOGIN continuation masked" "$FX_DIR/once.log" "$PW64"

# starttls = "no" on imap://: plain, as configured (for loopback setups).
IM_STARTTLS=no im_config
im_mail 1 plain
im_once -vv
kl_eq "plain" "$KL_RC" 0
kl_absent "no STARTTLS when off" "$FX_DIR/once.log" "STARTTLS$"
kl_eq "case over plain imap" "$(im_cases)" 3
echo PASS
