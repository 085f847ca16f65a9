/*
 * privdrop.h -- run as the owner of the state directory.
 *
 * `klachtd deliver`, `klachtd --once` and klachtctl are sometimes run by
 * hand as root on a state directory the klachtd user owns.  Whatever
 * SQLite or the Maildirs create there as root (the -wal and -shm files, a
 * new Maildir file) the daemon could then no longer open, so these
 * programs become the directory's owner first.
 */
#ifndef KLACHT_PRIVDROP_H
#define KLACHT_PRIVDROP_H

#include <sys/types.h>

/*
 * When the process runs as root and STATE_DIR (else, when STATE_DIR is
 * root's, the DATABASE file) exists and belongs to another user, become
 * that user for good: its supplementary groups and primary group from the
 * password database (else no supplementary groups and the directory's
 * group), then its uid.  Nothing to do when not root, when neither path
 * exists, or when root owns them.  Returns 0 and sets *uid to the user
 * now in force (or (uid_t)-1 when nothing changed); -1 with *cause when
 * the change failed -- the caller must then not go on as root.
 */
int	privdrop_state_owner(const char *state_dir, const char *database,
	    uid_t *uid, char **cause);

#endif
