/*
 * Fact extraction over the TU list. A TU is re-parsed only if the hash of
 * its flags and of every file it read last time has changed. With -j N,
 * N worker processes each own a libclang index (libclang is not
 * thread-safe across TUs) and a database connection; SQLite serialises
 * their per-TU transactions.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "frontend/extract.h"
#include "scan.h"
#include "util/diag.h"

typedef VEC(struct fact_dep) dep_vec;

static bool is_fresh(struct factsdb *db, const struct tu_job *j,
		     struct depcache *dc, struct strpool *pool)
{
	dep_vec deps = { 0 };
	char stored[33], now[33];
	char *diag = NULL;
	int64_t id;
	int status, rc;
	size_t i;
	bool fresh = false;

	rc = factsdb_tu_lookup(db, j->file, &id, stored, &deps, pool, &status, &diag);
	free(diag);
	if (rc != 1 || status == TU_FAILED || !deps.n)
		goto out;
	for (i = 0; i < deps.n; i++) {
		const struct depcache_entry *e = depcache_get(dc, deps.v[i].path);

		if (!e->ok)
			goto out;
		memcpy(deps.v[i].hash, e->hash, sizeof(deps.v[i].hash));
	}
	tu_hash(j->flags, deps.v, deps.n, now);
	fresh = !strcmp(now, stored);
out:
	VEC_FREE(deps);
	return fresh;
}

static int extract_one(CXIndex index, struct factsdb *db,
		       const struct tu_job *j, struct depcache *dc)
{
	struct tu_facts tf;
	int ret;

	tu_facts_init(&tf);
	tf.flags = strpool_intern(&tf.strings, j->flags);
	extract_tu(index, j->file, j->directory, &j->args, dc, &tf);
	ret = factsdb_store_tu(db, &tf);
	tu_facts_release(&tf);
	return ret;
}

struct progress {
	bool on;
	size_t total, done;
	struct timespec start;
};

static void progress_show(struct progress *p, const char *file)
{
	struct timespec now;
	double secs, rate;
	long eta;

	if (!p->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = (double)(now.tv_sec - p->start.tv_sec) +
	       (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
	rate = secs > 0 ? (double)p->done / secs : 0;
	eta = rate > 0 ? (long)((double)(p->total - p->done) / rate) : 0;
	fprintf(stderr, "\r\033[K[%zu/%zu] %.1f TU/s, ETA %ldm%02lds%s%s",
		p->done, p->total, rate, eta / 60, eta % 60,
		file ? "  " : "", file ? display_path(file) : "");
	if (p->done == p->total)
		fputc('\n', stderr);
	fflush(stderr);
}

static void worker(const char *dbpath, const struct tu_list *tus,
		   const size_t *stale, size_t nstale, size_t first,
		   size_t step, int fd)
{
	struct factsdb db;
	struct strpool pool = { 0 };
	struct depcache dc;
	CXIndex index;
	size_t i;
	int rc = 0;

	if (factsdb_open(&db, dbpath))
		_exit(3);
	depcache_init(&dc, &pool);
	index = clang_createIndex(0, 0);
	for (i = first; i < nstale; i += step) {
		unsigned char one = 1;

		if (extract_one(index, &db, &tus->v[stale[i]], &dc))
			rc = 3;
		if (write(fd, &one, 1) < 0)
			rc = 3;
	}
	clang_disposeIndex(index);
	depcache_release(&dc);
	strpool_release(&pool);
	factsdb_close(&db);
	_exit(rc);
}

static int extract_parallel(struct factsdb *db, const struct tu_list *tus,
			    const size_t *stale, size_t nstale, int jobs,
			    struct progress *pr)
{
	pid_t *pids;
	int fds[2], w, ret = 0;
	unsigned char buf[64];
	ssize_t n;

	if (pipe(fds))
		return error("cannot create a pipe: %s", strerror(errno));
	fflush(NULL);
	pids = xcalloc((size_t)jobs, sizeof(pid_t));
	for (w = 0; w < jobs; w++) {
		pids[w] = fork();
		if (pids[w] < 0) {
			ret = error("cannot start worker: %s", strerror(errno));
			break;
		}
		if (!pids[w]) {
			close(fds[0]);
			worker(db->path, tus, stale, nstale, (size_t)w, (size_t)jobs, fds[1]);
		}
	}
	close(fds[1]);
	while ((n = read(fds[0], buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		pr->done += (size_t)n;
		progress_show(pr, NULL);
	}
	close(fds[0]);
	for (w = 0; w < jobs; w++) {
		int status;

		if (pids[w] <= 0 || waitpid(pids[w], &status, 0) < 0)
			continue;
		if (WIFSIGNALED(status))
			ret = error("extraction worker %d killed by signal %d; its unfinished TUs are reported below",
				    w, WTERMSIG(status));
		else if (WEXITSTATUS(status))
			ret = error("extraction worker %d failed (database error above)", w);
	}
	free(pids);
	return ret;
}

int scan_run(struct factsdb *db, const struct tu_list *tus,
	     const struct scan_opts *o, struct scan_result *r)
{
	struct strpool pool = { 0 };
	struct depcache dc;
	struct progress pr = { 0 };
	size_t *stale = xcalloc(tus->n + 1, sizeof(size_t));
	size_t nstale = 0, i;
	int ret = 0;

	depcache_init(&dc, &pool);
	for (i = 0; i < tus->n; i++)
		if (!is_fresh(db, &tus->v[i], &dc, &pool))
			stale[nstale++] = i;
	r->cached = (unsigned)(tus->n - nstale);
	pr.on = o->progress && nstale > 0;
	pr.total = nstale;
	clock_gettime(CLOCK_MONOTONIC, &pr.start);
	if (o->jobs > 1 && nstale > 1) {
		ret = extract_parallel(db, tus, stale, nstale,
				       o->jobs < (int)nstale ? o->jobs : (int)nstale, &pr);
	} else if (nstale) {
		CXIndex index = clang_createIndex(0, 0);

		for (i = 0; i < nstale; i++) {
			progress_show(&pr, tus->v[stale[i]].file);
			if (extract_one(index, db, &tus->v[stale[i]], &dc))
				ret = -1;
			pr.done++;
		}
		progress_show(&pr, NULL);
		clang_disposeIndex(index);
	}
	r->parsed = (unsigned)nstale;
	for (i = 0; i < tus->n; i++) {
		const struct tu_job *j = &tus->v[i];
		char hash[33], *diag = NULL;
		int64_t id;
		int status = TU_FAILED, rc;

		rc = factsdb_tu_lookup(db, j->file, &id, hash, NULL, NULL, &status, &diag);
		if (rc < 0) {
			ret = -1;
			continue;
		}
		if (rc == 1 && status != TU_FAILED)
			*VEC_PUSH(r->tu_ids) = id;
		if (rc == 0 || status != TU_OK) {
			struct tu_problem *p = VEC_PUSH(r->problems);

			p->file = xstrdup(j->file);
			if (rc == 0)
				p->message = xasprintf("'%s' was not analysed: its extraction did not finish", j->file);
			else if (status == TU_FAILED)
				p->message = xasprintf("'%s' was not analysed: %s", j->file, diag ? diag : "parse failed");
			else
				p->message = xasprintf("'%s' has compile errors; functions after them may be missing from the analysis:\n%s",
						       j->file, diag ? diag : "");
			if (rc == 0 || status == TU_FAILED)
				r->failed++;
		}
		free(diag);
	}
	depcache_release(&dc);
	strpool_release(&pool);
	free(stale);
	return ret;
}

int scan_from_db(struct factsdb *db, struct scan_result *r)
{
	sqlite3_stmt *st = facts_prepare(db, "SELECT id, file, status, diag FROM tu ORDER BY file");
	int rc;

	if (!st)
		return -1;
	while ((rc = facts_step(db, st)) == SQLITE_ROW) {
		int status = sqlite3_column_int(st, 2);
		const char *file = (const char *)sqlite3_column_text(st, 1);
		const char *diag = (const char *)sqlite3_column_text(st, 3);

		r->cached++;
		if (status != TU_FAILED)
			*VEC_PUSH(r->tu_ids) = sqlite3_column_int64(st, 0);
		if (status != TU_OK) {
			struct tu_problem *p = VEC_PUSH(r->problems);

			p->file = xstrdup(file);
			p->message = xasprintf("'%s' %s:\n%s", file,
					       status == TU_FAILED ? "was not analysed" : "has compile errors",
					       diag ? diag : "");
			if (status == TU_FAILED)
				r->failed++;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

void scan_result_release(struct scan_result *r)
{
	size_t i;

	for (i = 0; i < r->problems.n; i++) {
		free((char *)r->problems.v[i].file);
		free((char *)r->problems.v[i].message);
	}
	VEC_FREE(r->problems);
	VEC_FREE(r->tu_ids);
}
