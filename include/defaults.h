/*
 * defaults.h -- the built-in places and limits that klachtd and the lean
 * MTA entry klachtd-deliver must agree on.  One copy here: were they to
 * differ, a delivery would spool where the daemon never looks.
 */
#ifndef KLACHT_DEFAULTS_H
#define KLACHT_DEFAULTS_H

#ifndef SYSCONFDIR
#define SYSCONFDIR	"/etc"
#endif
#ifndef LOCALSTATEDIR
#define LOCALSTATEDIR	"/var"
#endif
#ifndef SBINDIR
#define SBINDIR		"/usr/sbin"
#endif

/* The configuration file read when -c is not given. */
#define KL_CONF_PATH		SYSCONFDIR "/klachtd/klachtd.conf"
/* The state directory when neither -s, state_dir nor $STATE_DIRECTORY
 * says otherwise. */
#define KL_STATE_DIR		LOCALSTATEDIR "/lib/klachtd"
/* limits.max_message_size when the file sets none. */
#define KL_MAX_MESSAGE_SIZE	(50 * 1024 * 1024)
/*
 * The spool Maildir in the state directory: klachtd-deliver writes a
 * message there when a daemon is listening on the wake socket and wakes
 * it with WAKE_SPOOL (wake.h); the daemon takes it as source "pipe".
 */
#define KL_SPOOL_DIR		"spool"

#endif
