/*
 * Unified diffs (git diff -U0) as sets of changed lines. A finding is kept
 * when its witness path crosses one: the acquisition, a call on the way,
 * or the entry point, so a change to a helper keeps the findings of every
 * callback that reaches it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "report/diff.h"
#include "util/diag.h"
#include "util/mem.h"
#include "util/spawn.h"

static void add_range(struct diffmap *d, const char *file, int first, int last)
{
	struct diff_range *r;

	if (d->n == d->alloc) {
		d->alloc = d->alloc ? d->alloc * 2 : 64;
		d->v = xrealloc(d->v, d->alloc * sizeof(*d->v));
	}
	r = &d->v[d->n++];
	r->file = xstrdup(file);
	r->first = first;
	r->last = last;
}

int diffmap_read(struct diffmap *d, FILE *in, const char *root)
{
	char line[8192], file[PATH_MAX] = "";
	bool have = false;

	while (fgets(line, sizeof(line), in)) {
		int c, n = 1;

		if (!strncmp(line, "+++ ", 4)) {
			char *p = line + 4, *end = p + strcspn(p, "\t\n");

			*end = '\0';
			have = strcmp(p, "/dev/null") != 0;
			if (!strncmp(p, "b/", 2))
				p += 2;
			snprintf(file, sizeof(file), "%s%s%s", p[0] == '/' ? "" : root,
				 p[0] == '/' ? "" : "/", p);
			continue;
		}
		if (strncmp(line, "@@ ", 3) || !have)
			continue;
		/* @@ -a[,b] +c[,d] @@ */
		{
			char *plus = strchr(line + 3, '+');

			if (!plus || sscanf(plus + 1, "%d,%d", &c, &n) < 1)
				return error("malformed diff hunk: %.60s", line);
			if (!strchr(plus, ','))
				n = 1;
		}
		/* a pure deletion marks the line where it happened */
		add_range(d, file, c, n ? c + n - 1 : c);
	}
	if (ferror(in))
		return error("cannot read the diff: %s", strerror(errno));
	return 0;
}

int diffmap_load(struct diffmap *d, const char *range, const char *dir)
{
	const char *toplevel[] = { "git", "-C", dir, "rev-parse", "--show-toplevel", NULL };
	char root[PATH_MAX];
	int ret, status, null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	FILE *p;
	pid_t pid;

	memset(d, 0, sizeof(*d));
	pid = spawn_reader(toplevel, NULL, null, &p);
	ret = pid > 0 && fgets(root, sizeof(root), p) ? 0 : -1;
	if (pid > 0) {
		fclose(p);
		if (spawn_wait(pid))
			ret = -1;
	}
	if (null >= 0)
		close(null);
	if (ret) {
		if (strcmp(range, "-"))
			return error("--diff '%s': '%s' is not in a git repository", range, dir);
		snprintf(root, sizeof(root), "%s", dir);
	}
	root[strcspn(root, "\n")] = '\0';
	if (!strcmp(range, "-"))
		return diffmap_read(d, stdin, root);
	/* a range is one argument; '-' first would make it an option of git's */
	if (range[0] == '-')
		return error("--diff '%s': not a git revision range", range);
	{
		const char *diff[] = { "git", "-C", root, "diff", "-U0", "--no-color",
				       "--no-ext-diff", range, "--", NULL };

		pid = spawn_reader(diff, NULL, -1, &p);
	}
	if (pid < 0)
		return error("cannot run git: %s", strerror(errno));
	ret = diffmap_read(d, p, root);
	fclose(p);
	status = spawn_wait(pid);
	if (status == SPAWN_NOT_FOUND)
		return error("cannot run git (apt-get install git)");
	if (status)
		return error("'git diff %s' failed in '%s'", range, root);
	return ret;
}

static bool touched(const struct diffmap *d, const struct location *l)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (l->line >= d->v[i].first && l->line <= d->v[i].last &&
		    !strcmp(d->v[i].file, l->file))
			return true;
	return false;
}

bool diffmap_touches(const struct diffmap *d, const struct finding *f)
{
	size_t i;

	if (touched(d, &f->loc))
		return true;
	for (i = 0; i < f->steps.n; i++)
		if (touched(d, &f->steps.v[i].loc))
			return true;
	for (i = 0; i < f->steps2.n; i++)
		if (touched(d, &f->steps2.v[i].loc))
			return true;
	return false;
}

void diffmap_release(struct diffmap *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].file);
	free(d->v);
	memset(d, 0, sizeof(*d));
}
