/*
 * --with-sparse: sparse's own lock-context checking next to ours. sparse
 * checks __acquires/__releases/__must_hold function by function; we check
 * lock order across the PCI core's calls. Its context warnings become
 * findings of one pseudo-rule, reported as a run of their own (tool
 * 'sparse') in the SARIF log, or as text lines.
 */
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "report/finding.h"
#include "sparse.h"
#include "util/diag.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/spawn.h"

const struct rule_info sparse_context_rule = {
	"sparse-context", "sparse-context-imbalance", LEVEL_WARNING, "medium",
	"sparse: lock context imbalance or requirement not met",
	"sparse's context checking: a function whose lock count at exit differs "
	"from its __acquires/__releases annotations, an unlock of a lock not "
	"held, or a call of a __must_hold function without its lock. Per "
	"function, without the PCI core's calling contexts.",
};

/* kbuild's $(CHECKFLAGS) for x86_64: what sparse needs besides gcc's flags */
static const char *const checkflags[] = {
	"-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__",
	"-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute",
	"--arch=x86_64", "-mlittle-endian", "-m64", "-D__x86_64__",
};
#define NCHECKFLAGS (sizeof(checkflags) / sizeof(checkflags[0]))

/* sparse on @tu, its stderr into @fd; the pid, or -1. */
static pid_t spawn(const struct tu_job *tu, int fd)
{
	const char **argv = xcalloc(NCHECKFLAGS + tu->ncommand + 3, sizeof(char *));
	size_t i, n = 0;
	pid_t pid;

	argv[n++] = "sparse";
	for (i = 0; i < NCHECKFLAGS; i++)
		argv[n++] = checkflags[i];
	/* the TU's own flags, not those the front end adds for libclang */
	for (i = 0; i < tu->ncommand; i++)
		argv[n++] = tu->args.v[i];
	argv[n++] = tu->file;
	pid = spawn_start(argv, tu->directory, fd, fd);
	free(argv);
	return pid;
}

/* Add the context warnings of one sparse output to @fs. */
static void collect(FILE *in, const char *dir, const regex_t *re,
		    struct findings *fs, struct strpool *pool)
{
	char line[4096], path[PATH_MAX];

	while (fgets(line, sizeof(line), in)) {
		regmatch_t m[5];
		struct finding *f;
		struct step *s;
		struct hasher *h;
		size_t i;

		line[strcspn(line, "\n")] = '\0';
		if (regexec(re, line, 5, m, 0))
			continue;
		line[m[1].rm_eo] = line[m[2].rm_eo] = line[m[3].rm_eo] = '\0';
		/* headers are named relative to the TU's directory */
		{
			char *full = xasprintf("%s%s%s", line[0] == '/' ? "" : dir,
					       line[0] == '/' ? "" : "/", line);

			if (!realpath(full, path))
				snprintf(path, sizeof(path), "%s", full);
			free(full);
		}
		/* a header's inline function is seen by every TU that includes it */
		for (i = 0; i < fs->v.n; i++)
			if (fs->v.v[i].loc.line == atoi(line + m[2].rm_so) &&
			    !strcmp(fs->v.v[i].loc.file, path) &&
			    !strcmp(fs->v.v[i].message, line + m[4].rm_so))
				break;
		if (i < fs->v.n)
			continue;
		f = VEC_PUSH(fs->v);
		f->rule = &sparse_context_rule;
		f->level = sparse_context_rule.level;
		f->message = xstrdup(line + m[4].rm_so);
		f->loc.file = strpool_intern(pool, path);
		f->loc.line = atoi(line + m[2].rm_so);
		f->loc.col = atoi(line + m[3].rm_so);
		f->function = "";
		s = VEC_PUSH(f->steps);
		s->loc = f->loc;
		s->message = xstrdup("reported by sparse");
		h = hasher_new();
		hasher_addstr(h, f->loc.file);
		hasher_addstr(h, f->message);
		hasher_finish(h, f->fingerprint);
	}
}

int sparse_check(const struct tu_list *tus, int jobs, struct findings *fs,
		 struct strpool *pool)
{
	struct slot {
		pid_t pid;
		FILE *out;
		size_t tu;
	} *slots = xcalloc((size_t)jobs, sizeof(*slots));
	regex_t re;
	size_t next = 0, running = 0;
	int ret = 0, k;

	if (regcomp(&re, "^(.+):([0-9]+):([0-9]+): [a-z]+: (.*context.*)$", REG_EXTENDED))
		BUG("bad regex");
	while (next < tus->n || running) {
		int status;
		pid_t pid;

		for (k = 0; k < jobs && next < tus->n && !ret; k++) {
			if (slots[k].pid)
				continue;
			slots[k].out = tmpfile();
			if (!slots[k].out) {
				ret = error("--with-sparse: cannot create a temporary file: %s", strerror(errno));
				break;
			}
			slots[k].tu = next;
			slots[k].pid = spawn(&tus->v[next++], fileno(slots[k].out));
			if (slots[k].pid < 0) {
				ret = error("--with-sparse: cannot fork: %s", strerror(errno));
				fclose(slots[k].out);
				slots[k].pid = 0;
				break;
			}
			running++;
		}
		if (!running)
			break;
		pid = wait(&status);
		for (k = 0; k < jobs && slots[k].pid != pid; k++)
			;
		if (pid < 0 || k == jobs)
			BUG("wait: %s", strerror(errno));
		running--;
		slots[k].pid = 0;
		status = spawn_status(status);
		if (status == SPAWN_NOT_FOUND) {
			ret = error("--with-sparse: cannot run 'sparse' (install Debian's package sparse)");
			next = tus->n;
		} else if (status < 0 || status > 1) {
			warning("sparse failed on '%s'", tus->v[slots[k].tu].file);
		}
		rewind(slots[k].out);
		collect(slots[k].out, tus->v[slots[k].tu].directory, &re, fs, pool);
		fclose(slots[k].out);
	}
	regfree(&re);
	free(slots);
	return ret;
}

int sparse_passthrough(char *const *args, size_t nargs)
{
	const char **argv = xcalloc(nargs + 2, sizeof(char *));
	int status;
	pid_t pid;

	argv[0] = "sparse";
	memcpy(argv + 1, args, nargs * sizeof(char *));
	pid = spawn_start(argv, NULL, -1, -1);
	free(argv);
	status = pid < 0 ? -1 : spawn_wait(pid);
	if (status < 0)
		return error("--with-sparse: cannot run 'sparse': %s", strerror(errno));
	if (status == SPAWN_NOT_FOUND)
		return error("--with-sparse: cannot run 'sparse' (install Debian's package sparse)");
	return status < 128 ? status : 1;	/* killed: a failed check */
}
