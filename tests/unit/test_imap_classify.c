/*
 * test_imap_classify.c -- which kind of failure a libcurl result is
 * (imap_classify): the kind decides the log line and the back-off, and a
 * server that goes away mid-pass must read as a lost connection however
 * libcurl words it.
 */
#include "config.h"

#include <curl/curl.h>

#include "check.h"
#include "imap.h"

int
main(void)
{
	CHECK_INT(imap_classify(CURLE_OK, "", 0), IMAP_OK);
	CHECK_INT(imap_classify(CURLE_COULDNT_CONNECT, "", 0), IMAP_F_CONNECT);
	CHECK_INT(imap_classify(CURLE_RECV_ERROR, "", 0), IMAP_F_CONNECT);
	CHECK_INT(imap_classify(CURLE_GOT_NOTHING, "", 0), IMAP_F_CONNECT);
	/* Cut off in the middle of a message body. */
	CHECK_INT(imap_classify(CURLE_PARTIAL_FILE, "", 0), IMAP_F_CONNECT);
	/* "* BYE Server shutting down." as the answer to a FETCH. */
	CHECK_INT(imap_classify(CURLE_WEIRD_SERVER_REPLY,
	    "Failed to parse FETCH response.", 1), IMAP_F_CONNECT);
	CHECK_INT(imap_classify(CURLE_REMOTE_FILE_NOT_FOUND, "", 1),
	    IMAP_F_CONNECT);
	/* Without a BYE the same codes are the server's own error. */
	CHECK_INT(imap_classify(CURLE_WEIRD_SERVER_REPLY,
	    "Failed to parse FETCH response.", 0), IMAP_F_PROTOCOL);
	CHECK_INT(imap_classify(CURLE_QUOTE_ERROR, "", 0), IMAP_F_PROTOCOL);
	/* A BYE does not hide a refused login or a TLS failure. */
	CHECK_INT(imap_classify(CURLE_LOGIN_DENIED, "Access denied: 535", 1),
	    IMAP_F_LOGIN);
	CHECK_INT(imap_classify(CURLE_LOGIN_DENIED, "Select failed", 0),
	    IMAP_F_MAILBOX);
	CHECK_INT(imap_classify(CURLE_SSL_CONNECT_ERROR, "", 1), IMAP_F_TLS);
	CHECK_INT(imap_classify(CURLE_OPERATION_TIMEDOUT, "", 0),
	    IMAP_F_TIMEOUT);
	return check_done();
}
