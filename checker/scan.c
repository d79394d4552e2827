/*
 * Fact extraction over the TU list. A TU is re-parsed only if the hash of
 * its flags and of every file it read last time has changed. With -j N,
 * N worker processes each own a libclang index (libclang is not
 * thread-safe across TUs) and a database connection; SQLite serialises
 * their per-TU transactions.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "frontend/extract.h"
#include "scan.h"
#include "util/diag.h"

#ifdef __SANITIZE_ADDRESS__
#define PFVF_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PFVF_ASAN 1
#endif
#endif
#ifdef PFVF_ASAN
#include <sanitizer/lsan_interface.h>
#endif

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
	tf.module = j->module ? strpool_intern(&tf.strings, j->module) : NULL;
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

/*
 * Worker <-> parent messages on one pipe (writes of this size are atomic):
 * 'S' a worker starts stale[index], 'D' it is done with it.
 */
struct wmsg {
	char kind;
	unsigned char worker;
	unsigned short pad;
	unsigned int index;
};

static void send_msg(int fd, char kind, int w, size_t i)
{
	struct wmsg m = { kind, (unsigned char)w, 0, (unsigned int)i };

	if (write(fd, &m, sizeof(m)) != (ssize_t)sizeof(m))
		_exit(3);
}

static void worker(const char *dbpath, const struct tu_list *tus,
		   const size_t *stale, size_t nstale, size_t first,
		   size_t step, int fd, int w)
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
		send_msg(fd, 'S', w, i);
		if (extract_one(index, &db, &tus->v[stale[i]], &dc))
			rc = 3;
		send_msg(fd, 'D', w, i);
	}
	clang_disposeIndex(index);
	depcache_release(&dc);
	strpool_release(&pool);
	factsdb_close(&db);
#ifdef PFVF_ASAN
	/* _exit skips LeakSanitizer's exit hook: check the worker's heap here */
	if (__lsan_do_recoverable_leak_check())
		rc = 3;
#endif
	_exit(rc);
}

struct wstate {
	pid_t pid;
	long current;		/* index being parsed, or -1 */
	long last;		/* the last index it started, or -1 */
	struct timespec since;
};

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static pid_t spawn(struct factsdb *db, const struct tu_list *tus, const size_t *stale,
		   size_t nstale, size_t first, size_t step, int fds[2], int w)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (!pid) {
		/*
		 * die with the scan: a SIGINT or SIGTERM sent to it alone must
		 * not leave workers parsing on (their open transaction is then
		 * rolled back; the TUs already stored stay)
		 */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() == 1)
			_exit(3);
		close(fds[0]);
		worker(db->path, tus, stale, nstale, first, step, fds[1], w);
	}
	return pid;
}

/* A TU whose worker was killed: stored as failed, so it is reported and retried. */
static int store_failed(struct factsdb *db, const struct tu_job *j, const char *why)
{
	struct tu_facts tf;
	int ret;

	tu_facts_init(&tf);
	tf.file = strpool_intern(&tf.strings, j->file);
	tf.directory = strpool_intern(&tf.strings, j->directory);
	tf.flags = strpool_intern(&tf.strings, j->flags);
	tf.module = j->module ? strpool_intern(&tf.strings, j->module) : NULL;
	tf.status = TU_FAILED;
	tf.diag = strpool_intern(&tf.strings, why);
	ret = factsdb_store_tu(db, &tf);
	tu_facts_release(&tf);
	return ret;
}

/*
 * Worker @w is gone while on ws->current (or between TUs): store that TU as
 * failed with @why and start a new worker on the rest of its share.
 */
static int replace_worker(struct factsdb *db, const struct tu_list *tus,
			  const size_t *stale, size_t nstale, int jobs, int fds[2],
			  struct wstate *ws, int w, const char *why, struct progress *pr)
{
	size_t next;
	int ret = 0;

	if (ws->current >= 0) {
		warning("'%s' %s: skipped", tus->v[stale[ws->current]].file, why);
		ret = store_failed(db, &tus->v[stale[ws->current]], why);
		pr->done++;
		next = (size_t)ws->current + (size_t)jobs;
	} else {
		next = ws->last >= 0 ? (size_t)ws->last + (size_t)jobs : (size_t)w;
	}
	ws->current = -1;
	ws->last = -1;
	ws->pid = next < nstale ? spawn(db, tus, stale, nstale, next, (size_t)jobs, fds, w) : 0;
	return ret;
}

static void handle_msg(struct wstate *ws, const struct wmsg *m, const struct tu_list *tus,
		       const size_t *stale, struct progress *pr)
{
	struct wstate *w = &ws[m->worker];

	if (m->kind == 'S') {
		w->current = m->index;
		w->last = m->index;
		clock_gettime(CLOCK_MONOTONIC, &w->since);
		progress_show(pr, tus->v[stale[m->index]].file);
	} else {
		w->current = -1;
		pr->done++;
		progress_show(pr, NULL);
	}
}

/*
 * Extraction in worker processes, TU i to worker i % jobs. A worker
 * busy with one TU for longer than the timeout is killed; one that dies
 * (a crash in libclang or in the extractor, a kill from outside) is gone.
 * Either way the TU is stored as failed with the reason, so it is reported
 * and retried by the next scan, and a new worker takes up the rest of the
 * share. A worker that exits with an error (the database) is an error.
 */
static int extract_workers(struct factsdb *db, const struct tu_list *tus,
			   const size_t *stale, size_t nstale, int jobs,
			   int timeout, struct progress *pr)
{
	struct wstate *ws = xcalloc((size_t)jobs, sizeof(*ws));
	int fds[2], w, ret = 0, alive = 0;

	if (pipe(fds))
		return error("cannot create a pipe: %s", strerror(errno));
	for (w = 0; w < jobs; w++) {
		ws[w].current = -1;
		ws[w].last = -1;
		ws[w].pid = spawn(db, tus, stale, nstale, (size_t)w, (size_t)jobs, fds, w);
		if (ws[w].pid < 0)
			ret = error("cannot start worker: %s", strerror(errno));
		else
			alive++;
	}
	while (alive) {
		struct pollfd pfd = { fds[0], POLLIN, 0 };
		int status;
		pid_t dead;

		if (poll(&pfd, 1, 500) > 0) {
			struct wmsg m;

			if (read(fds[0], &m, sizeof(m)) == (ssize_t)sizeof(m) && m.worker < jobs)
				handle_msg(ws, &m, tus, stale, pr);
		}
		for (w = 0; w < jobs; w++) {
			char why[64];

			if (ws[w].pid <= 0 || ws[w].current < 0 ||
			    seconds_since(&ws[w].since) < timeout)
				continue;
			kill(ws[w].pid, SIGKILL);
			waitpid(ws[w].pid, NULL, 0);
			snprintf(why, sizeof(why), "parsing took longer than %d s (--tu-timeout)", timeout);
			if (replace_worker(db, tus, stale, nstale, jobs, fds, &ws[w], w, why, pr))
				ret = -1;
			if (ws[w].pid <= 0)
				alive--;
		}
		while ((dead = waitpid(-1, &status, WNOHANG)) > 0) {
			char why[96];

			for (w = 0; w < jobs; w++)
				if (ws[w].pid == dead)
					break;
			if (w == jobs)
				continue;
			ws[w].pid = 0;
			alive--;
			if (WIFSIGNALED(status)) {
				/* drain its last messages: they say where it was */
				struct pollfd pfd = { fds[0], POLLIN, 0 };
				struct wmsg m;

				while (poll(&pfd, 1, 0) > 0 &&
				       read(fds[0], &m, sizeof(m)) == (ssize_t)sizeof(m) && m.worker < jobs)
					handle_msg(ws, &m, tus, stale, pr);
				snprintf(why, sizeof(why), "its extraction was killed by signal %d (%s)",
					 WTERMSIG(status), strsignal(WTERMSIG(status)));
				if (replace_worker(db, tus, stale, nstale, jobs, fds, &ws[w], w, why, pr))
					ret = -1;
				if (ws[w].pid > 0)
					alive++;
			} else if (WEXITSTATUS(status)) {
				ret = error("extraction worker %d failed (database error above)", w);
			}
		}
	}
	close(fds[0]);
	close(fds[1]);
	free(ws);
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
	/* always in workers: a TU that hangs libclang can be killed */
	if (nstale)
		ret = extract_workers(db, tus, stale, nstale,
				      o->jobs < (int)nstale ? o->jobs : (int)nstale,
				      o->tu_timeout > 0 ? o->tu_timeout : 300, &pr);
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
			else
				r->with_errors++;
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
			else
				r->with_errors++;
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
