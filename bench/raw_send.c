/*
 * raw_send.c -- the physical limit of the outbox: send ready-made
 * messages with libcurl over one SMTP connection, the way klachtd's
 * smtp.c does (one easy handle for the batch, MAIL FROM / RCPT TO / DATA
 * per message from memory), and nothing else: no database.  A baseline
 * for bench/outbox-send.sh.
 *
 *	raw-send URL LIST
 *
 * URL is the server with the EHLO name as its path, e.g.
 * smtp://127.0.0.1:2525/bench.example.  LIST has one line per message:
 * "FROM<tab>RCPT<tab>FILE" (FILE: the message with CRLF line ends).  The
 * files are read into memory before the clock starts.  Prints "sent N
 * messages, B bytes in S s" and exits 0, or 1 on the first failure.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct msg {
	char	*from, *rcpt;
	char	*data;
	size_t	 len, off;
};

static size_t
read_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct msg	*m = arg;
	size_t		 n = size * nmemb;

	if (n > m->len - m->off)
		n = m->len - m->off;
	memcpy(ptr, m->data + m->off, n);
	m->off += n;
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
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		perror(path);
		exit(1);
	}
	if ((p = malloc((size_t)n + 1)) == NULL ||
	    fread(p, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(1);
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

int
main(int argc, char **argv)
{
	struct msg		*v = NULL;
	size_t			 n = 0, i, bytes = 0;
	char			 line[4096], err[CURL_ERROR_SIZE], *t1, *t2;
	FILE			*f;
	CURL			*h;
	CURLcode		 rc;
	double			 a, b;

	if (argc != 3) {
		fprintf(stderr, "usage: raw-send URL LIST\n");
		return 2;
	}
	if ((f = fopen(argv[2], "r")) == NULL) {
		perror(argv[2]);
		return 1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if ((t1 = strchr(line, '\t')) == NULL ||
		    (t2 = strchr(t1 + 1, '\t')) == NULL)
			continue;
		*t1++ = '\0';
		*t2++ = '\0';
		if ((v = realloc(v, (n + 1) * sizeof *v)) == NULL)
			return 1;
		v[n].from = malloc(strlen(line) + 3);
		v[n].rcpt = malloc(strlen(t1) + 3);
		if (v[n].from == NULL || v[n].rcpt == NULL)
			return 1;
		sprintf(v[n].from, "<%s>", line);
		sprintf(v[n].rcpt, "<%s>", t1);
		v[n].data = slurp(t2, &v[n].len);
		v[n].off = 0;
		bytes += v[n].len;
		n++;
	}
	fclose(f);

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((h = curl_easy_init()) == NULL)
		return 1;
	curl_easy_setopt(h, CURLOPT_URL, argv[1]);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	a = now();
	for (i = 0; i < n; i++) {
		struct curl_slist *rcpts = curl_slist_append(NULL, v[i].rcpt);

		curl_easy_setopt(h, CURLOPT_MAIL_FROM, v[i].from);
		curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpts);
		curl_easy_setopt(h, CURLOPT_READDATA, &v[i]);
		curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE,
		    (curl_off_t)v[i].len);
		err[0] = '\0';
		rc = curl_easy_perform(h);
		curl_easy_setopt(h, CURLOPT_MAIL_RCPT, NULL);
		curl_slist_free_all(rcpts);
		if (rc != CURLE_OK) {
			fprintf(stderr, "raw-send: message %zu: %s: %s\n", i + 1,
			    curl_easy_strerror(rc), err);
			return 1;
		}
	}
	b = now();
	printf("sent %zu messages, %zu bytes in %.4f s\n", n, bytes, b - a);
	curl_easy_cleanup(h);
	curl_global_cleanup();
	for (i = 0; i < n; i++) {
		free(v[i].from);
		free(v[i].rcpt);
		free(v[i].data);
	}
	free(v);
	return 0;
}
