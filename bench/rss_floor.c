/*
 * rss_floor.c -- the resident memory a process has only for loading the
 * libraries klachtd links and touching each once, before any work of
 * its own: the floor under the daemon's steady RSS (bench/rss-floor.sh
 * builds it with more libraries at a time).  Prints Rss, Pss and
 * Private_Dirty of /proc/self/smaps_rollup, in KiB.  With REST_ONLY:
 * what klachtd-rest links (libc and libsystemd), for the daemon at rest.
 */
#ifdef REST_ONLY
#include <systemd/sd-daemon.h>
#else
#include <gmime/gmime.h>
#include <libconfig.h>
#include <sqlite3.h>
#endif
#include <stdio.h>
#include <string.h>
#ifdef WITH_XML
#include <libxml/HTMLparser.h>
#endif
#ifdef WITH_CURL
#include <curl/curl.h>
#endif
#ifdef WITH_ICAL
#include <libical/ical.h>
#endif
#ifdef WITH_PANGO
#include <pango/pangocairo.h>
#endif

int
main(void)
{
#ifndef REST_ONLY
	sqlite3		*db;
	config_t	 c;
#endif
	char		 line[256];
	FILE		*f;

#ifdef REST_ONLY
	(void)sd_notify(0, "STATUS=floor");	/* no $NOTIFY_SOCKET: a no-op */
#else
	g_mime_init();
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE TABLE t (a); INSERT INTO t VALUES (1)",
	    NULL, NULL, NULL) != SQLITE_OK)
		return 1;
	config_init(&c);
#endif
#ifdef WITH_XML
	xmlFreeDoc(htmlReadMemory("<p>x</p>", 8, NULL, "utf-8", 0));
#endif
#ifdef WITH_CURL
	curl_global_init(CURL_GLOBAL_DEFAULT);
#endif
#ifdef WITH_ICAL
	icalcomponent_free(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
#endif
#ifdef WITH_PANGO
	g_object_unref(pango_cairo_font_map_new());
#endif
	if ((f = fopen("/proc/self/smaps_rollup", "r")) == NULL)
		return 1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "Rss:", 4) == 0 ||
		    strncmp(line, "Pss:", 4) == 0 ||
		    strncmp(line, "Private_Dirty:", 14) == 0)
			fputs(line, stdout);
	fclose(f);
#ifndef REST_ONLY
	config_destroy(&c);
	sqlite3_close(db);
#endif
	return 0;
}
