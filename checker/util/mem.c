/* Allocation helpers, string pool and string buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include "util/diag.h"
#include "util/mem.h"

static void *check(void *p)
{
	if (!p) {
		fprintf(stderr, "pfvf-lockcheck: fatal: out of memory\n");
		exit(2);
	}
	return p;
}

void *xmalloc(size_t n)
{
	return check(malloc(n ? n : 1));
}

void *xcalloc(size_t n, size_t size)
{
	return check(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t n)
{
	return check(realloc(p, n ? n : 1));
}

char *xstrdup(const char *s)
{
	return check(strdup(s));
}

char *xstrndup(const char *s, size_t n)
{
	return check(strndup(s, n));
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc((size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return s;
}

void vec_grow(void **v, size_t *alloc, size_t want, size_t size)
{
	size_t n = *alloc ? *alloc : 8;

	if (want <= *alloc)
		return;
	while (n < want)
		n *= 2;
	*v = xrealloc(*v, n * size);
	*alloc = n;
}

static void strpool_grow(struct strpool *p)
{
	char **old = p->slot;
	size_t oldcap = p->cap, i;

	p->cap = oldcap ? oldcap * 2 : 1024;
	p->slot = xcalloc(p->cap, sizeof(*p->slot));
	for (i = 0; i < oldcap; i++) {
		size_t h;

		if (!old[i])
			continue;
		h = XXH3_64bits(old[i], strlen(old[i])) & (p->cap - 1);
		while (p->slot[h])
			h = (h + 1) & (p->cap - 1);
		p->slot[h] = old[i];
	}
	free(old);
}

const char *strpool_intern(struct strpool *p, const char *s)
{
	size_t len = strlen(s), h;

	if ((p->n + 1) * 2 > p->cap)
		strpool_grow(p);
	h = XXH3_64bits(s, len) & (p->cap - 1);
	while (p->slot[h]) {
		if (!strcmp(p->slot[h], s))
			return p->slot[h];
		h = (h + 1) & (p->cap - 1);
	}
	p->slot[h] = xstrdup(s);
	p->n++;
	return p->slot[h];
}

const char *strpool_internf(struct strpool *p, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return strpool_intern(p, buf);
}

void strpool_release(struct strpool *p)
{
	size_t i;

	for (i = 0; i < p->cap; i++)
		free(p->slot[i]);
	free(p->slot);
	p->slot = NULL;
	p->n = p->cap = 0;
}

void strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->alloc) {
		sb->alloc = (sb->len + n + 1) * 2;
		sb->buf = xrealloc(sb->buf, sb->alloc);
	}
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (sb->len + (size_t)len + 1 > sb->alloc) {
		sb->alloc = (sb->len + (size_t)len + 1) * 2;
		sb->buf = xrealloc(sb->buf, sb->alloc);
	}
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)len + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)len;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	return s;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
}
