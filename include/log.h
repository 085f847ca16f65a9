/*
 * log.h -- one logging facility for the daemon and the tools.
 *
 * Lines go to stderr (which systemd's journal captures, with the level as
 * a "<N>" prefix it understands) or to syslog.  Callers put identifiers in
 * every line about a message or case: case=KL-2026-00042 msgid=<...>.
 * Anything that came from mail must be passed through str_log_safe().
 */
#ifndef KLACHT_LOG_H
#define KLACHT_LOG_H

enum log_level { LOG_LVL_ERR = 3, LOG_LVL_WARN = 4, LOG_LVL_NOTICE = 5,
    LOG_LVL_INFO = 6, LOG_LVL_DEBUG = 7 };

/* name is the program name; to_syslog selects syslog over stderr;
 * level is the most verbose level printed. */
void	log_init(const char *name, int to_syslog, enum log_level level);
void	log_set_level(enum log_level);
int	log_get_level(void);
/* Sets when stderr output carries "<N>" journal priority prefixes. */
void	log_set_journal(int);

void	log_err(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_notice(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
/* An administrative action (klachtctl): logged at notice level as usual
 * and, when that is neither syslog nor the journal already, also to
 * syslog, so the system log keeps a trace of who changed what. */
void	log_audit(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Logs and exits with the given sysexits code. */
void	fatalx(int code, const char *, ...)
	    __attribute__((format(printf, 2, 3), noreturn));

#endif
