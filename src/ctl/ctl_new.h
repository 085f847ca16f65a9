/*
 * ctl_new.h -- `klachtctl new`: register a complaint made by phone, at
 * the counter, by letter or by web form (register.h).  klachtctl parses
 * the options below into a struct ctl_new_opts (CTL_NEW_LONGOPTS in its
 * option table, ctl_new_option() for each one); --email and --category
 * are the report's options (ctl_report.h), read from there.
 */
#ifndef KLACHT_CTL_NEW_H
#define KLACHT_CTL_NEW_H

#include <stddef.h>

#define CTL_NEW_MAXFILES	32

struct ctl_new_opts {
	const char	*channel;
	const char	*name;
	const char	*address;
	const char	*phone;
	const char	*received;
	const char	*subject;
	const char	*text;		/* a file; NULL or "-": stdin */
	const char	*language;
	const char	*files[CTL_NEW_MAXFILES];
	size_t		 nfiles;
	int		 too_many;	/* more --attach than fit */
};

/* getopt_long values of our options (above the report's). */
enum {
	CTL_NO_CHANNEL = 0x1100, CTL_NO_NAME, CTL_NO_ADDRESS, CTL_NO_PHONE,
	CTL_NO_RECEIVED, CTL_NO_SUBJECT, CTL_NO_TEXT, CTL_NO_ATTACH,
	CTL_NO_LANGUAGE
};
#define CTL_NEW_LONGOPTS \
	{ "channel", required_argument, NULL, CTL_NO_CHANNEL }, \
	{ "name", required_argument, NULL, CTL_NO_NAME }, \
	{ "address", required_argument, NULL, CTL_NO_ADDRESS }, \
	{ "phone", required_argument, NULL, CTL_NO_PHONE }, \
	{ "received", required_argument, NULL, CTL_NO_RECEIVED }, \
	{ "subject", required_argument, NULL, CTL_NO_SUBJECT }, \
	{ "text", required_argument, NULL, CTL_NO_TEXT }, \
	{ "attach", required_argument, NULL, CTL_NO_ATTACH }, \
	{ "language", required_argument, NULL, CTL_NO_LANGUAGE }

#define CTL_NEW_USAGE \
"      --channel C       new: telefoon, balie, brief or webformulier\n" \
"                        (phone, counter, letter, web)\n" \
"      --name N          new: the complainant's name\n" \
"      --email ADDR      new: their email address (letters by mail)\n" \
"      --address 'L; L'  new: their postal address (letters by post)\n" \
"      --phone P         new: their phone number\n" \
"      --received D      new: date of receipt, YYYY-MM-DD (default today;\n" \
"                        the term runs from it)\n" \
"      --category C      new: the category\n" \
"      --subject S       new: a subject (default \"Klacht per <channel>\")\n" \
"      --text FILE       new: the complaint's text (default: standard input)\n" \
"      --attach FILE     new: a file handed in (repeatable)\n" \
"      --language L      new: nl or en, the letters' language\n"

/* Stores option ch (with its argument); 0 when it is one of ours, -1
 * when not. */
int	ctl_new_option(struct ctl_new_opts *, int ch, const char *arg);

#endif
