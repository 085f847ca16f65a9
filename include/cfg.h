/*
 * cfg.h -- the configuration: loaded from a libconfig file, checked
 * strictly (unknown keys and wrong types are errors with file and line),
 * with a built-in default for every key that has a sensible one.
 */
#ifndef KLACHT_CFG_H
#define KLACHT_CFG_H

#include <stddef.h>
#include <stdint.h>

struct cfg_officer {
	char	 *id;
	char	 *name;
	char	 *email;
	char	**categories;	/* NULL-terminated; empty = all */
};

struct cfg_category {
	char	*id;
	char	*name;
	int	 confidential;
};

enum cfg_intake { CFG_INTAKE_NONE, CFG_INTAKE_MAILDIR, CFG_INTAKE_IMAP };
enum cfg_outgoing { CFG_OUT_MAILDIR, CFG_OUT_SMTP };
enum cfg_tls { CFG_TLS_NO, CFG_TLS_TRY, CFG_TLS_REQUIRED };

struct cfg_imap {
	char	*url;
	char	*user;
	char	*password_file;
	char	*oauth2_token_file;
	char	*oauth2_token_command;
	char	*processed_mailbox;
	char	*ca_file;
	enum cfg_tls starttls;
	int64_t	 poll_interval;		/* seconds */
	int64_t	 timeout;		/* seconds */
};

struct cfg_smtp {
	char	*url;
	char	*user;
	char	*password_file;
	char	*ca_file;
	enum cfg_tls starttls;
	int64_t	 timeout;		/* seconds */
};

struct cfg {
	char	*path;			/* file it came from, or NULL */

	char	*org_name;
	char	*org_address;		/* the complaints address, From: */
	char	*ref_prefix;		/* "KL" */

	char	*state_dir;
	char	*database;
	char	*templates;
	char	*language;

	int64_t	 term_decide;		/* seconds; Awb 9:11: 6 weeks */

	size_t	 max_message_size;
	int64_t	 busy_timeout_ms;
	int	 auto_reply_limit;	/* automatic replies per address/day */

	enum cfg_intake	 intake;
	char		*intake_maildir;
	struct cfg_imap	 imap;

	enum cfg_outgoing outgoing;
	char		*out_maildir;
	struct cfg_smtp	 smtp;
	int64_t		 retry_min;	/* seconds */
	int64_t		 retry_max;
	int64_t		 retry_give_up;

	char	*auth_secret_file;	/* HMAC key for reply tokens */
	char	*auth_require;		/* "token", "dkim", "token-or-dkim" */
	char	*auth_serv_id;		/* our MX's Authentication-Results id */

	struct cfg_officer	*officers;
	size_t			 nofficers;
	struct cfg_category	*categories;
	size_t			 ncategories;
};

/*
 * Loads path into a new cfg (caller frees with cfg_free).  path NULL means
 * "built-in defaults only" with state_dir as given (NULL for the default).
 * On failure returns NULL and *cause lists every problem found, one per
 * line, each as "file:line: what is wrong".
 */
struct cfg	*cfg_load(const char *path, const char *state_dir, char **cause);
void		 cfg_free(struct cfg *);

const struct cfg_officer  *cfg_officer_by_email(const struct cfg *, const char *);
const struct cfg_officer  *cfg_officer_by_id(const struct cfg *, const char *);
const struct cfg_category *cfg_category_by_id(const struct cfg *, const char *);

/* Default path of the configuration file. */
const char	*cfg_default_path(void);

#endif
