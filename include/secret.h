/*
 * secret.h -- every read of a secret, in one place (secret.c): password
 * files, the OAuth2 token file and token command, paths under systemd's
 * ${CREDENTIALS_DIRECTORY}, and the reply-token key file (read, or made
 * when missing).
 *
 * What these functions return is the caller's to wipe and free:
 * secret_free() for strings, secret_wipe_free() for key bytes.  Their
 * buffers are wiped before they are freed, on every path, and no cause
 * ever holds a secret.
 */
#ifndef KLACHT_SECRET_H
#define KLACHT_SECRET_H

#include <stddef.h>

/*
 * Paths of secret files (password_file, oauth2_token_file, secret_file)
 * may start with ${CREDENTIALS_DIRECTORY}/ -- the directory where systemd
 * puts LoadCredential= files.  It is expanded when the configuration is
 * loaded if the variable is set; otherwise the path keeps the literal
 * text and reading it fails with a message that says why.
 */
#define SECRET_CREDENTIALS_VAR	"${CREDENTIALS_DIRECTORY}"
/* Cap on a secret file or a token: OAuth2 access tokens (Microsoft 365)
 * can run to several KiB. */
#define SECRET_MAX		(64 * 1024)
#define SECRET_KEY_BYTES	32	/* random bytes in a new key file */

/* The configured path with SECRET_CREDENTIALS_VAR expanded when the
 * environment sets CREDENTIALS_DIRECTORY (else a plain copy); NULL for
 * NULL.  Caller frees. */
char	*secret_path(const char *value);

/* The first line of a secret file, its newline removed; NULL with cause
 * when it cannot be read, is over SECRET_MAX or its first line is empty. */
char	*secret_read_file(const char *path, char **cause);
/* For `klachtd -n`: 0 when path (NULL: nothing to check) can be read as
 * a secret, else -1 with cause -- also when it still holds the literal
 * SECRET_CREDENTIALS_VAR.  The secret is wiped at once. */
int	 secret_check_file(const char *path, char **cause);

/* The OAuth2 token in a file: its first line, blanks trimmed. */
char	*secret_token_file(const char *path, char **cause);
/* Runs command with sh -c and returns the first line of its standard
 * output, blanks trimmed, killing it (its whole process group) after
 * timeout seconds (60 when not positive).  For oauth2_token_command. */
char	*secret_token_command(const char *command, int timeout,
	    char **cause);

/*
 * The reply-token key (auth.secret_file): its first line, as hex when it
 * is an even number (>= 32) of hex digits, else as the bytes written; at
 * least min bytes.  When the file does not exist and create is set, a new
 * one is made first: SECRET_KEY_BYTES from getrandom(2) in hex, mode
 * 0600, put in place atomically (link(2)), so concurrent processes all
 * end up with the same key.  0 with *key (secret_wipe_free it) and *len,
 * or -1 with cause.
 */
int	 secret_key_read(const char *path, int create, size_t min,
	    unsigned char **key, size_t *len, char **cause);
/* For `klachtd -n`: 0 when the key file is valid (as secret_key_read),
 * or missing but can be created (its directory exists, or is state_dir,
 * which start-up makes); -1 with cause otherwise.  Creates nothing. */
int	 secret_key_check(const char *path, const char *state_dir,
	    size_t min, char **cause);

/* Wipes and frees a secret string (NULL is fine). */
void	 secret_free(char *);
/* Wipes len bytes at p and frees p (NULL is fine). */
void	 secret_wipe_free(void *p, size_t len);

#endif
