#!/bin/sh
# Issue 18 F13: an officer's HTML reply runs only the commands a reader
# sees.  Hidden by a <style> class or id rule, visibility:hidden,
# font-size:0, font:0/0, mso-hide:all, max-height:0 with overflow:hidden
# or opacity:0, a command line is not a command; a rule inside @media is
# conditional and hides nothing.  And when a reply carries a plain-text
# and an HTML rendering side by side (multipart/mixed), only the plain one
# is read -- never the union of both.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup
data="$top_srcdir/tests/data/officer-html"

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")

# 1. Hidden command lines around one visible #notitie.
ol_reply "$data/hidden-commands.eml" "$notif" "$OL_ANNA" "Anna de Vries"
ol_deliver "$OL_REPLY"
conf=$(ol_find confirm "$OL_ANNA" "$ref")
kl_eq "hidden: confirmation answers the reply" \
    "$(ol_header "$conf" In-Reply-To)" "<$OL_REPLY_ID>"
kl_eq "hidden: the visible note ran" "$(ol_events "$ref" note)" \
    "anna|note|Zichtbare notitie van Anna.  Met groet, Anna"
kl_eq "hidden: not closed" "$(ol_events "$ref" close)" ""
kl_eq "hidden: not assigned" "$(ol_events "$ref" assign)" ""
kl_eq "hidden: priority unchanged" "$(ol_events "$ref" priority)" ""
kl_eq "hidden: still open" "$(ol_case "$ref" closed_at)" ""
kl_eq "hidden: nothing failed" "$(ol_events "$ref" commands-failed)" ""

# 2. Plain text and HTML side by side: the plain text only.
ol_reply "$data/mixed-renderings.eml" "$notif" "$OL_ANNA" "Anna de Vries"
ol_deliver "$OL_REPLY"
kl_eq "mixed: the plain note ran" \
    "$(ol_events "$ref" note | tail -1)" "anna|note|Alleen deze tekst telt."
kl_eq "mixed: not closed" "$(ol_events "$ref" close)" ""
kl_eq "mixed: not assigned" "$(ol_events "$ref" assign)" ""

echo "PASS: $ref: no hidden or second-rendering command ran"
