/*
 * libclang's verdict on an option: a one-line C file from memory, parsed
 * with '-x c', the command's --target (what -m... options mean depends on
 * it) and the option. An error diagnostic rejects it: "unknown argument",
 * "unsupported option '-mrecord-mcount' for target", "unsupported argument
 * 'bounds-strict' to option 'fsanitize='", or an option clang only half has
 * ('-ftrivial-auto-var-init=zero' wants another flag in 14). A warning
 * ("argument unused during compilation", "optimization flag ... is not
 * supported", "unknown warning option") is not: a TU parses with it.
 */
#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "frontend/probe.h"
#include "util/diag.h"

static const char probe_name[] = "/pfvf-lockcheck-probe.c";
static const char probe_text[] = "int pfvf_lockcheck_probe;\n";

/* libclang's first error with @opt, interned in @pool; NULL if it takes it. */
static const char *probe(CXIndex index, const char *opt, const char *target,
			 struct strpool *pool)
{
	struct CXUnsavedFile uf = { probe_name, probe_text, sizeof(probe_text) - 1 };
	const char *argv[4] = { "-x", "c" }, *reason = NULL;
	CXTranslationUnit tu = NULL;
	enum CXErrorCode rc;
	char *t = NULL;
	unsigned i, n;
	int argc = 2;

	if (*target)
		argv[argc++] = t = xasprintf("--target=%s", target);
	argv[argc++] = opt;
	rc = clang_parseTranslationUnit2(index, probe_name, argv, argc, &uf, 1,
					 CXTranslationUnit_None, &tu);
	free(t);
	if (rc != CXError_Success || !tu)
		return strpool_internf(pool, "libclang parses nothing with it (error %d)", (int)rc);
	n = clang_getNumDiagnostics(tu);
	for (i = 0; i < n && !reason; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);

		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			CXString s = clang_getDiagnosticSpelling(d);

			reason = strpool_intern(pool, clang_getCString(s));
			clang_disposeString(s);
		}
		clang_disposeDiagnostic(d);
	}
	clang_disposeTranslationUnit(tu);
	return reason;
}

/* clang_getClangVersion(), the cache key; its number into @num ("14.0.6"). */
static char *clang_version(char *num, size_t size)
{
	CXString v = clang_getClangVersion();
	const char *s = clang_getCString(v), *p = strstr(s, "version ");
	char *full = xstrdup(s);

	p = p ? p + strlen("version ") : s;
	snprintf(num, size, "%.*s", (int)strcspn(p, " "), p);
	clang_disposeString(v);
	return full;
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Probe @v and store the verdict in @db (if any). Returns 0 or -1. */
static int probe_one(CXIndex index, struct factsdb *db, const char *version,
		     struct flag_verdict *v, struct strpool *pool, struct probe_stats *st)
{
	v->reason = probe(index, v->option, v->target, pool);
	v->drop = v->reason != NULL;
	st->probed++;
	return db ? factsdb_flag_store(db, version, v->target, v->option, v->drop, v->reason) : 0;
}

int flags_decide(struct flag_verdicts *fv, struct factsdb *db, struct probe_stats *st)
{
	char *version = clang_version(st->version, sizeof(st->version));
	CXIndex index = NULL;
	double t0 = seconds();
	int ret = 0, drop, rc;
	size_t i;

	for (i = 0; i < fv->v.n && !ret; i++) {
		struct flag_verdict *v = &fv->v.v[i];

		rc = db ? factsdb_flag_lookup(db, version, v->target, v->option, &drop,
					      &v->reason, &fv->pool) : 0;
		if (rc == 1) {
			v->drop = drop;
			v->cached = true;
			st->cached++;
		} else if (rc == 0) {
			/* displayDiagnostics 0: they are read, not printed */
			if (!index)
				index = clang_createIndex(0, 0);
			ret = probe_one(index, db, version, v, &fv->pool, st);
		} else {
			ret = -1;
		}
		st->dropped += v->drop;
	}
	if (index)
		clang_disposeIndex(index);
	free(version);
	st->seconds = seconds() - t0;
	return ret;
}

void flags_print_stats(const struct flag_verdicts *fv, const struct probe_stats *st,
		       FILE *f)
{
	const char *sep = "";
	size_t i;

	fprintf(f, "pfvf-lockcheck: flags: %zu option%s for libclang %s to judge: %u probed, %u from the facts database (%.2fs)\n",
		fv->v.n, fv->v.n == 1 ? "" : "s", st->version, st->probed, st->cached,
		st->seconds);
	if (!st->dropped)
		return;
	fprintf(f, "pfvf-lockcheck: flags: dropped %u option%s libclang %s rejects:",
		st->dropped, st->dropped == 1 ? "" : "s", st->version);
	for (i = 0; i < fv->v.n; i++) {
		const struct flag_verdict *v = &fv->v.v[i];

		if (!v->drop)
			continue;
		fprintf(f, "%s %s (%u TU%s%s%s)", sep, v->option, v->ntus, v->ntus == 1 ? "" : "s",
			*v->target ? ", --target=" : "", v->target);
		sep = ",";
	}
	fputc('\n', f);
}
