/*
 * safefile.h -- writing files where an administrator points us (a
 * backup, an AVG export) without being led elsewhere by a symbolic link
 * or by someone who can change the directory under us.
 *
 * klachtctl runs as root or as the klachtd user; the directory it is
 * given may belong to someone else.  Everything here works relative to
 * an open directory descriptor, creates with O_EXCL | O_NOFOLLOW (never
 * over anything, never through a link), and sets modes with fchmod on
 * what it created.  A directory to write into must be owned by the
 * caller or root and writable by no one else, so no other account can
 * rename, replace or plant entries in it while we work.
 */
#ifndef KLACHT_SAFEFILE_H
#define KLACHT_SAFEFILE_H

/* Splits path into its directory (caller frees; "." when none) and its
 * last component (caller frees), which must be a name: not empty, ".",
 * ".." or ending in '/'.  0, or -1 with cause. */
int	 safe_split(const char *path, char **dir, char **base, char **cause);
/* 0 when the open directory fd (named what in messages) is a directory
 * owned by the caller or root and not writable by group or others; -1
 * with cause otherwise. */
int	 safe_dir_check(int fd, const char *what, char **cause);
/* Opens the directory path (O_DIRECTORY) and checks it as
 * safe_dir_check() does; the fd (caller closes), or -1 with cause. */
int	 safe_dir_open(const char *path, char **cause);
/*
 * Like safe_dir_open(), for a directory that a program taking a path
 * name (SQLite) will write into: every directory from / down to it must
 * be owned by root or the caller and not writable by group or others
 * (except sticky ones above it, like /tmp), so nobody else can change
 * what the path leads to.  *canon gets the path without links (caller
 * frees).  The fd, or -1 with cause.
 */
int	 safe_dir_open_path(const char *path, char **canon, char **cause);
/* Creates name in dfd for writing: O_CREAT | O_EXCL | O_NOFOLLOW, then
 * fchmod to mode (the umask does not weaken it).  The fd (caller
 * closes), or -1 with cause ("exists" for anything there already, a
 * link included). */
int	 safe_create(int dfd, const char *name, int mode, char **cause);
/* A directory name in dfd, made with mode (*created = 1; fchmod'ed), or
 * an existing one (*created = 0) that passes safe_dir_check() and holds
 * nothing.  Never through a link.  The fd (caller closes), or -1 with
 * cause. */
int	 safe_mkdir(int dfd, const char *name, int mode, int *created,
	    char **cause);
/* Writes all of data to fd; 0, or -1 with errno set. */
int	 safe_write_all(int fd, const void *data, size_t len);

#endif
