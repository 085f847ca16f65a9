#!/bin/sh
# Broken mail (issue 18, D1-D14 and an encoded CR/LF in a From name): the
# crafted messages in tests/data/broken go through the real `klachtd
# deliver`, one after another on one state directory, and what each caused
# is checked against its NAME.expect by the corpus runner (tests/e2e/corpus.sh;
# tests/data/corpus/README describes the keys).  tests/unit/test_brokenmail
# checks the same messages at the parser.
top_srcdir="${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}"
KL_CORPUS_DIR="$top_srcdir/tests/data/broken"
export top_srcdir KL_CORPUS_DIR
exec "${SHELL:-/bin/sh}" "$top_srcdir/tests/e2e/corpus.sh"
