/* Turning a kbuild/gcc command line into one libclang accepts. */
#ifndef PFVF_FLAGS_H
#define PFVF_FLAGS_H

#include <stddef.h>

struct argv_list {
	char **v;
	size_t n, alloc;
};

void argv_push(struct argv_list *a, const char *s);
void argv_release(struct argv_list *a);

/**
 * Filter the compiler command @in (in[0] is the compiler) for libclang:
 * drops the compiler, the source file @file, output and dependency-file
 * options and the GCC-only flags clang rejects; adds what the front end
 * needs (working directory, no warnings). Appends to @out and returns
 * @out->n before the additions: the command's own flags end there.
 */
size_t flags_filter(const char *const *in, size_t n, const char *file,
		    const char *directory, struct argv_list *out);

/** True if @arg is a flag that flags_filter() drops (for tests and --help). */
int flags_is_dropped(const char *arg);

#endif
