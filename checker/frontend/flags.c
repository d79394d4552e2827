/*
 * What a kbuild/gcc command line must lose before libclang parses it. A
 * fixed table for what is not about clang knowing an option: outputs and
 * dependency files, sparse's own flags in kbuild's checker command lines.
 * Every other option clang might not know is judged by libclang itself
 * (frontend/probe.c): libclang would still return a TU for one it rejects,
 * but with an "unknown argument" error, in every TU.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "frontend/flags.h"
#include "util/mem.h"

struct dropped_flag {
	const char *text;
	int prefix;		/* match as a prefix ("-Wp,-MD,...") */
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
	/*
	 * GCC plugins: clang takes the options, and clang itself dlopens the
	 * file (-fplugin= becomes cc1's -load); libclang 14 does not, but a
	 * GCC plugin must never be loaded into the process that parses
	 */
	{ "-fplugin=", 1, 0 },
	{ "-fplugin-arg-", 1, 0 },
	/* sparse's own, in kbuild's $(CHECKFLAGS) (--kbuild) */
	{ "--arch=", 1, 0 },
	{ "-D__CHECKER__", 0, 0 },	/* sparse's annotations would become attributes */
	{ "-gcc-base-dir", 0, 1 },
	{ "-multiarch-dir", 0, 1 },
	{ "-fmemcpy-max-count=", 1, 0 },
	{ "-fdiagnostic-prefix", 1, 0 },
};

/*
 * Options whose value is the next argv element: kept with it, and the value
 * is never judged as an option ('-include -weird.h' names a file).
 */
static const char *const separate_value[] = {
	"-D", "-U", "-I", "-include", "-imacros", "-isystem", "-iquote",
	"-idirafter", "-iprefix", "-iwithprefix", "-iwithprefixbefore",
	"-isysroot", "-imultilib", "-include-pch", "-ivfsoverlay", "-x",
	"-Xclang", "-Xpreprocessor", "-Xassembler", "-Xlinker", "-L", "-T",
	"-u", "-z", "--param", "-aux-info", "-target",
};

/* Classes clang always takes: a value it does not like is its error to report. */
static const char *const known_safe[] = {
	"-D", "-U", "-I", "-include", "-isystem", "-iquote", "-idirafter",
	"-std=", "-W", "-O", "--target=",
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

enum flag_class {
	FLAG_DROP,		/* the table's */
	FLAG_KEEP,
	FLAG_JUDGE,		/* libclang decides */
};

static bool in_list(const char *arg, const char *const *list, size_t n, bool prefix)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (prefix ? !strncmp(arg, list[i], strlen(list[i])) : !strcmp(arg, list[i]))
			return true;
	return false;
}

#define IN_LIST(arg, list, prefix) in_list(arg, list, sizeof(list) / sizeof(list[0]), prefix)

/* What happens to in[i]; *width is the number of elements it covers (with its value). */
static enum flag_class classify(const char *const *in, size_t n, size_t i, size_t *width)
{
	const struct dropped_flag *d = lookup(in[i]);

	*width = 1;
	if (d) {
		if (d->takes_arg && i + 1 < n)
			*width = 2;
		return FLAG_DROP;
	}
	if (IN_LIST(in[i], separate_value, false)) {
		if (i + 1 < n)
			*width = 2;
		return FLAG_KEEP;
	}
	if (in[i][0] != '-' || !in[i][1] || IN_LIST(in[i], known_safe, true))
		return FLAG_KEEP;
	return FLAG_JUDGE;
}

/* The target the command compiles for ('--target=T', '-target T'), or "". */
static const char *target_of(const char *const *in, size_t n)
{
	const char *t = "";
	size_t i;

	for (i = 1; i < n; i++) {
		if (!strncmp(in[i], "--target=", 9))
			t = in[i] + 9;
		else if (!strcmp(in[i], "-target") && i + 1 < n)
			t = in[++i];
	}
	return t;
}

static struct flag_verdict *find(const struct flag_verdicts *fv, const char *option,
				 const char *target)
{
	size_t i;

	for (i = 0; i < fv->v.n; i++)
		if (!strcmp(fv->v.v[i].option, option) && !strcmp(fv->v.v[i].target, target))
			return &fv->v.v[i];
	return NULL;
}

void flag_verdicts_add(struct flag_verdicts *fv, const char *const *in, size_t n)
{
	const char *target = target_of(in, n);
	size_t i, width;

	fv->ncommands++;
	for (i = 1; i < n; i += width) {
		struct flag_verdict *v;

		if (classify(in, n, i, &width) != FLAG_JUDGE)
			continue;
		v = find(fv, in[i], target);
		if (!v) {
			v = VEC_PUSH(fv->v);
			v->option = strpool_intern(&fv->pool, in[i]);
			v->target = strpool_intern(&fv->pool, target);
		}
		if (v->last != fv->ncommands) {
			v->last = fv->ncommands;
			v->ntus++;
		}
	}
}

void flag_verdicts_release(struct flag_verdicts *fv)
{
	VEC_FREE(fv->v);
	strpool_release(&fv->pool);
	memset(fv, 0, sizeof(*fv));
}

/* Does @fv say libclang rejects @option for @target? */
static bool rejected(const struct flag_verdicts *fv, const char *option, const char *target)
{
	const struct flag_verdict *v = fv ? find(fv, option, target) : NULL;

	return v && v->drop;
}

size_t flags_filter(const char *const *in, size_t n, const char *file,
		    const char *directory, const struct flag_verdicts *fv,
		    struct argv_list *out)
{
	const char *target = target_of(in, n);
	size_t i, j, width, ncommand;

	for (i = 1; i < n; i += width) {
		switch (classify(in, n, i, &width)) {
		case FLAG_DROP:
			continue;
		case FLAG_JUDGE:
			if (rejected(fv, in[i], target))
				continue;
			break;
		case FLAG_KEEP:
			if (width == 1 && same_file(in[i], file, directory))
				continue;
			break;
		}
		for (j = 0; j < width; j++)
			argv_push(out, in[i + j]);
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
