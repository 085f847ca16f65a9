/*
 * lang.h -- the two languages klachtd writes in: letters to complainants
 * in their case's language, mail to staff in the organisation's.
 *
 * A language is parsed once -- from the configuration (cfg->lang) or from
 * a case's stored language -- into enum lang; its name is also the
 * directory of its templates (templates/nl, templates/en) and what the
 * database stores.
 */
#ifndef KLACHT_LANG_H
#define KLACHT_LANG_H

enum lang { LANG_NL, LANG_EN };

/* English for "en" (and "en-GB", any case); Dutch, the default, for
 * anything else, NULL included. */
enum lang	 lang_parse(const char *);
/* "nl" / "en": the template directory and the stored name. */
const char	*lang_name(enum lang);
/* Whether s names English (lang_parse(s) == LANG_EN): the one spelling
 * of "is the language English?". */
int		 lang_is_en(const char *s);
/* A language as an officer writes it: "nl", "nederlands", "dutch", "en",
 * "engels", "english" (any case).  0 and *out, or -1 for anything else. */
int		 lang_word(const char *s, enum lang *out);

#endif
