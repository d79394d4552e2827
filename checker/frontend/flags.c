/*
 * GCC flags in kernel command lines that clang does not know, and sparse's
 * flags in kbuild's checker command lines. libclang
 * still returns a TU for them but attaches "unknown argument" errors, so
 * they are dropped here rather than reported for every TU.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "frontend/flags.h"
#include "util/mem.h"

struct dropped_flag {
	const char *text;
	int prefix;		/* match as a prefix ("-mindirect-branch...") */
	int takes_arg;		/* the next argv element is its value */
};

static const struct dropped_flag dropped[] = {
	/* outputs and dependency files: we produce neither */
	{ "-o", 0, 1 },
	{ "-c", 0, 0 },
	{ "-MD", 0, 0 },
	{ "-MMD", 0, 0 },
	{ "-MF", 0, 1 },
	{ "-MT", 0, 1 },
	{ "-MQ", 0, 1 },
	{ "-Wp,-MD,", 1, 0 },
	{ "-Wp,-MMD,", 1, 0 },
	/* GCC-only code generation flags of kbuild */
	{ "-mpreferred-stack-boundary=", 1, 0 },
	{ "-mindirect-branch", 1, 0 },
	{ "-mfunction-return=", 1, 0 },
	{ "-mrecord-mcount", 0, 0 },
	{ "-mskip-rax-setup", 0, 0 },
	{ "-mno-fp-ret-in-387", 0, 0 },
	{ "-mharden-sls=", 1, 0 },
	{ "-mindirect-branch-register", 0, 0 },
	{ "-mindirect-branch-cs-prefix", 0, 0 },
	{ "-fno-allow-store-data-races", 0, 0 },
	{ "-fconserve-stack", 0, 0 },
	{ "-fno-var-tracking-assignments", 0, 0 },
	{ "-fno-ipa-sra", 0, 0 },
	{ "-fzero-call-used-regs=", 1, 0 },
	{ "-ftrivial-auto-var-init=", 1, 0 },
	{ "-fmin-function-alignment=", 1, 0 },
	{ "-fstrict-flex-arrays=", 1, 0 },	/* clang >= 16 knows it */
	{ "-falign-jumps=", 1, 0 },
	{ "-falign-loops=", 1, 0 },
	{ "-fno-stack-clash-protection", 0, 0 },
	{ "-fsanitize=bounds-strict", 0, 0 },
	{ "-fno-inline-functions-called-once", 0, 0 },
	{ "-fpatchable-function-entry=", 1, 0 },
	{ "-fno-tree-loop-im", 0, 0 },
	{ "-fno-code-hoisting", 0, 0 },
	{ "-fno-delete-null-pointer-checks", 0, 0 },
	{ "-fmacro-prefix-map=", 1, 0 },
	{ "-fplugin=", 1, 0 },
	{ "-fplugin-arg-", 1, 0 },
	{ "--param=", 1, 0 },
	{ "--param", 0, 1 },
	{ "-Wno-alloc-size-larger-than", 0, 0 },
	{ "-Wimplicit-fallthrough=", 1, 0 },
	{ "-Werror", 1, 0 },
	{ "-pg", 0, 0 },
	/* sparse's own, in kbuild's $(CHECKFLAGS) (--kbuild) */
	{ "--arch=", 1, 0 },
	{ "-D__CHECKER__", 0, 0 },	/* sparse's annotations would become attributes */
	{ "-gcc-base-dir", 0, 1 },
	{ "-multiarch-dir", 0, 1 },
	{ "-fmemcpy-max-count=", 1, 0 },
	{ "-fdiagnostic-prefix", 1, 0 },
};

void argv_push(struct argv_list *a, const char *s)
{
	if (a->n + 1 >= a->alloc) {
		a->alloc = a->alloc ? a->alloc * 2 : 64;
		a->v = xrealloc(a->v, a->alloc * sizeof(*a->v));
	}
	a->v[a->n++] = xstrdup(s);
	a->v[a->n] = NULL;
}

void argv_release(struct argv_list *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

static const struct dropped_flag *lookup(const char *arg)
{
	size_t i;

	for (i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++) {
		const struct dropped_flag *d = &dropped[i];

		if (d->prefix ? !strncmp(arg, d->text, strlen(d->text))
			      : !strcmp(arg, d->text))
			return d;
	}
	return NULL;
}

int flags_is_dropped(const char *arg)
{
	return lookup(arg) != NULL;
}

static int same_file(const char *arg, const char *file, const char *dir)
{
	size_t dl = strlen(dir), al = strlen(arg);
	char path[PATH_MAX], real[PATH_MAX];

	if (!strcmp(arg, file))
		return 1;
	/* "drivers/x.c" relative to the entry's directory */
	if (!strncmp(file, dir, dl) && file[dl] == '/' && !strcmp(arg, file + dl + 1))
		return 1;
	/*
	 * another spelling of it: kbuild names amdgpu's sources
	 * 'amdgpu/../amdkfd/x.c', the database has the real path; a second
	 * input file would make two jobs, which libclang refuses
	 */
	if (al < 2 || strcmp(arg + al - 2, ".c") || arg[0] == '-')
		return 0;
	snprintf(path, sizeof(path), "%s%s%s", arg[0] == '/' ? "" : dir,
		 arg[0] == '/' ? "" : "/", arg);
	return realpath(path, real) && !strcmp(real, file);
}

size_t flags_filter(const char *const *in, size_t n, const char *file,
		    const char *directory, struct argv_list *out)
{
	size_t i, ncommand;

	for (i = 1; i < n; i++) {
		const struct dropped_flag *d = lookup(in[i]);

		if (d) {
			if (d->takes_arg)
				i++;
			continue;
		}
		if (same_file(in[i], file, directory))
			continue;
		argv_push(out, in[i]);
	}
	ncommand = out->n;
	/* Relative -I and file paths are relative to the entry's directory. */
	argv_push(out, "-working-directory");
	argv_push(out, directory);
	/* Only errors matter to us, and warnings cost time. */
	argv_push(out, "-w");
	argv_push(out, "-Wno-error");
	argv_push(out, "-ferror-limit=0");
	return ncommand;
}
