/*
 * raw_fetch.c -- the physical limit of IMAP intake: fetch UIDs FIRST..LAST
 * with libcurl over one connection, the way klachtd's imap.c does (one
 * easy handle, one login and SELECT, then "UID FETCH n BODY[]" per
 * message, the body kept in memory and thrown away), and nothing else:
 * no parsing, no database.  A baseline for bench/imap-ingest.sh.
 *
 *	raw-fetch URL USER PASSWORD-FILE FIRST LAST
 *
 * URL is the mailbox, e.g. imap://127.0.0.1:1143/INBOX.  Prints
 * "fetched N messages, B bytes in S s" and exits 0, or 1 on the first
 * failure.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct sink {
	char	*data;
	size_t	 len, cap;
};

static size_t
write_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct sink	*s = arg;
	size_t		 n = size * nmemb;

	if (s->len + n > s->cap) {
		s->cap = (s->len + n) * 2;
		if ((s->data = realloc(s->data, s->cap)) == NULL)
			return 0;
	}
	memcpy(s->data + s->len, ptr, n);
	s->len += n;
	return n;
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
read_password(const char *path)
{
	static char	 buf[512];
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL || fgets(buf, sizeof buf, f) ==
	    NULL) {
		perror(path);
		exit(1);
	}
	fclose(f);
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

int
main(int argc, char **argv)
{
	struct sink	 s = { NULL, 0, 0 };
	CURL		*h;
	CURLcode	 rc;
	char		 url[2048], err[CURL_ERROR_SIZE];
	long		 first, last, uid;
	double		 t0, t1;
	size_t		 bytes = 0;

	if (argc != 6) {
		fprintf(stderr, "usage: raw-fetch URL USER PASSWORD-FILE "
		    "FIRST LAST\n");
		return 2;
	}
	first = strtol(argv[4], NULL, 10);
	last = strtol(argv[5], NULL, 10);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((h = curl_easy_init()) == NULL)
		return 1;
	curl_easy_setopt(h, CURLOPT_USERNAME, argv[2]);
	curl_easy_setopt(h, CURLOPT_PASSWORD, read_password(argv[3]));
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
	t0 = now();
	for (uid = first; uid <= last; uid++) {
		snprintf(url, sizeof url, "%s;UID=%ld", argv[1], uid);
		curl_easy_setopt(h, CURLOPT_URL, url);
		s.len = 0;
		err[0] = '\0';
		if ((rc = curl_easy_perform(h)) != CURLE_OK) {
			fprintf(stderr, "raw-fetch: uid %ld: %s: %s\n", uid,
			    curl_easy_strerror(rc), err);
			return 1;
		}
		bytes += s.len;
	}
	t1 = now();
	printf("fetched %ld messages, %zu bytes in %.4f s\n", last - first + 1,
	    bytes, t1 - t0);
	curl_easy_cleanup(h);
	curl_global_cleanup();
	free(s.data);
	return 0;
}
