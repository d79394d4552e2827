/* Content hashing with xxHash's XXH3-128: fast, and wide enough for a cache key. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <xxhash.h>
#include "util/hash.h"
#include "util/mem.h"

struct hasher {
	XXH3_state_t *st;
};

struct hasher *hasher_new(void)
{
	struct hasher *h = xmalloc(sizeof(*h));

	h->st = XXH3_createState();
	if (!h->st)
		xmalloc((size_t)-1); /* fatal out-of-memory path */
	XXH3_128bits_reset(h->st);
	return h;
}

void hasher_add(struct hasher *h, const void *data, size_t n)
{
	XXH3_128bits_update(h->st, data, n);
}

void hasher_addstr(struct hasher *h, const char *s)
{
	/* The terminating NUL separates fields: "ab","c" != "a","bc". */
	hasher_add(h, s, strlen(s) + 1);
}

void hasher_finish(struct hasher *h, char *hex)
{
	XXH128_hash_t r = XXH3_128bits_digest(h->st);

	snprintf(hex, HASH_HEX_LEN, "%016llx%016llx",
		 (unsigned long long)r.high64, (unsigned long long)r.low64);
	XXH3_freeState(h->st);
	free(h);
}

int hash_file(const char *path, char *hex)
{
	struct hasher *h;
	char buf[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return -1;
	h = hasher_new();
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		hasher_add(h, buf, n);
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		hasher_finish(h, hex);
		errno = e ? e : EIO;
		return -1;
	}
	fclose(f);
	hasher_finish(h, hex);
	return 0;
}

void depcache_init(struct depcache *dc, struct strpool *pool)
{
	memset(dc, 0, sizeof(*dc));
	dc->pool = pool;
}

static struct depcache_entry *depcache_slot(struct depcache *dc, const char *p)
{
	size_t h = (size_t)(uintptr_t)p;

	h = (h >> 4) * 2654435761u;
	h &= dc->cap - 1;
	while (dc->slot[h].path && dc->slot[h].path != p)
		h = (h + 1) & (dc->cap - 1);
	return &dc->slot[h];
}

const struct depcache_entry *depcache_get(struct depcache *dc, const char *path)
{
	struct depcache_entry *e;
	struct stat stbuf;
	const char *p = strpool_intern(dc->pool, path);

	if ((dc->n + 1) * 2 > dc->cap) {
		struct depcache_entry *old = dc->slot;
		size_t oldcap = dc->cap, i;

		dc->cap = oldcap ? oldcap * 2 : 4096;
		dc->slot = xcalloc(dc->cap, sizeof(*dc->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i].path)
				*depcache_slot(dc, old[i].path) = old[i];
		free(old);
	}
	e = depcache_slot(dc, p);
	if (e->path)
		return e;
	e->path = p;
	dc->n++;
	if (stat(p, &stbuf) == 0 && hash_file(p, e->hash) == 0) {
		e->ok = 1;
		e->mtime = (long long)stbuf.st_mtim.tv_sec * 1000000000LL +
			   stbuf.st_mtim.tv_nsec;
		e->size = stbuf.st_size;
	}
	return e;
}

void depcache_release(struct depcache *dc)
{
	free(dc->slot);
	memset(dc, 0, sizeof(*dc));
}
