/* Content hashes (XXH3-128) for the facts cache, as lowercase hex. */
#ifndef PFVF_HASH_H
#define PFVF_HASH_H

#include <stddef.h>
#include <sys/types.h>
#include "util/mem.h"

#define HASH_HEX_LEN 33

struct hasher;

struct hasher *hasher_new(void);
void hasher_add(struct hasher *h, const void *data, size_t n);
void hasher_addstr(struct hasher *h, const char *s);
/** Finish into hex (HASH_HEX_LEN bytes incl. NUL) and free the hasher. */
void hasher_finish(struct hasher *h, char *hex);
/**
 * Hash a file's contents into hex. Returns 0, or -1 if it cannot be read
 * (errno set).
 */
int hash_file(const char *path, char *hex);

#endif

/*
 * A per-run memo of file hashes: a header shared by many TUs is read once.
 * Entries are keyed by path and remember mtime and size.
 */
struct depcache_entry {
	const char *path;
	long long mtime, size;
	char hash[HASH_HEX_LEN];
	int ok;
};

struct depcache {
	struct depcache_entry *slot;
	size_t n, cap;
	struct strpool *pool;
};

void depcache_init(struct depcache *dc, struct strpool *pool);
/**
 * Look up or compute @path's hash, mtime and size. Returns the entry, with
 * ok == 0 if the file cannot be read.
 */
const struct depcache_entry *depcache_get(struct depcache *dc, const char *path);
void depcache_release(struct depcache *dc);
