/*
 * privdrop.c -- become the owner of the state directory when run as root
 * (see privdrop.h for why).  No change of user ever happens when the
 * process is not root; once changed there is no way back.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "privdrop.h"
#include "util.h"

int
privdrop_state_owner(const char *state_dir, const char *database,
    uid_t *uid, char **cause)
{
	struct stat	 sb;
	struct passwd	*pw;
	const char	*what = state_dir;
	gid_t		 gid;

	*uid = (uid_t)-1;
	if (geteuid() != 0)
		return 0;
	if (stat(state_dir, &sb) == -1 || sb.st_uid == 0) {
		/* A root-owned directory may still hold the owner's database. */
		what = database;
		if (database == NULL || stat(database, &sb) == -1 ||
		    sb.st_uid == 0)
			return 0;
	}
	gid = sb.st_gid;
	errno = 0;
	if ((pw = getpwuid(sb.st_uid)) != NULL) {
		gid = pw->pw_gid;
		if (initgroups(pw->pw_name, gid) == -1)
			goto fail;
	} else if (setgroups(0, NULL) == -1)
		goto fail;
	if (setgid(gid) == -1 || setuid(sb.st_uid) == -1)
		goto fail;
	/* Paranoia: the change must be permanent. */
	if (getuid() != sb.st_uid || geteuid() != sb.st_uid ||
	    setuid(0) != -1) {
		set_cause(cause, "could not give up root for the owner of %s",
		    what);
		return -1;
	}
	*uid = sb.st_uid;
	return 0;
fail:
	set_cause(cause, "%s belongs to uid %lu, but switching to that user "
	    "failed: %s; not running as root there", what,
	    (unsigned long)sb.st_uid, strerror(errno));
	return -1;
}
