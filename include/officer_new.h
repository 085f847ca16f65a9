/*
 * officer_new.h -- #nieuw / #new, the desk command that registers a
 * complaint made by phone, at the counter, by letter or by web form
 * (officer_new.c; register.h does the registering).
 */
#ifndef KLACHT_OFFICER_NEW_H
#define KLACHT_OFFICER_NEW_H

#include "officer_exec.h"

/* #nieuw <channel>, "key: value" lines, the complaint text; the files of
 * the mail go with it.  A wrong registration is the officer's error. */
enum kres	 officer_do_new(struct officer_exec *, const struct cmd *,
		    char **cause);

#endif
