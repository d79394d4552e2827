/*
 * The fast path: run every .cocci script of cocci/ in report mode with spatch
 * over a tree or directory (no build, no compile commands), read its
 * 'file:line:col-col: PFVFnnn: message' lines, and report them as
 * findings of the libclang rules they approximate (text, or SARIF: its
 * own log, or a second run appended to the libclang scan's log).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "checks/checks.h"
#include "cocci.h"
#include "report/report.h"
#include "util/diag.h"
#include "util/hash.h"
#include "util/outfile.h"
#include "util/spawn.h"

static const char cocci_usage[] =
"usage: pfvf-lockcheck cocci [--jobs N] [-f text|sarif] [-o FILE | --append-to LOG.sarif] DIR...\n"
"\n"
"Runs the Coccinelle scripts of cocci/ (PFVF001, 002, 003, 004, 008 patterns) in\n"
"report mode over DIR (a kernel tree or a part of it): no build and no\n"
"compile commands, seconds for drivers/. Findings are those of the rules\n"
"they approximate, at a lower precision than the libclang analysis.\n"
"  -j, --jobs N        spatch --jobs (default: the number of CPUs)\n"
"  -f, --format FMT    text (default) or sarif\n"
"  -o, --output FILE   write the report to FILE\n"
"      --append-to LOG add the results as a second run to SARIF log LOG\n"
"  -q, --quiet         no summary line on stderr\n"
"Uses idutils (--use-idutils) when DIR has an ID index (mkid), else spatch's\n"
"own file filter (--use-coccigrep, never the tree's .cocciconfig git grep).\n";

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *scripts_dir(void)
{
	const char *d = getenv("PFVF_COCCI_DIR");

	return d && *d ? d : PFVF_SOURCE_DIR "/cocci";
}

/* Run one script over @dir; parse its report lines into @fs. */
static int run_script(const char *script, const char *dir, int jobs,
		      struct findings *fs, struct strpool *pool, regex_t *re)
{
	char jobs_s[16], line[4096], idfile[PATH_MAX + 4];
	const char *argv[20];
	int status, n = 0;
	pid_t pid;
	FILE *in, *errs;

	snprintf(jobs_s, sizeof(jobs_s), "%d", jobs);
	snprintf(idfile, sizeof(idfile), "%s/ID", dir);
	argv[n++] = "spatch";
	argv[n++] = "--very-quiet";
	argv[n++] = "--sp-file";
	argv[n++] = script;
	argv[n++] = "-D";
	argv[n++] = "report";
	argv[n++] = "--no-includes";
	argv[n++] = "--include-headers";
	argv[n++] = "--jobs";
	argv[n++] = jobs_s;
	/*
	 * an idutils index when there is one; else spatch's own grep, not the
	 * kernel .cocciconfig's --use-gitgrep, which in a git work tree that
	 * does not track the files (Debian's source package) matches nothing
	 */
	argv[n++] = access(idfile, R_OK) ? "--use-coccigrep" : "--use-idutils";
	argv[n++] = "--dir";
	argv[n++] = dir;
	argv[n] = NULL;
	/* spatch's chatter ('31 files match') is shown only if it fails */
	errs = tmpfile();
	if (!errs)
		return error("cannot create a temporary file: %s", strerror(errno));
	pid = spawn_reader(argv, NULL, fileno(errs), &in);
	if (pid < 0) {
		fclose(errs);
		return error("cannot run spatch: %s", strerror(errno));
	}
	while (in && fgets(line, sizeof(line), in)) {
		regmatch_t m[6];
		const struct rule *r;
		struct finding *f;
		struct step *s;
		char path[PATH_MAX], *full;

		line[strcspn(line, "\n")] = '\0';
		if (regexec(re, line, 6, m, 0))
			continue;
		line[m[1].rm_eo] = line[m[4].rm_eo] = '\0';
		r = rule_find(line + m[4].rm_so);
		if (!r)
			continue;
		full = xasprintf("%s%s%s", line[0] == '/' ? "" : dir, line[0] == '/' ? "" : "/", line);
		f = VEC_PUSH(fs->v);
		f->rule = r->info;
		f->rule_index = (int)(r - rules);
		f->level = r->info->level;
		f->message = xstrdup(line + m[5].rm_so);
		f->loc.file = strpool_intern(pool, realpath(full, path) ? path : full);
		f->loc.line = atoi(line + m[2].rm_so);
		f->loc.col = atoi(line + m[3].rm_so) + 1;	/* spatch counts from 0 */
		f->function = "";
		s = VEC_PUSH(f->steps);
		s->loc = f->loc;
		s->message = xasprintf("matched by %s", strrchr(script, '/') ? strrchr(script, '/') + 1 : script);
		{
			/* rule and the matched source text: stable across line shifts */
			struct hasher *h = hasher_new();
			char *src = source_line(f->loc.file, f->loc.line);

			hasher_addstr(h, r->info->id);
			hasher_addstr(h, src ? src : "");
			hasher_finish(h, f->fingerprint);
			free(src);
		}
		free(full);
	}
	fclose(in);
	status = spawn_wait(pid);
	if (status == SPAWN_NOT_FOUND) {
		fclose(errs);
		return error("cannot run spatch (apt-get install coccinelle)");
	}
	if (status) {
		rewind(errs);
		while (fgets(line, sizeof(line), errs))
			fputs(line, stderr);
		fclose(errs);
		return error("spatch failed on '%s' with %s", dir, script);
	}
	fclose(errs);
	return 0;
}

int cmd_cocci(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "append-to", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL, *append = NULL;
	struct findings fs = { 0 };
	struct strpool pool = { 0 };
	VEC(char *) scripts = { 0 };
	int c, jobs = (int)sysconf(_SC_NPROCESSORS_ONLN), sarif = 0, ret = 2, i;
	struct timespec t0, t1;
	struct dirent *de;
	regex_t re;
	size_t k;
	struct outfile out = { .f = stdout };
	bool written = true;
	DIR *d;

	optind = 1;
	while ((c = getopt_long(argc, argv, "j:f:o:hq", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			diag_quiet = true;
			break;
		case 'j':
			jobs = atoi(optarg);
			if (jobs < 1 || jobs > 1024)
				die("invalid number for --jobs");
			break;
		case 'f':
			if (!strcmp(optarg, "sarif"))
				sarif = 1;
			else if (strcmp(optarg, "text"))
				die("unknown format '%s' (expected text or sarif)", optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'a':
			append = optarg;
			break;
		case 'h':
			fputs(cocci_usage, stdout);
			return 0;
		default:
			fputs(cocci_usage, stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		fputs(cocci_usage, stderr);
		return 2;
	}
	for (i = optind; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) || !S_ISDIR(st.st_mode))
			die("'%s' is not a directory", argv[i]);
	}
	d = opendir(scripts_dir());
	if (!d)
		die("cannot read the Coccinelle scripts in '%s': %s", scripts_dir(), strerror(errno));
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len > 6 && !strcmp(de->d_name + len - 6, ".cocci"))
			*VEC_PUSH(scripts) = xasprintf("%s/%s", scripts_dir(), de->d_name);
	}
	closedir(d);
	if (scripts.n)
		qsort(scripts.v, scripts.n, sizeof(char *), cmp_str);
	if (outfile_open(&out, output))
		goto done;
	if (regcomp(&re, "^(.+):([0-9]+):([0-9]+)-[0-9]+: (PFVF[0-9]{3}): (.*)$", REG_EXTENDED))
		BUG("bad regex");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ret = 0;
	for (i = optind; i < argc && !ret; i++) {
		char dir[PATH_MAX];

		if (!realpath(argv[i], dir))
			snprintf(dir, sizeof(dir), "%s", argv[i]);
		for (k = 0; k < scripts.n && !ret; k++)
			ret = run_script(scripts.v[k], dir, jobs, &fs, &pool, &re);
	}
	regfree(&re);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ret) {
		ret = 2;
		goto done;
	}
	findings_sort(&fs);
	ret = fs.v.n ? 1 : 0;
	if (sarif || append) {
		const struct rule_info **infos = xcalloc(nrules, sizeof(*infos));
		struct report_ctx ctx = { 0 };
		char cwd[PATH_MAX];

		for (k = 0; k < nrules; k++)
			infos[k] = rules[k].info;
		ctx.srcroot = realpath(argv[optind], cwd) ? cwd : argv[optind];
		ctx.argc = argc;
		ctx.argv = argv;
		ctx.exit_code = ret;
		ctx.rules = infos;
		ctx.nrules = nrules;
		ctx.tool_name = "pfvf-lockcheck cocci (spatch)";
		ctx.precision = "low";
		ctx.category = "pfvf-lockcheck-cocci/";
		if (append && report_sarif_append(append, &fs, &ctx))
			ret = error("cannot add the results to '%s'", append) ? 2 : 2;
		else if (!append)
			written = !report_sarif(out.f, &fs, &ctx);
		free(infos);
	} else {
		written = !report_text(out.f, &fs);
	}
	/* as the scan's report: wholly written or not at all */
	if (outfile_close(&out, written))
		ret = 2;
	info("cocci: %zu findings from %zu scripts in %.1fs", fs.v.n, scripts.n,
	     (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
done:
	outfile_discard(&out);
	for (k = 0; k < scripts.n; k++)
		free(scripts.v[k]);
	VEC_FREE(scripts);
	findings_release(&fs);
	strpool_release(&pool);
	return ret;
}
