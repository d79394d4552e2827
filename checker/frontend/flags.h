/* Turning a kbuild/gcc command line into one libclang accepts. */
#ifndef PFVF_FLAGS_H
#define PFVF_FLAGS_H

#include <stdbool.h>
#include <stddef.h>
#include "util/mem.h"

struct argv_list {
	char **v;
	size_t n, alloc;
};

void argv_push(struct argv_list *a, const char *s);
void argv_release(struct argv_list *a);

/*
 * An option that only libclang can judge (frontend/probe.c asks it): one
 * token, not dropped by the fixed table, not the value of another option,
 * not of a class clang always takes (-D, -I, -W..., -O...).
 */
struct flag_verdict {
	const char *option;	/* interned in the set's pool */
	const char *target;	/* the command's --target, "" for libclang's default */
	unsigned ntus;		/* commands that have it */
	unsigned last;		/* the last command counted (ntus counts each once) */
	bool drop;		/* libclang rejects it: dropped from every command */
	bool cached;		/* the verdict was read from the facts database */
	const char *reason;	/* libclang's first error with it, or NULL */
};

struct flag_verdicts {
	struct strpool pool;
	VEC(struct flag_verdict) v;
	unsigned ncommands;
};

/** Add the options of command @in (in[0] is the compiler) that need a verdict. */
void flag_verdicts_add(struct flag_verdicts *fv, const char *const *in, size_t n);
void flag_verdicts_release(struct flag_verdicts *fv);

/**
 * Filter the compiler command @in (in[0] is the compiler) for libclang:
 * drops the compiler, the source file @file, output and dependency-file
 * options, sparse's own flags, and the options @fv says libclang rejects
 * (@fv may be NULL: none); a value is kept or dropped with its option.
 * Adds what the front end needs (working directory, no warnings). Appends
 * to @out and returns @out->n before the additions: the command's own
 * flags end there.
 */
size_t flags_filter(const char *const *in, size_t n, const char *file,
		    const char *directory, const struct flag_verdicts *fv,
		    struct argv_list *out);

/** True if @arg is a flag that the fixed table of flags_filter() drops. */
int flags_is_dropped(const char *arg);

#endif
