/*
 * The rolling hash GitHub code scanning uses to fingerprint a result's
 * line: for each line, a polynomial hash (base 37, modulo 2^64) of the
 * next 100 characters starting at the line's first character, counting
 * UTF-16 code units, skipping spaces and tabs, with CR and CRLF read as
 * LF, then an end marker (65535) and zeros; the value is printed in hex
 * and followed by ':n', n counting earlier lines with the same value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "report/linehash.h"
#include "util/mem.h"

#define WINDOW 100
#define BASE 37u
#define END_MARK 65535u

struct hashstate {
	uint32_t window[WINDOW];
	long line_at[WINDOW];	/* line starting at that window slot, or -1 */
	uint64_t hash, first_mod;
	int index;
	long line;
	int line_start, prev_cr;
	/* output */
	char **out;
	size_t n, alloc;
	/* occurrences of each hash value: open addressing */
	uint64_t *seen_key;
	unsigned *seen_count;
	size_t seen_cap, seen_n;
};

static unsigned count_hash(struct hashstate *s, uint64_t h)
{
	size_t i;

	if ((s->seen_n + 1) * 2 > s->seen_cap) {
		uint64_t *ok = s->seen_key;
		unsigned *oc = s->seen_count;
		size_t oldcap = s->seen_cap, j;

		s->seen_cap = oldcap ? oldcap * 2 : 1024;
		s->seen_key = xcalloc(s->seen_cap, sizeof(*s->seen_key));
		s->seen_count = xcalloc(s->seen_cap, sizeof(*s->seen_count));
		for (j = 0; j < oldcap; j++) {
			if (!oc[j])
				continue;
			i = (size_t)(ok[j] * 0x9e3779b97f4a7c15ull) & (s->seen_cap - 1);
			while (s->seen_count[i])
				i = (i + 1) & (s->seen_cap - 1);
			s->seen_key[i] = ok[j];
			s->seen_count[i] = oc[j];
		}
		free(ok);
		free(oc);
	}
	i = (size_t)(h * 0x9e3779b97f4a7c15ull) & (s->seen_cap - 1);
	while (s->seen_count[i] && s->seen_key[i] != h)
		i = (i + 1) & (s->seen_cap - 1);
	if (!s->seen_count[i]) {
		s->seen_key[i] = h;
		s->seen_n++;
	}
	return ++s->seen_count[i];
}

static void emit(struct hashstate *s)
{
	long line = s->line_at[s->index];
	unsigned n = count_hash(s, s->hash);

	if (line >= 1) {
		vec_grow((void **)&s->out, &s->alloc, (size_t)line, sizeof(*s->out));
		while (s->n < (size_t)line)
			s->out[s->n++] = NULL;
		s->out[line - 1] = xasprintf("%llx:%u", (unsigned long long)s->hash, n);
	}
	s->line_at[s->index] = -1;
}

static void update(struct hashstate *s, uint32_t c)
{
	uint32_t begin = s->window[s->index];

	s->window[s->index] = c;
	s->hash = BASE * s->hash + c - s->first_mod * begin;
	s->index = (s->index + 1) % WINDOW;
}

static void put(struct hashstate *s, uint32_t c)
{
	if (c == ' ' || c == '\t' || (s->prev_cr && c == '\n')) {
		s->prev_cr = 0;
		return;
	}
	if (c == '\r') {
		c = '\n';
		s->prev_cr = 1;
	} else {
		s->prev_cr = 0;
	}
	if (s->line_at[s->index] != -1)
		emit(s);
	if (s->line_start) {
		s->line_start = 0;
		s->line_at[s->index] = ++s->line;
	}
	if (c == '\n')
		s->line_start = 1;
	update(s, c);
}

/* Feed one UTF-8 sequence as UTF-16 code units (invalid bytes as U+FFFD). */
static size_t put_utf8(struct hashstate *s, const unsigned char *p, size_t len)
{
	uint32_t cp;
	size_t need, i;

	if (p[0] < 0x80) {
		put(s, p[0]);
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0) {
		cp = p[0] & 0x1f;
		need = 1;
	} else if ((p[0] & 0xf0) == 0xe0) {
		cp = p[0] & 0x0f;
		need = 2;
	} else if ((p[0] & 0xf8) == 0xf0) {
		cp = p[0] & 0x07;
		need = 3;
	} else {
		put(s, 0xfffd);
		return 1;
	}
	if (need >= len) {
		put(s, 0xfffd);
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			put(s, 0xfffd);
			return 1;
		}
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (cp > 0xffff) {
		cp -= 0x10000;
		put(s, 0xd800 + (cp >> 10));
		put(s, 0xdc00 + (cp & 0x3ff));
	} else {
		put(s, cp);
	}
	return need + 1;
}

int line_hashes(const char *path, char ***out, size_t *n)
{
	struct hashstate s = { 0 };
	unsigned char *buf;
	size_t len, i;
	long sz;
	struct stat st;
	FILE *f = fopen(path, "rb");

	if (!f)
		return -1;
	/* a directory opens fine and then reads nothing sensible */
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
		fclose(f);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) || (sz = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -1;
	}
	buf = xmalloc((size_t)sz + 1);
	len = fread(buf, 1, (size_t)sz, f);
	fclose(f);
	s.first_mod = 1;
	for (i = 0; i < WINDOW; i++) {
		s.first_mod *= BASE;
		s.line_at[i] = -1;
	}
	s.line_start = 1;
	for (i = 0; i < len;)
		i += put_utf8(&s, buf + i, len - i);
	put(&s, END_MARK);
	for (i = 0; i < WINDOW; i++) {
		if (s.line_at[s.index] != -1)
			emit(&s);
		update(&s, 0);
	}
	free(buf);
	free(s.seen_key);
	free(s.seen_count);
	*out = s.out;
	*n = s.n;
	return 0;
}
