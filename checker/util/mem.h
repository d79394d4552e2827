/* Allocation that cannot fail (out of memory is fatal), growable arrays, strings. */
#ifndef PFVF_MEM_H
#define PFVF_MEM_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/** printf into a new string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A growable array: struct { T *v; size_t n, alloc; }.
 * VEC_PUSH returns a pointer to the new, zeroed slot.
 */
#define VEC(T) struct { T *v; size_t n, alloc; }
/** Grow *v (of *alloc elements of @size) to hold at least @want. */
void vec_grow(void **v, size_t *alloc, size_t want, size_t size);
#define VEC_GROW(vec, want) \
	vec_grow((void **)&(vec).v, &(vec).alloc, (want), sizeof(*(vec).v))
#define VEC_PUSH(vec) (VEC_GROW(vec, (vec).n + 1), \
	memset(&(vec).v[(vec).n], 0, sizeof(*(vec).v)), &(vec).v[(vec).n++])
#define VEC_FREE(vec) do { free((vec).v); (vec).v = NULL; \
	(vec).n = (vec).alloc = 0; } while (0)

/*
 * A string pool: equal strings intern to the same pointer, so keys can be
 * compared with ==. Strings live until strpool_release().
 */
struct strpool {
	char **slot;
	size_t n, cap;
};

const char *strpool_intern(struct strpool *p, const char *s);
const char *strpool_internf(struct strpool *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strpool_release(struct strpool *p);

/** A growable string buffer (git's strbuf, trimmed). */
struct strbuf {
	char *buf;
	size_t len, alloc;
};
#define STRBUF_INIT { NULL, 0, 0 }
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_reset(struct strbuf *sb);
/** Give the buffer's string to the caller (never NULL) and reset it. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);

#endif
