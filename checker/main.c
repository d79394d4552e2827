/*
 * pfvf-lockcheck: find lock-ordering and device-lifetime bugs in PCI
 * SR-IOV drivers. The pipeline: front end (libclang) -> facts (SQLite) ->
 * analysis -> checks -> report.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "analysis/analysis.h"
#include "analysis/lockgraph.h"
#include "checks/checks.h"
#include "cocci.h"
#include "facts/db.h"
#include "frontend/compdb.h"
#include "frontend/probe.h"
#include "report/baseline.h"
#include "report/diff.h"
#include "report/report.h"
#include "scan.h"
#include "sparse.h"
#include "util/diag.h"
#include "util/outfile.h"
#include "version.h"

enum format {
	FMT_TEXT,
	FMT_SARIF,
	FMT_HTML,
};

/* The options: written here, read-only after parse_options(). */
struct options {
	const char *build_dir;
	const char *db_path;
	const char *output;
	const char *srcroot;
	enum format format;
	int jobs;
	bool keep_going;
	bool list_rules;
	bool dump;
	bool stats;
	bool print_commands;
	bool analyze;		/* 'analyze': facts already in --db */
	bool kbuild;		/* CHECK= of 'make C=1': kbuild's checker line */
	bool with_sparse;
	char **kbuild_args;	/* that line as kbuild gave it */
	size_t nkbuild_args;
	const char *graph;
	bool lock_classes;
	const char *baseline;
	const char *category;
	const char *diff;
	int tu_timeout;
	int shard, nshards;
	VEC(const char *) rules_dirs;
	char **paths;		/* files or directories */
	size_t npaths;
	char **flags;		/* after '--' (or --kbuild) */
	char *kbuild_file;
	size_t nflags;
};

static const char usage_text[] =
"usage: pfvf-lockcheck [options] FILE.c... -- COMPILER_FLAGS\n"
"       pfvf-lockcheck -p BUILD_DIR [options] [FILE_OR_DIR...]\n"
"       pfvf-lockcheck merge OUT.db IN.db...\n"
"       pfvf-lockcheck analyze --db DB [options]\n"
"       pfvf-lockcheck cocci [--jobs N] [-f sarif] [--append-to LOG] DIR...\n"
"       make C=1 CHECK=\"pfvf-lockcheck [options] --kbuild\"   (in a kernel tree)\n"
"\n"
"Finds lock-ordering and device-lifetime bugs in PCI SR-IOV PF/VF driver\n"
"code: a VF callback taking its PF's device lock (PFVF001); a foreign\n"
"device's drvdata read without a lifetime guarantee (PFVF002); PF state torn\n"
"down before pci_disable_sriov(), or kept VFs used after it (PFVF003); the\n"
"rescan lock taken where the core may hold it (PFVF004); lock-order cycles\n"
"through the PCI core (PFVF005); a lock a callee requires not held, or held\n"
"where it must not be (PFVF006); a PF device trylock from a VF callback\n"
"(PFVF007); a driver identity checked by hand (PFVF008); a lock held across\n"
"pci_enable/disable_sriov() that the VF driver takes (PFVF009); SR-IOV\n"
"changed where the core does not serialise it (PFVF010); a lock-order\n"
"cycle among ordinary locks, both paths shown (PFVF011). Each finding\n"
"carries its witness path: the entry point, the locks the PCI core holds\n"
"there, the calls, and the acquisition. '--list-rules' and docs/rules/\n"
"say more.\n"
"\n"
"Input:\n"
"  -p, --build-dir DIR   read DIR/compile_commands.json (e.g. a kernel tree\n"
"                        after 'make compile_commands.json'); FILE_OR_DIR\n"
"                        limit the scan to those files or directories\n"
"  FILE.c... -- FLAGS    scan these files with these compiler flags\n"
"                        (relative paths are relative to the current directory)\n"
"      --kbuild ARGS     be kbuild's checker, in place of sparse: ARGS is the\n"
"                        line 'make C=1' or 'C=2' appends to $(CHECK) (sparse's\n"
"                        flags, then gcc's, then FILE.c). Extracts FILE.c into\n"
"                        --db (default ./pfvf-lockcheck.db in the object tree),\n"
"                        prints its findings on stderr as sparse does, exits 0;\n"
"                        then 'analyze --db' runs the whole-program rules.\n"
"                        Must come after pfvf-lockcheck's own options.\n"
"      --with-sparse     also run sparse on each TU and report its lock-context\n"
"                        warnings (context imbalance, ...) as rule\n"
"                        'sparse-context': text lines, or a second SARIF run\n"
"                        (tool 'sparse'; needs -o); with --kbuild, sparse's own\n"
"                        output passes through\n"
"\n"
"Output:\n"
"  -f, --format FMT      text (default; gcc-style 'file:line:col: warning:'\n"
"                        with 'note:' lines for the witness path) or sarif\n"
"                        (SARIF 2.1.0 for editors and code scanning) or html\n"
"                        (one self-contained page with the paths and source)\n"
"  -o, --output FILE     write the report to FILE instead of stdout\n"
"      --baseline OLD    a previous SARIF report: only findings not in it are\n"
"                        new (printed, and exit 1); SARIF marks every result\n"
"                        new, unchanged or absent (baselineState)\n"
"      --diff RANGE      report only findings whose witness path crosses a line\n"
"                        changed by 'git diff RANGE' in the --srcroot repository\n"
"                        (e.g. origin/master..HEAD), or by a unified diff on\n"
"                        stdin with '--diff -'\n"
"      --category ID     SARIF automationDetails.id (GitHub code scanning's\n"
"                        category; default 'pfvf-lockcheck/')\n"
"      --srcroot DIR     SARIF paths are relative to DIR (%SRCROOT%). Default\n"
"                        with -p: BUILD_DIR when the scanned sources lie under\n"
"                        it (an external module), else the entries' directory\n"
"                        when they lie under it (a kernel tree), else their\n"
"                        common root; without -p: the current directory\n"
"\n"
"Analysis:\n"
"      --db FILE         facts database (default: BUILD_DIR/pfvf-lockcheck.db\n"
"                        with -p, else $XDG_CACHE_HOME/pfvf-lockcheck/facts.db);\n"
"                        TUs whose sources, headers and flags are unchanged\n"
"                        are not parsed again\n"
"  -j, --jobs N          parse N TUs at once (default: 1)\n"
"      --tu-timeout S    give up on a TU that takes longer than S seconds to\n"
"                        parse (reported as not analysed; default 300)\n"
"      --rules DIR       also load the lock model files DIR/*.yaml (after the\n"
"                        built-in rules/, so they can override entries)\n"
"      --keep-going      exit 0/1 by findings even if some TU had errors\n"
"      --shard I/N       only extract the I-th of N slices of the TU list into\n"
"                        --db, and exit (merge the shards, then 'analyze')\n"
"      --graph FILE      write the lock-order graph as Graphviz DOT (cycle\n"
"                        edges red)\n"
"      --lock-classes    print each lock class with its acquisition sites on\n"
"                        stderr (device locks by role: device_lock(PF), (VF))\n"
"      --list-rules      print the rules and the loaded lock model, and exit\n"
"      --dump-facts      print the extracted CFG events per function, and exit\n"
"      --print-commands  print the filtered libclang command line of each TU\n"
"                        (as 'cd DIR && clang -fsyntax-only ...'), and exit;\n"
"                        asks libclang about every option it may reject,\n"
"                        without reading or writing the facts database\n"
"                        (with --stats: the options it dropped, on stderr)\n"
"      --stats           print on stderr the time of each stage, how many\n"
"                        compiler options libclang was asked about (probed, or\n"
"                        its verdict read from the facts database), and the\n"
"                        options dropped because this libclang rejects them\n"
"  -q, --quiet           no progress or summary on stderr\n"
"  -h, --help            this text\n"
"  -V, --version         print the version\n"
"\n"
"Exit status: 0 no findings, 1 findings, 2 usage error or some input could\n"
"not be analysed (a TU with compile errors counts, unless --keep-going).\n"
"\n"
"'analyze' runs the analysis on every TU of --db (after 'merge' of shards, or\n"
"after 'make C=1 CHECK=...' extraction) without parsing anything.\n"
"\n"
"Examples:\n"
"  pfvf-lockcheck -p ~/linux drivers/net/ethernet/intel/\n"
"  pfvf-lockcheck -p ~/linux -f sarif -o pfvf.sarif -j 8\n"
"  pfvf-lockcheck vf.c pf.c -- -I include -DCONFIG_PCI_IOV\n"
"  make -C ~/linux C=2 CHECK=\"pfvf-lockcheck --kbuild\" drivers/net/ethernet/intel/\n"
"  pfvf-lockcheck analyze --db ~/linux/pfvf-lockcheck.db\n"
"\n"
"Rule documentation: docs/rules/PFVFnnn.md; the lock model: rules/*.yaml.\n";

static noreturn void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "pfvf-lockcheck: error: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'pfvf-lockcheck --help'.\n");
	exit(2);
}

enum {
	OPT_DB = 256,
	OPT_SRCROOT,
	OPT_RULES,
	OPT_KEEP_GOING,
	OPT_LIST_RULES,
	OPT_DUMP,
	OPT_STATS,
	OPT_PRINT_COMMANDS,
	OPT_SHARD,
	OPT_GRAPH,
	OPT_LOCK_CLASSES,
	OPT_BASELINE,
	OPT_CATEGORY,
	OPT_DIFF,
	OPT_TU_TIMEOUT,
	OPT_WITH_SPARSE,
};

static int parse_int(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 1 || v > 1024)
		usage_error("invalid number for %s", what);
	return (int)v;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "build-dir", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "db", required_argument, NULL, OPT_DB },
		{ "srcroot", required_argument, NULL, OPT_SRCROOT },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "keep-going", no_argument, NULL, OPT_KEEP_GOING },
		{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
		{ "dump-facts", no_argument, NULL, OPT_DUMP },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "print-commands", no_argument, NULL, OPT_PRINT_COMMANDS },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "graph", required_argument, NULL, OPT_GRAPH },
		{ "lock-classes", no_argument, NULL, OPT_LOCK_CLASSES },
		{ "baseline", required_argument, NULL, OPT_BASELINE },
		{ "category", required_argument, NULL, OPT_CATEGORY },
		{ "diff", required_argument, NULL, OPT_DIFF },
		{ "tu-timeout", required_argument, NULL, OPT_TU_TIMEOUT },
		{ "with-sparse", no_argument, NULL, OPT_WITH_SPARSE },
		{ NULL, 0, NULL, 0 },
	};
	int c, dashdash = -1, i;

	/*
	 * split off '-- FLAGS', or '--kbuild CHECKFLAGS c_flags FILE.c' (what
	 * kbuild appends to $(CHECK)), before getopt sees them
	 */
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--") || !strcmp(argv[i], "--kbuild")) {
			dashdash = i;
			o->kbuild = !strcmp(argv[i], "--kbuild");
			break;
		}
	if (o->kbuild) {
		if (dashdash + 1 >= argc || argv[argc - 1][0] == '-')
			usage_error("%s", "--kbuild needs kbuild's checker command line: "
				    "CHECKFLAGS c_flags FILE.c (use it as CHECK=\"pfvf-lockcheck --kbuild\")");
		/* kbuild passes the source last ('$(CHECK) $(CHECKFLAGS) $(c_flags) $<') */
		o->kbuild_args = argv + dashdash + 1;
		o->nkbuild_args = (size_t)(argc - dashdash - 1);
		o->kbuild_file = argv[argc - 1];
		argc--;
	}
	if (dashdash > 0) {
		o->flags = argv + dashdash + 1;
		o->nflags = (size_t)(argc - dashdash - 1);
		argc = dashdash;
	}
	o->jobs = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+p:f:o:j:qhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o->build_dir = optarg;
			break;
		case 'f':
			if (!strcmp(optarg, "text"))
				o->format = FMT_TEXT;
			else if (!strcmp(optarg, "sarif"))
				o->format = FMT_SARIF;
			else if (!strcmp(optarg, "html"))
				o->format = FMT_HTML;
			else
				usage_error("unknown format '%s' (expected text, sarif or html)", optarg);
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'j':
			o->jobs = parse_int(optarg, "--jobs");
			break;
		case 'q':
			diag_quiet = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case 'V':
			printf("pfvf-lockcheck %s (libclang %s)\n", PFVF_VERSION,
			       PFVF_LLVM_VERSION);
			exit(0);
		case OPT_DB:
			o->db_path = optarg;
			break;
		case OPT_SRCROOT:
			o->srcroot = optarg;
			break;
		case OPT_RULES:
			*VEC_PUSH(o->rules_dirs) = optarg;
			break;
		case OPT_KEEP_GOING:
			o->keep_going = true;
			break;
		case OPT_LIST_RULES:
			o->list_rules = true;
			break;
		case OPT_DUMP:
			o->dump = true;
			break;
		case OPT_STATS:
			o->stats = true;
			break;
		case OPT_PRINT_COMMANDS:
			o->print_commands = true;
			break;
		case OPT_SHARD: {
			char *end;
			long i = strtol(optarg, &end, 10), n;

			n = *end == '/' ? strtol(end + 1, &end, 10) : 0;
			if (*end || n < 1 || n > 4096 || i < 1 || i > n)
				usage_error("invalid --shard '%s' (expected I/N with 1 <= I <= N)", optarg);
			o->shard = (int)i;
			o->nshards = (int)n;
			break;
		}
		case OPT_GRAPH:
			o->graph = optarg;
			break;
		case OPT_LOCK_CLASSES:
			o->lock_classes = true;
			break;
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_CATEGORY:
			o->category = optarg;
			break;
		case OPT_DIFF:
			o->diff = optarg;
			break;
		case OPT_TU_TIMEOUT:
			o->tu_timeout = parse_int(optarg, "--tu-timeout");
			break;
		case OPT_WITH_SPARSE:
			o->with_sparse = true;
			break;
		case ':':
			usage_error("option '%s' needs an argument", argv[optind - 1]);
		default:
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	o->paths = argv + optind;
	o->npaths = (size_t)(argc - optind);
	if (o->kbuild) {
		if (o->npaths || o->build_dir || o->analyze)
			usage_error("%s", "--kbuild must be the last of pfvf-lockcheck's options; "
				    "no files, -p or 'analyze' with it");
		o->paths = &o->kbuild_file;
		o->npaths = 1;
		return;
	}
	if (o->list_rules)
		return;
	if (o->with_sparse && (o->analyze || o->nshards))
		usage_error("%s", "--with-sparse runs sparse on the TUs it scans: not with 'analyze' or --shard");
	if (o->with_sparse && o->format == FMT_HTML)
		usage_error("%s", "--with-sparse reports in text or SARIF, not html");
	if (o->with_sparse && o->format == FMT_SARIF && !o->output)
		usage_error("%s", "--with-sparse with -f sarif needs -o FILE (sparse's run is added to that log)");
	if (o->analyze) {
		if (!o->db_path)
			usage_error("%s", "'analyze' needs --db DB");
		if (o->npaths || o->build_dir || dashdash > 0)
			usage_error("%s", "'analyze' takes no input files: it reads --db");
		return;
	}
	if (!o->build_dir && dashdash < 0)
		usage_error("%s", "give -p BUILD_DIR, or FILE.c... -- FLAGS");
	if (!o->build_dir && !o->npaths)
		usage_error("%s", "no input files before '--'");
	if (o->build_dir && dashdash > 0)
		usage_error("%s", "-p and '-- FLAGS' cannot be combined");
}

static char *default_db(const struct options *o)
{
	const char *cache = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char *dir;

	if (o->build_dir)
		return xasprintf("%s/pfvf-lockcheck.db", o->build_dir);
	/* make runs $(CHECK) in the object tree: the database lives there */
	if (o->kbuild)
		return xstrdup("pfvf-lockcheck.db");
	dir = cache && *cache ? xasprintf("%s/pfvf-lockcheck", cache)
			      : xasprintf("%s/.cache/pfvf-lockcheck", home ? home : "/tmp");
	/* best effort: a failure shows up when the database is opened */
	{
		char *parent = xasprintf("%s/..", dir);

		mkdir(parent, 0755);
		free(parent);
	}
	mkdir(dir, 0755);
	{
		char *db = xasprintf("%s/facts.db", dir);

		free(dir);
		return db;
	}
}

static int load_model(const struct options *o, struct model *m)
{
	const char *builtin = getenv("PFVF_RULES_DIR");
	size_t i;

	if (model_load_dir(m, builtin && *builtin ? builtin : PFVF_RULES_DIR))
		return -1;
	for (i = 0; i < o->rules_dirs.n; i++)
		if (model_load_dir(m, o->rules_dirs.v[i]))
			return -1;
	model_finish(m);
	return 0;
}

static void list_rules(const struct model *m)
{
	size_t i;

	printf("Rules:\n");
	for (i = 0; i < nrules; i++)
		printf("  %s  %-34s %s\n", rules[i].info->id, rules[i].info->name,
		       rules[i].info->short_desc);
	printf("\nLock model files:\n");
	for (i = 0; i < m->files.n; i++)
		printf("  %s\n", m->files.v[i]);
	printf("\nLock APIs:\n");
	for (i = 0; i < m->apis.n; i++) {
		const struct api *a = &m->apis.v[i];

		if (strstr(a->function, "::")) {
			printf("  %-28s is the device lock of the device holding it\n", a->function);
			continue;
		}
		printf("  %-28s %-8s %s", a->function, model_action_name(a->action),
		       a->device ? "device lock of" : "lock");
		if (a->cls)
			printf(" %s", a->cls);
		else
			printf(" arg %d", a->arg);
		printf("\n");
	}
	printf("\nDevice roles:\n");
	for (i = 0; i < m->roles.n; i++) {
		static const char *const eff[] = {
			"the same device as", "the PF of", "another device than",
			"the driver bound to", NULL, "the devfn of a VF of",
		};
		const struct role_rule *r = &m->roles.v[i];

		if (r->effect == RE_VF)
			printf("  %s%s%s is a VF the PF driver keeps\n", r->function ? "" : "->",
			       r->function ? r->function : r->field, r->function ? "()" : "");
		else if (r->function)
			printf("  %s() returns %s its argument %d\n", r->function,
			       eff[r->effect], r->arg);
		else
			printf("  ->%s is %s its base\n", r->field, eff[r->effect]);
	}
	printf("\nCore callbacks:\n");
	for (i = 0; i < m->callbacks.n; i++) {
		const struct callback *cb = &m->callbacks.v[i];
		char k[96];
		unsigned j;

		printf("  struct %s .%s:", cb->struct_type, cb->field);
		for (j = 0; j < cb->held.n; j++) {
			lockkey_format(&cb->held.k[j], k, sizeof(k));
			printf(" %s", k);
		}
		printf("  (%s)\n", cb->caller);
	}
}

static void dump_program(const struct program *p)
{
	size_t i;
	int j, k;

	for (i = 0; i < p->funcs.n; i++) {
		const struct func *f = p->funcs.v[i];

		if (!f->in_main)
			continue;
		printf("func %s %s:%d params=%d blocks=%d\n", f->name,
		       display_path(f->file), f->line, f->nparams, f->nblocks);
		for (j = 0; j < f->nevents; j++) {
			const struct event *e = &f->events[j];

			static const char *const kinds[] = {
				[EV_CALL] = "call", [EV_ICALL] = "icall", [EV_MACRO] = "macro",
				[EV_COMPARE] = "compare", [EV_ANNOT] = "annotation", [EV_STORE] = "store", [EV_TEST] = "test",
			};

			printf("  b%d #%d %s %s(", e->block, e->idx,
			       e->kind <= EV_TEST && kinds[e->kind] ? kinds[e->kind] : "?", e->name);
			for (k = 0; k < e->nargs; k++) {
				struct role r = eval_role(p->model, e->args[k]);
				char buf[48];

				role_format(r, buf, sizeof(buf));
				printf("%s%s", k ? ", " : "", buf);
			}
			printf(") line %d%s\n", e->line, e->api ? " [api]" : "");
		}
		for (j = 0; j < f->nedges; j++)
			printf("  edge %d -> %d%s\n", f->edges[j].src, f->edges[j].dst,
			       f->edges[j].cond >= 0 ? (f->edges[j].polarity ? " (if #true)" : " (if #false)") : "");
	}
}

/* Shell-quote @s for --print-commands. */
static void print_quoted(const char *s)
{
	if (*s && !strpbrk(s, " \t\n'\"\\$`*?[]{}()<>|&;#~")) {
		fputs(s, stdout);
		return;
	}
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

static void print_commands(const struct tu_list *tus)
{
	size_t i, j;

	for (i = 0; i < tus->n; i++) {
		const struct tu_job *t = &tus->v[i];

		fputs("cd ", stdout);
		print_quoted(t->directory);
		fputs(" && clang -fsyntax-only", stdout);
		for (j = 0; j < t->args.n; j++) {
			putchar(' ');
			print_quoted(t->args.v[j]);
		}
		putchar(' ');
		print_quoted(t->file);
		putchar('\n');
	}
}

static bool keep_touched(const struct finding *f, const void *arg)
{
	return diffmap_touches(arg, f);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmd_merge(int argc, char **argv)
{
	struct factsdb db;
	int i, ret = 0;

	if (argc < 3)
		usage_error("%s", "usage: pfvf-lockcheck merge OUT.db IN.db...");
	if (factsdb_open(&db, argv[1]))
		return 2;
	for (i = 2; i < argc && !ret; i++) {
		if (access(argv[i], R_OK)) {
			ret = error("cannot read '%s': %s", argv[i], strerror(errno));
			break;
		}
		ret = factsdb_merge(&db, argv[i]);
	}
	factsdb_close(&db);
	return ret ? 2 : 0;
}

/* Does every TU of @tus lie under directory @dir (a real path)? */
static bool tus_under(const struct tu_list *tus, const char *dir)
{
	size_t i, n = strlen(dir);

	for (i = 0; i < tus->n; i++)
		if (strncmp(tus->v[i].file, dir, n) || (tus->v[i].file[n] != '/' && n > 1))
			return false;
	return tus->n > 0;
}

/*
 * %SRCROOT%: --srcroot; else with -p the compile database's directory when
 * the scanned sources lie under it (an external module's
 * compile_commands.json beside its sources), else the entries' directory
 * (a kernel tree's, which is where kbuild runs), else the common root of
 * the sources; without -p the current directory.
 */
static const char *srcroot_of(const struct options *o, const struct tu_list *tus,
			      char *buf)
{
	size_t i, n;

	if (o->srcroot)
		return realpath(o->srcroot, buf) ? buf : o->srcroot;
	if (!o->build_dir || !tus->n)
		return getcwd(buf, PATH_MAX) ? buf : "/";
	if (realpath(o->build_dir, buf) && tus_under(tus, buf))
		return buf;
	if (realpath(tus->v[0].directory, buf) && tus_under(tus, buf))
		return buf;
	/* the longest directory prefix of every source */
	snprintf(buf, PATH_MAX, "%s", tus->v[0].file);
	for (i = 1; i < tus->n; i++) {
		for (n = 0; buf[n] && buf[n] == tus->v[i].file[n]; n++)
			;
		buf[n] = '\0';
	}
	*(strrchr(buf, '/') ? strrchr(buf, '/') : buf) = '\0';
	return *buf ? buf : "/";
}

/*
 * Judge the options of every TU's command that libclang may reject (the
 * verdicts of @db first, when given), then filter every command.
 */
static int filter_tus(struct tu_list *tus, struct factsdb *db, struct flag_verdicts *fv,
		      struct probe_stats *ps)
{
	tu_list_options(tus, fv);
	if (flags_decide(fv, db, ps))
		return -1;
	tu_list_filter(tus, fv);
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct strpool pool = { 0 };
	struct model model;
	struct tu_list tus = { 0 };
	struct factsdb db = { 0 };
	struct scan_result sr = { 0 };
	struct program prog = { 0 };
	struct analysis an = { 0 };
	struct findings fs = { 0 }, sparse_fs = { 0 };
	struct scan_opts so = { 0 };
	struct flag_verdicts fv = { 0 };
	struct probe_stats ps = { 0 };
	const struct rule_info **infos = NULL;
	char rootbuf[PATH_MAX], *dbpath = NULL;
	double t[4] = { 0 };
	struct baseline base = { 0 };
	struct diffmap diff = { 0 };
	size_t nnew;
	struct outfile out = { .f = stdout };
	bool written = false;
	int ret = 2;
	size_t i;

	if (argc > 1 && !strcmp(argv[1], "merge"))
		return cmd_merge(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "cocci"))
		return cmd_cocci(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "analyze")) {
		o.analyze = true;
		parse_options(argc - 1, argv + 1, &o);
	} else {
		parse_options(argc, argv, &o);
	}
	/* as sparse: one line per warning, nothing else, never fail the build for one */
	if (o.kbuild)
		diag_quiet = true;
	model_init(&model, &pool);
	if (load_model(&o, &model))
		goto out;
	if (o.list_rules) {
		list_rules(&model);
		ret = 0;
		goto out;
	}
	if (o.baseline && baseline_load(&base, o.baseline))
		goto out;
	/* fail on an unwritable -o before spending minutes on a scan */
	if (outfile_open(&out, o.output))
		goto out;
	/* like sparse, on stderr: kbuild's 'make -s' sends commands' stdout to /dev/null */
	if (o.kbuild && !o.output)
		out.f = stderr;
	if (o.analyze) {
		if (access(o.db_path, R_OK)) {
			error("cannot read facts database '%s': %s", o.db_path, strerror(errno));
			goto out;
		}
	} else if (o.build_dir ? compdb_load(o.build_dir, o.paths, o.npaths, &tus)
			       : compdb_from_args(o.paths, o.npaths, o.flags, o.nflags, &tus)) {
		goto out;
	}
	if (o.nshards)
		tu_list_shard(&tus, o.shard, o.nshards);
	if (o.print_commands) {
		/* a pure look: every option is probed, the database left alone */
		if (!filter_tus(&tus, NULL, &fv, &ps)) {
			print_commands(&tus);
			if (o.stats)
				flags_print_stats(&fv, &ps, stderr);
			ret = 0;
		}
		goto out;
	}
	t[0] = now();
	dbpath = o.db_path ? xstrdup(o.db_path) : default_db(&o);
	if (factsdb_open(&db, dbpath))
		goto out;
	if (!o.analyze && filter_tus(&tus, &db, &fv, &ps))
		goto out;
	so.jobs = o.jobs;
	so.tu_timeout = o.tu_timeout;
	so.progress = !diag_quiet && isatty(STDERR_FILENO);
	if (o.analyze ? scan_from_db(&db, &sr) : scan_run(&db, &tus, &so, &sr))
		goto out;
	t[1] = now();
	if (o.nshards) {
		for (i = 0; i < sr.problems.n; i++)
			warning("%s", sr.problems.v[i].message);
		info("shard %d/%d: %zu TUs (%u parsed, %u from cache, %u with errors, %u failed) in '%s'",
		     o.shard, o.nshards, tus.n, sr.parsed, sr.cached, sr.with_errors, sr.failed, dbpath);
		ret = sr.problems.n && !o.keep_going ? 2 : 0;
		goto out;
	}
	for (i = 0; i < sr.problems.n; i++)
		warning("%s", sr.problems.v[i].message);
	prog.pool = &pool;
	if (program_load(&prog, &db, &model, sr.tu_ids.v, sr.tu_ids.n))
		goto out;
	program_learn_vf_fields(&prog, &model);
	if (!sr.tu_ids.n) {
		if (o.kbuild) {
			ret = 0;	/* the warning above names it; the build goes on */
			goto out;
		}
		error("no translation unit could be analysed");
		goto out;
	}
	if (o.dump) {
		dump_program(&prog);
		ret = 0;
		goto out;
	}
	t[2] = now();
	analysis_run(&an, &prog);
	for (i = 0; i < nrules; i++)
		rules[i].check(&an, &fs, (int)i);
	findings_sort(&fs);
	for (i = 0; i < fs.notices.n; i++)
		info("note: %s", fs.notices.v[i]);
	if (o.diff) {
		if (diffmap_load(&diff, o.diff, srcroot_of(&o, &tus, rootbuf)))
			goto out;
		findings_filter(&fs, keep_touched, &diff);
	}
	nnew = fs.v.n;
	if (o.baseline) {
		baseline_mark(&base, &fs);
		for (i = 0, nnew = 0; i < fs.v.n; i++)
			nnew += fs.v.v[i].baseline == BASELINE_NEW;
	}
	t[3] = now();
	if (o.lock_classes)
		lockgraph_write_classes(&an, stderr);
	if (o.graph) {
		struct outfile g;

		if (outfile_open(&g, o.graph) ||
		    outfile_close(&g, !lockgraph_write_dot(an.graph, g.f)))
			goto out;
	}
	if (o.with_sparse && !o.kbuild) {
		if (sparse_check(&tus, o.jobs, &sparse_fs, &pool))
			goto out;
		nnew += sparse_fs.v.n;
	}
	ret = nnew ? 1 : 0;
	if (sr.problems.n && !o.keep_going)
		ret = 2;
	if (o.format == FMT_SARIF) {
		struct report_ctx ctx = { 0 };

		infos = xcalloc(nrules, sizeof(*infos));
		for (i = 0; i < nrules; i++)
			infos[i] = rules[i].info;
		ctx.srcroot = srcroot_of(&o, &tus, rootbuf);
		ctx.argc = argc;
		ctx.argv = argv;
		ctx.exit_code = ret;
		ctx.rules = infos;
		ctx.nrules = nrules;
		ctx.problems = sr.problems.v;
		ctx.nproblems = sr.problems.n;
		ctx.absent = o.baseline ? baseline_absent(&base, &fs) : NULL;
		ctx.category = o.category;
		written = !report_sarif(out.f, &fs, &ctx);
		json_decref(ctx.absent);
	} else {
		written = !(o.format == FMT_HTML ? report_html(out.f, &fs) : report_text(out.f, &fs)) &&
			  !report_text(out.f, &sparse_fs);
	}
	/* a report that is not wholly written is not written at all */
	if (outfile_close(&out, written)) {
		ret = -1;
		written = false;
	}
	else if (o.with_sparse && o.format == FMT_SARIF) {
		const struct rule_info *sparse_rules[] = { &sparse_context_rule };
		struct report_ctx ctx = { 0 };

		ctx.srcroot = srcroot_of(&o, &tus, rootbuf);
		ctx.argc = argc;
		ctx.argv = argv;
		ctx.exit_code = ret;
		ctx.rules = sparse_rules;
		ctx.nrules = 1;
		ctx.tool_name = "sparse";
		ctx.category = "pfvf-lockcheck-sparse/";
		if (report_sarif_append(o.output, &sparse_fs, &ctx))
			ret = error("cannot add sparse's run to '%s'", o.output);
	}
	if (ret < 0)
		ret = 2;
	/* findings and a TU's problems are printed; the build goes on */
	if (o.kbuild && written)
		ret = 0;
	/* CHECK="pfvf-lockcheck --with-sparse --kbuild" stands in for sparse too */
	if (o.kbuild && o.with_sparse && !ret) {
		int rc = sparse_passthrough(o.kbuild_args, o.nkbuild_args);

		ret = rc < 0 ? 2 : rc;
	}
	info("%zu TUs (%u parsed, %u from cache, %u with errors, %u failed), %zu functions, %zu entry points, %zu findings%s%s",
	     o.analyze ? sr.tu_ids.n : tus.n, sr.parsed, sr.cached, sr.with_errors, sr.failed, prog.funcs.n,
	     an.entries.n, fs.v.n, o.with_sparse ? " (and sparse's)" : "",
	     o.baseline ? (nnew ? ", some new against the baseline" : ", none new against the baseline") : "");
	/* a count of 0 read as 'clean' when it is not */
	if (!fs.v.n && (sr.with_errors || sr.failed))
		warning("the result is incomplete: %u of %zu TUs had errors, so code after them was not analysed; 0 findings does not mean none",
			sr.with_errors + sr.failed, o.analyze ? sr.tu_ids.n : tus.n);
	if (o.stats) {
		fprintf(stderr, "pfvf-lockcheck: time: extract %.2fs, load %.2fs, analyse %.2fs, report %.2fs\n",
			t[1] - t[0], t[2] - t[1], t[3] - t[2], now() - t[3]);
		if (!o.analyze)
			flags_print_stats(&fv, &ps, stderr);
	}
out:
	outfile_discard(&out);
	free(infos);
	baseline_release(&base);
	diffmap_release(&diff);
	findings_release(&fs);
	findings_release(&sparse_fs);
	analysis_release(&an);
	program_release(&prog);
	scan_result_release(&sr);
	if (db.db)
		factsdb_close(&db);
	free(dbpath);
	tu_list_release(&tus);
	flag_verdicts_release(&fv);
	model_release(&model);
	VEC_FREE(o.rules_dirs);
	strpool_release(&pool);
	return ret;
}
