/* The list of TUs to scan: from compile_commands.json or from the command line. */
#ifndef PFVF_COMPDB_H
#define PFVF_COMPDB_H

#include "frontend/flags.h"

struct tu_job {
	char *file;		/* absolute, real path */
	char *directory;
	struct argv_list command;	/* as the database gives it, until tu_list_filter() */
	/* the rest is tu_list_filter()'s */
	char *flags;		/* filtered args joined by ' ', for the cache key */
	char *module;		/* kbuild's KBUILD_MODNAME for the object, or NULL */
	struct argv_list args;	/* filtered, for libclang */
	size_t ncommand;	/* args[0..ncommand): from the command, the rest
				 * the front end's (other tools get only those) */
};

struct tu_list {
	struct tu_job *v;
	size_t n, alloc;
};

/*
 * compdb_load() and compdb_from_args() keep each command as it is; the
 * caller filters them with tu_list_options(), flags_decide() and
 * tu_list_filter().
 */

/**
 * Read @build_dir/compile_commands.json (through libclang's
 * CXCompilationDatabase) and add the entries whose file is one of @paths
 * or lies under one of them (all entries when @npaths is 0). Returns 0 or
 * -1 with the problem reported (missing, not JSON, entry without
 * 'directory', no entry matches a path).
 */
int compdb_load(const char *build_dir, char *const *paths, size_t npaths,
		struct tu_list *out);

/**
 * Add @files compiled with @flags (clang-tidy's 'FILE... -- FLAGS' form),
 * relative to the current directory. Returns 0 or -1 (a file is missing).
 */
int compdb_from_args(char *const *files, size_t nfiles, char *const *flags,
		     size_t nflags, struct tu_list *out);

/** Add the options of every TU's command that libclang must judge to @fv. */
void tu_list_options(const struct tu_list *l, struct flag_verdicts *fv);
/**
 * Filter every TU's command for libclang, dropping what @fv (decided:
 * frontend/probe.h) says libclang rejects: fills args, ncommand, flags and
 * module.
 */
void tu_list_filter(struct tu_list *l, const struct flag_verdicts *fv);

/** Keep only the @i-th (1-based) of @n slices: every n-th TU from i-1. */
void tu_list_shard(struct tu_list *l, int i, int n);
void tu_list_release(struct tu_list *l);

#endif
