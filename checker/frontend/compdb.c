/*
 * Compile commands. The JSON is checked with jansson first, because
 * libclang only says "cannot load" and a user deserves the line and the
 * entry that is wrong; the commands themselves come from libclang's
 * CXCompilationDatabase, which knows the "command" and "arguments" forms.
 */
#include <clang-c/CXCompilationDatabase.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "frontend/compdb.h"
#include "util/diag.h"
#include "util/mem.h"

/*
 * The module an object is linked into: kbuild passes every object of a
 * module (a composite one's too, across directories) the module's name as
 * -DKBUILD_MODNAME='"name"'. NULL when the command has none.
 */
static char *module_of(const struct argv_list *args)
{
	static const char def[] = "KBUILD_MODNAME=";
	size_t i, n;

	for (i = 0; i < args->n; i++) {
		const char *a = args->v[i];

		if (!strcmp(a, "-D") && i + 1 < args->n)
			a = args->v[++i];
		else if (!strncmp(a, "-D", 2))
			a += 2;
		else
			continue;
		if (strncmp(a, def, sizeof(def) - 1))
			continue;
		a += sizeof(def) - 1;
		a += strspn(a, "'\"");
		n = strcspn(a, "'\"");
		return n ? xstrndup(a, n) : NULL;
	}
	return NULL;
}

/* Keep the command as it is: it is filtered once every option is judged. */
static void job_add(struct tu_list *out, const char *file, const char *dir,
		    const char *const *argv, size_t argc)
{
	struct tu_job *j;
	size_t i;

	if (out->n == out->alloc) {
		out->alloc = out->alloc ? out->alloc * 2 : 64;
		out->v = xrealloc(out->v, out->alloc * sizeof(*out->v));
	}
	j = &out->v[out->n++];
	memset(j, 0, sizeof(*j));
	j->file = xstrdup(file);
	j->directory = xstrdup(dir);
	for (i = 0; i < argc; i++)
		argv_push(&j->command, argv[i]);
}

void tu_list_options(const struct tu_list *l, struct flag_verdicts *fv)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		flag_verdicts_add(fv, (const char *const *)l->v[i].command.v,
				  l->v[i].command.n);
}

void tu_list_filter(struct tu_list *l, const struct flag_verdicts *fv)
{
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		struct tu_job *j = &l->v[i];
		struct strbuf sb = STRBUF_INIT;

		j->ncommand = flags_filter((const char *const *)j->command.v, j->command.n,
					   j->file, j->directory, fv, &j->args);
		for (k = 0; k < j->args.n; k++)
			strbuf_addf(&sb, "%s%s", k ? " " : "", j->args.v[k]);
		j->flags = strbuf_detach(&sb);
		j->module = module_of(&j->args);
		argv_release(&j->command);
	}
}

static void job_release(struct tu_job *j)
{
	free(j->file);
	free(j->directory);
	free(j->flags);
	free(j->module);
	argv_release(&j->args);
	argv_release(&j->command);
}

void tu_list_shard(struct tu_list *l, int i, int n)
{
	size_t k, j = 0;

	for (k = 0; k < l->n; k++) {
		if ((int)(k % (size_t)n) == i - 1)
			l->v[j++] = l->v[k];
		else
			job_release(&l->v[k]);
	}
	l->n = j;
}

void tu_list_release(struct tu_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		job_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int validate_json(const char *path)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	size_t i;
	int ret = 0;

	if (!root) {
		if (access(path, R_OK))
			return error("cannot read '%s': %s", path, strerror(errno));
		return error("'%s' is not valid JSON: line %d column %d: %s",
			     path, jerr.line, jerr.column, jerr.text);
	}
	if (!json_is_array(root)) {
		ret = error("'%s': expected a JSON array of compile commands", path);
	} else if (!json_array_size(root)) {
		ret = error("'%s' has no entries", path);
	} else {
		for (i = 0; i < json_array_size(root) && !ret; i++) {
			json_t *e = json_array_get(root, i);

			if (!json_is_object(e))
				ret = error("'%s': entry %zu is not an object", path, i);
			else if (!json_is_string(json_object_get(e, "directory")))
				ret = error("'%s': entry %zu has no \"directory\"", path, i);
			else if (!json_is_string(json_object_get(e, "file")))
				ret = error("'%s': entry %zu has no \"file\"", path, i);
			else if (!json_is_string(json_object_get(e, "command")) &&
				 !json_is_array(json_object_get(e, "arguments")))
				ret = error("'%s': entry %zu has neither \"command\" nor \"arguments\"",
					    path, i);
		}
	}
	json_decref(root);
	return ret;
}

/* The real path of @file as the entry names it (relative to @dir). */
static char *entry_path(const char *dir, const char *file)
{
	char buf[PATH_MAX], *joined;

	joined = file[0] == '/' ? xstrdup(file) : xasprintf("%s/%s", dir, file);
	if (realpath(joined, buf)) {
		free(joined);
		return xstrdup(buf);
	}
	return joined;
}

static int under(const char *file, const char *prefix)
{
	size_t n = strlen(prefix);

	return !strncmp(file, prefix, n) &&
	       (file[n] == '\0' || file[n] == '/' || prefix[n - 1] == '/');
}

/*
 * Does the command name its include paths relative to another directory
 * than its own? A relative '-include' file that is not there, or relative
 * '-I' directories none of which is: the shape of
 * 'gen_compile_commands.py -d MODULE_DIR' on an external module, whose
 * kbuild flags (-I./include) are relative to the kernel tree. @what gets
 * the first such argument.
 */
static bool paths_elsewhere(const char *dir, const char *const *argv, size_t argc,
			    const char **what)
{
	size_t i, rel = 0, found = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *path = NULL;
		bool include = false;
		struct stat st;
		char *full;

		if (!strcmp(a, "-include") || !strcmp(a, "-I") || !strcmp(a, "-iquote")) {
			if (i + 1 == argc)
				break;
			include = a[1] == 'i' && a[2] == 'n';
			path = argv[++i];
		} else if (!strncmp(a, "-I", 2)) {
			path = a + 2;
		}
		if (!path || path[0] == '/' || !*path)
			continue;
		full = xasprintf("%s/%s", dir, path);
		if (!stat(full, &st)) {
			found++;
		} else if (include) {
			*what = path;
			free(full);
			return true;
		} else if (!rel) {
			*what = path;
		}
		rel++;
		free(full);
	}
	return rel && !found;
}

int compdb_load(const char *build_dir, char *const *paths, size_t npaths,
		struct tu_list *out)
{
	CXCompilationDatabase_Error err;
	CXCompilationDatabase db;
	CXCompileCommands cmds;
	char *json = xasprintf("%s/compile_commands.json", build_dir);
	char **real = xcalloc(npaths + 1, sizeof(char *));
	size_t *hits = xcalloc(npaths + 1, sizeof(size_t));
	unsigned i, n;
	size_t p, elsewhere = 0, wanted = 0;
	char *first_elsewhere = NULL;
	const char *what = NULL;
	int ret = -1;

	for (p = 0; p < npaths; p++) {
		char buf[PATH_MAX];

		if (!realpath(paths[p], buf)) {
			error("cannot scan '%s': %s", paths[p], strerror(errno));
			goto out;
		}
		real[p] = xstrdup(buf);
	}
	if (validate_json(json))
		goto out;
	db = clang_CompilationDatabase_fromDirectory(build_dir, &err);
	if (err != CXCompilationDatabase_NoError) {
		error("libclang cannot load '%s'", json);
		goto out;
	}
	cmds = clang_CompilationDatabase_getAllCompileCommands(db);
	n = clang_CompileCommands_getSize(cmds);
	for (i = 0; i < n; i++) {
		CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, i);
		CXString dir = clang_CompileCommand_getDirectory(cmd);
		CXString file = clang_CompileCommand_getFilename(cmd);
		unsigned a, argc = clang_CompileCommand_getNumArgs(cmd);
		char *path = entry_path(clang_getCString(dir), clang_getCString(file));
		bool want = npaths == 0;
		const char **argv;

		for (p = 0; p < npaths; p++)
			if (under(path, real[p])) {
				hits[p]++;
				want = true;
			}
		if (want) {
			CXString *strs = xcalloc(argc + 1, sizeof(CXString));

			argv = xcalloc(argc + 1, sizeof(char *));
			for (a = 0; a < argc; a++) {
				strs[a] = clang_CompileCommand_getArg(cmd, a);
				argv[a] = clang_getCString(strs[a]);
			}
			wanted++;
			if (paths_elsewhere(clang_getCString(dir), argv, argc, &what)) {
				if (!elsewhere++)
					first_elsewhere = xasprintf("'%s' (\"directory\": '%s') names '%s'",
								    path, clang_getCString(dir), what);
			} else {
				job_add(out, path, clang_getCString(dir), argv, argc);
			}
			for (a = 0; a < argc; a++)
				clang_disposeString(strs[a]);
			free(strs);
			free(argv);
		}
		free(path);
		clang_disposeString(dir);
		clang_disposeString(file);
	}
	clang_CompileCommands_dispose(cmds);
	clang_CompilationDatabase_dispose(db);
	ret = 0;
	/* one message for the whole database, not every TU's missing headers */
	if (elsewhere) {
		ret = error("'%s': %zu of %zu entries name include paths that do not exist under their "
			    "\"directory\": %s. The database was written for another directory "
			    "(for an external module, gen_compile_commands.py -d MODULE_DIR, whose "
			    "kbuild flags are relative to the kernel tree). Regenerate it from the "
			    "kernel tree: 'make -C KDIR M=MODULE_DIR compile_commands.json', or "
			    "'scripts/clang-tools/gen_compile_commands.py -d KDIR MODULE_DIR/modules.order' "
			    "run in KDIR",
			    json, elsewhere, wanted, first_elsewhere);
		free(first_elsewhere);
	}
	for (p = 0; p < npaths; p++)
		if (!hits[p])
			ret = error("'%s' has no entry in '%s'", paths[p], json);
out:
	for (p = 0; p < npaths; p++)
		free(real[p]);
	free(real);
	free(hits);
	free(json);
	return ret;
}

int compdb_from_args(char *const *files, size_t nfiles, char *const *flags,
		     size_t nflags, struct tu_list *out)
{
	char cwd[PATH_MAX], buf[PATH_MAX];
	const char **argv = xcalloc(nflags + 2, sizeof(char *));
	size_t i;
	int ret = 0;

	if (!getcwd(cwd, sizeof(cwd)))
		return error("cannot get the current directory: %s", strerror(errno));
	argv[0] = "cc";
	for (i = 0; i < nflags; i++)
		argv[i + 1] = flags[i];
	for (i = 0; i < nfiles; i++) {
		struct stat st;

		if (!realpath(files[i], buf) || stat(buf, &st) ||
		    (S_ISREG(st.st_mode) && access(buf, R_OK))) {
			ret = error("cannot read '%s': %s", files[i], strerror(errno));
			continue;
		}
		if (!S_ISREG(st.st_mode)) {
			ret = error("'%s' is not a regular file", files[i]);
			continue;
		}
		job_add(out, buf, cwd, argv, nflags + 1);
	}
	free(argv);
	return ret;
}
