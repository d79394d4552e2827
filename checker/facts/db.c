/* SQLite storage of per-TU facts: schema, versioning, storing a TU, merging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "facts/db.h"
#include "util/diag.h"

extern const char pfvf_schema_sql[];

void tu_facts_init(struct tu_facts *tf)
{
	memset(tf, 0, sizeof(*tf));
}

void tu_facts_release(struct tu_facts *tf)
{
	size_t i;

	for (i = 0; i < tf->funcs.n; i++) {
		VEC_FREE(tf->funcs.v[i].events);
		VEC_FREE(tf->funcs.v[i].edges);
	}
	VEC_FREE(tf->funcs);
	VEC_FREE(tf->regs);
	VEC_FREE(tf->ids);
	VEC_FREE(tf->deps);
	strpool_release(&tf->strings);
	memset(tf, 0, sizeof(*tf));
}

static int sql_error(struct factsdb *fdb, const char *sql)
{
	return error("facts database '%s': %s (in: %.200s)", fdb->path,
		     sqlite3_errmsg(fdb->db), sql);
}

int facts_exec(struct factsdb *fdb, const char *sql)
{
	if (sqlite3_exec(fdb->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sql_error(fdb, sql);
	return 0;
}

sqlite3_stmt *facts_prepare(struct factsdb *fdb, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(fdb->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sql_error(fdb, sql);
		return NULL;
	}
	return st;
}

int facts_step(struct factsdb *fdb, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	sql_error(fdb, sqlite3_sql(st));
	return -1;
}

static int schema_version(struct factsdb *fdb)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(fdb->db,
			       "SELECT value FROM meta WHERE key='schema_version'",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;	/* no meta table: a new database */
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int drop_all(struct factsdb *fdb)
{
	static const char *const tables[] = {
		"flag", "idtable", "reg", "edge", "event", "func", "dep", "tu", "meta",
	};
	char sql[64];
	size_t i;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		snprintf(sql, sizeof(sql), "DROP TABLE IF EXISTS %s", tables[i]);
		if (facts_exec(fdb, sql))
			return -1;
	}
	return 0;
}

/*
 * Switching a new database to WAL needs it to itself, and SQLite does not
 * wait for that through the busy handler: retry while another scan opens
 * the same file.
 */
static int set_wal(struct factsdb *fdb)
{
	int i, rc = SQLITE_BUSY;

	for (i = 0; i < 1200 && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); i++) {
		rc = sqlite3_exec(fdb->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			usleep(50000);
	}
	return rc == SQLITE_OK ? 0 : sql_error(fdb, "PRAGMA journal_mode=WAL");
}

int factsdb_open(struct factsdb *fdb, const char *path)
{
	char sql[128];
	int v;

	memset(fdb, 0, sizeof(*fdb));
	fdb->path = xstrdup(path);
	if (sqlite3_open_v2(path, &fdb->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		error("cannot open facts database '%s': %s", path,
		      fdb->db ? sqlite3_errmsg(fdb->db) : "out of memory");
		factsdb_close(fdb);
		return -1;
	}
	/* Workers of a -j scan write concurrently: wait, don't fail. */
	sqlite3_busy_timeout(fdb->db, 60000);
	if (set_wal(fdb) ||
	    facts_exec(fdb, "PRAGMA foreign_keys=ON") ||
	    facts_exec(fdb, "PRAGMA synchronous=NORMAL"))
		goto fail;
	v = schema_version(fdb);
	if (v > FACTS_SCHEMA_VERSION) {
		/* a newer pfvf-lockcheck wrote it: don't destroy its facts */
		error("facts database '%s' has schema version %d, newer than this build's %d: use a newer pfvf-lockcheck or another --db",
		      path, v, FACTS_SCHEMA_VERSION);
		goto fail;
	}
	if (v >= 0 && v != FACTS_SCHEMA_VERSION) {
		info("facts database '%s' has schema version %d, this build uses %d: rebuilding it",
		     path, v, FACTS_SCHEMA_VERSION);
		if (drop_all(fdb))
			goto fail;
	}
	if (facts_exec(fdb, pfvf_schema_sql))
		goto fail;
	snprintf(sql, sizeof(sql),
		 "INSERT OR REPLACE INTO meta VALUES('schema_version','%d')",
		 FACTS_SCHEMA_VERSION);
	if (facts_exec(fdb, sql))
		goto fail;
	return 0;
fail:
	factsdb_close(fdb);
	return -1;
}

void factsdb_close(struct factsdb *fdb)
{
	if (fdb->db)
		sqlite3_close(fdb->db);
	free(fdb->path);
	memset(fdb, 0, sizeof(*fdb));
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

typedef VEC(struct fact_dep) dep_vec;

int factsdb_tu_lookup(struct factsdb *fdb, const char *file, int64_t *id,
		      char *hash, void *depsv, struct strpool *pool, int *status,
		      char **diag)
{
	dep_vec *deps = depsv;
	sqlite3_stmt *st;
	int rc;

	st = facts_prepare(fdb, "SELECT id, hash, status, diag FROM tu WHERE file=?");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
	rc = facts_step(fdb, st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	*id = sqlite3_column_int64(st, 0);
	snprintf(hash, 33, "%s", col_text(st, 1));
	*status = sqlite3_column_int(st, 2);
	*diag = sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL
			: xstrdup(col_text(st, 3));
	sqlite3_finalize(st);
	if (!deps)
		return 1;

	st = facts_prepare(fdb, "SELECT path, mtime, size, hash FROM dep WHERE tu=?");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, *id);
	while ((rc = facts_step(fdb, st)) == SQLITE_ROW) {
		struct fact_dep *d = VEC_PUSH(*deps);

		d->path = strpool_intern(pool, col_text(st, 0));
		d->mtime = sqlite3_column_int64(st, 1);
		d->size = sqlite3_column_int64(st, 2);
		snprintf(d->hash, sizeof(d->hash), "%s", col_text(st, 3));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 1 : -1;
}

/* Bind helpers keep store_tu() readable; NULL binds SQL NULL. */
static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static int run(struct factsdb *fdb, sqlite3_stmt *st)
{
	int rc = facts_step(fdb, st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int store_funcs(struct factsdb *fdb, struct tu_facts *tf, int64_t tu)
{
	sqlite3_stmt *fst, *est, *gst;
	size_t i, j;
	int ret = -1;

	fst = facts_prepare(fdb, "INSERT INTO func(tu, usr, name, is_static, in_main, file, line, col, nparams, nblocks) VALUES(?,?,?,?,?,?,?,?,?,?)");
	est = facts_prepare(fdb, "INSERT INTO event VALUES(?,?,?,?,?,?,?,?,?,?)");
	gst = facts_prepare(fdb, "INSERT INTO edge VALUES(?,?,?,?,?,?,?)");
	if (!fst || !est || !gst)
		goto out;
	for (i = 0; i < tf->funcs.n; i++) {
		struct fact_func *f = &tf->funcs.v[i];

		sqlite3_bind_int64(fst, 1, tu);
		bind_str(fst, 2, f->usr);
		bind_str(fst, 3, f->name);
		sqlite3_bind_int(fst, 4, f->is_static);
		sqlite3_bind_int(fst, 5, f->in_main);
		bind_str(fst, 6, f->file);
		sqlite3_bind_int(fst, 7, f->line);
		sqlite3_bind_int(fst, 8, f->col);
		sqlite3_bind_int(fst, 9, f->nparams);
		sqlite3_bind_int(fst, 10, f->nblocks);
		if (run(fdb, fst))
			goto out;
		f->id = sqlite3_last_insert_rowid(fdb->db);
		for (j = 0; j < f->events.n; j++) {
			struct fact_event *e = &f->events.v[j];

			sqlite3_bind_int64(est, 1, f->id);
			sqlite3_bind_int(est, 2, e->idx);
			sqlite3_bind_int(est, 3, e->block);
			sqlite3_bind_int(est, 4, e->kind);
			bind_str(est, 5, e->name);
			bind_str(est, 6, e->usr);
			bind_str(est, 7, e->args);
			bind_str(est, 8, e->file);
			sqlite3_bind_int(est, 9, e->line);
			sqlite3_bind_int(est, 10, e->col);
			if (run(fdb, est))
				goto out;
		}
		for (j = 0; j < f->edges.n; j++) {
			struct fact_edge *g = &f->edges.v[j];

			sqlite3_bind_int64(gst, 1, f->id);
			sqlite3_bind_int(gst, 2, g->src);
			sqlite3_bind_int(gst, 3, g->dst);
			sqlite3_bind_int(gst, 4, g->cond);
			sqlite3_bind_int(gst, 5, g->polarity);
			sqlite3_bind_int(gst, 6, g->param);
			sqlite3_bind_int(gst, 7, g->param_truth);
			if (run(fdb, gst))
				goto out;
		}
	}
	ret = 0;
out:
	sqlite3_finalize(fst);
	sqlite3_finalize(est);
	sqlite3_finalize(gst);
	return ret;
}

static int store_rest(struct factsdb *fdb, struct tu_facts *tf, int64_t tu)
{
	sqlite3_stmt *rst, *dst, *ist;
	size_t i;
	int ret = -1;

	rst = facts_prepare(fdb, "INSERT INTO reg VALUES(?,?,?,?,?,?,?,?,?,?)");
	dst = facts_prepare(fdb, "INSERT INTO dep VALUES(?,?,?,?,?)");
	ist = facts_prepare(fdb, "INSERT INTO idtable VALUES(?,?,?,?,?)");
	if (!rst || !dst || !ist)
		goto out;
	for (i = 0; i < tf->ids.n; i++) {
		struct fact_id *d = &tf->ids.v[i];

		sqlite3_bind_int64(ist, 1, tu);
		bind_str(ist, 2, d->var);
		sqlite3_bind_int(ist, 3, d->vendor);
		sqlite3_bind_int(ist, 4, d->device);
		sqlite3_bind_int(ist, 5, d->vf);
		if (run(fdb, ist))
			goto out;
	}
	for (i = 0; i < tf->regs.n; i++) {
		struct fact_reg *r = &tf->regs.v[i];

		sqlite3_bind_int64(rst, 1, tu);
		bind_str(rst, 2, r->var);
		bind_str(rst, 3, r->struct_type);
		bind_str(rst, 4, r->field);
		bind_str(rst, 5, r->func_name);
		bind_str(rst, 6, r->func_usr);
		sqlite3_bind_int(rst, 7, r->target);
		bind_str(rst, 8, r->file);
		sqlite3_bind_int(rst, 9, r->line);
		sqlite3_bind_int(rst, 10, r->col);
		if (run(fdb, rst))
			goto out;
	}
	for (i = 0; i < tf->deps.n; i++) {
		struct fact_dep *d = &tf->deps.v[i];

		sqlite3_bind_int64(dst, 1, tu);
		bind_str(dst, 2, d->path);
		sqlite3_bind_int64(dst, 3, d->mtime);
		sqlite3_bind_int64(dst, 4, d->size);
		bind_str(dst, 5, d->hash);
		if (run(fdb, dst))
			goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(rst);
	sqlite3_finalize(dst);
	sqlite3_finalize(ist);
	return ret;
}

int factsdb_store_tu(struct factsdb *fdb, struct tu_facts *tf)
{
	sqlite3_stmt *st;
	int64_t tu;

	if (facts_exec(fdb, "BEGIN IMMEDIATE"))
		return -1;
	st = facts_prepare(fdb, "DELETE FROM tu WHERE file=?");
	if (!st)
		goto fail;
	bind_str(st, 1, tf->file);
	if (run(fdb, st)) {
		sqlite3_finalize(st);
		goto fail;
	}
	sqlite3_finalize(st);
	st = facts_prepare(fdb, "INSERT INTO tu(file, directory, flags, module, hash, status, diag, scanned_at) VALUES(?,?,?,?,?,?,?,?)");
	if (!st)
		goto fail;
	bind_str(st, 1, tf->file);
	bind_str(st, 2, tf->directory);
	bind_str(st, 3, tf->flags);
	bind_str(st, 4, tf->module);
	bind_str(st, 5, tf->hash);
	sqlite3_bind_int(st, 6, tf->status);
	bind_str(st, 7, tf->diag);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)time(NULL));
	if (run(fdb, st)) {
		sqlite3_finalize(st);
		goto fail;
	}
	sqlite3_finalize(st);
	tu = sqlite3_last_insert_rowid(fdb->db);
	if (store_funcs(fdb, tf, tu) || store_rest(fdb, tf, tu))
		goto fail;
	return facts_exec(fdb, "COMMIT");
fail:
	sqlite3_exec(fdb->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* @sql with a flag row's key bound as its first three parameters. */
static sqlite3_stmt *flag_stmt(struct factsdb *fdb, const char *sql, const char *clang,
			       const char *target, const char *option)
{
	sqlite3_stmt *st = facts_prepare(fdb, sql);

	if (st) {
		bind_str(st, 1, clang);
		bind_str(st, 2, target);
		bind_str(st, 3, option);
	}
	return st;
}

int factsdb_flag_lookup(struct factsdb *fdb, const char *clang, const char *target,
			const char *option, int *dropped, const char **reason,
			struct strpool *pool)
{
	sqlite3_stmt *st;
	int rc;

	st = flag_stmt(fdb, "SELECT dropped, reason FROM flag WHERE clang=? AND target=? AND option=?",
		       clang, target, option);
	if (!st)
		return -1;
	rc = facts_step(fdb, st);
	if (rc == SQLITE_ROW) {
		*dropped = sqlite3_column_int(st, 0);
		*reason = sqlite3_column_type(st, 1) == SQLITE_NULL ? NULL
				: strpool_intern(pool, col_text(st, 1));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int factsdb_flag_store(struct factsdb *fdb, const char *clang, const char *target,
		       const char *option, int dropped, const char *reason)
{
	sqlite3_stmt *st;
	int ret;

	st = flag_stmt(fdb, "INSERT OR REPLACE INTO flag VALUES(?,?,?,?,?)", clang, target, option);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 4, dropped);
	bind_str(st, 5, reason);
	ret = run(fdb, st);
	sqlite3_finalize(st);
	return ret;
}

int factsdb_merge(struct factsdb *fdb, const char *src)
{
	/*
	 * Row ids differ between shards, so copy TU by TU, remapping ids;
	 * a TU present in both keeps the newer scan.
	 */
	static const char *const steps[] = {
		"DELETE FROM tu WHERE file IN (SELECT s.file FROM src.tu s JOIN main.tu m ON s.file=m.file WHERE s.scanned_at >= m.scanned_at)",
		"CREATE TEMP TABLE tumap AS SELECT s.id AS old, NULL AS new, s.file FROM src.tu s WHERE s.file NOT IN (SELECT file FROM main.tu)",
		"INSERT INTO main.tu(file, directory, flags, module, hash, status, diag, scanned_at) SELECT file, directory, flags, module, hash, status, diag, scanned_at FROM src.tu WHERE id IN (SELECT old FROM tumap)",
		"UPDATE tumap SET new=(SELECT id FROM main.tu WHERE main.tu.file=tumap.file)",
		"INSERT INTO main.dep SELECT m.new, d.path, d.mtime, d.size, d.hash FROM src.dep d JOIN tumap m ON d.tu=m.old",
		"INSERT INTO main.reg SELECT m.new, r.var, r.struct_type, r.field, r.func_name, r.func_usr, r.target_kind, r.file, r.line, r.col FROM src.reg r JOIN tumap m ON r.tu=m.old",
		"INSERT INTO main.idtable SELECT m.new, i.var, i.vendor, i.device, i.vf FROM src.idtable i JOIN tumap m ON i.tu=m.old",
		"CREATE TEMP TABLE fmap AS SELECT f.id AS old, m.new AS tu, f.* FROM src.func f JOIN tumap m ON f.tu=m.old",
		"ALTER TABLE fmap ADD COLUMN newid INTEGER",
		"INSERT INTO main.func(tu, usr, name, is_static, in_main, file, line, col, nparams, nblocks) SELECT tu, usr, name, is_static, in_main, file, line, col, nparams, nblocks FROM fmap ORDER BY old",
		"UPDATE fmap SET newid=(SELECT max(id) FROM main.func) - (SELECT count(*) FROM fmap f2 WHERE f2.old > fmap.old)",
		"INSERT INTO main.event SELECT m.newid, e.idx, e.block, e.kind, e.name, e.usr, e.args, e.file, e.line, e.col FROM src.event e JOIN fmap m ON e.func=m.old",
		"INSERT INTO main.edge SELECT m.newid, g.src, g.dst, g.cond, g.polarity, g.param, g.param_truth FROM src.edge g JOIN fmap m ON g.func=m.old",
		"INSERT OR IGNORE INTO main.flag SELECT * FROM src.flag",
		"DROP TABLE tumap",
		"DROP TABLE fmap",
	};
	sqlite3_stmt *st;
	size_t i;
	int ver;

	st = facts_prepare(fdb, "ATTACH DATABASE ? AS src");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, src, -1, SQLITE_STATIC);
	if (facts_step(fdb, st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	st = facts_prepare(fdb, "SELECT value FROM src.meta WHERE key='schema_version'");
	if (!st || facts_step(fdb, st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		facts_exec(fdb, "DETACH DATABASE src");
		return error("'%s' is not a pfvf-lockcheck facts database", src);
	}
	ver = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (ver != FACTS_SCHEMA_VERSION) {
		facts_exec(fdb, "DETACH DATABASE src");
		return error("'%s' has schema version %d, expected %d", src, ver,
			     FACTS_SCHEMA_VERSION);
	}
	if (facts_exec(fdb, "BEGIN IMMEDIATE"))
		goto fail;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (facts_exec(fdb, steps[i]))
			goto rollback;
	if (facts_exec(fdb, "COMMIT"))
		goto rollback;
	return facts_exec(fdb, "DETACH DATABASE src");
rollback:
	sqlite3_exec(fdb->db, "ROLLBACK", NULL, NULL, NULL);
fail:
	facts_exec(fdb, "DETACH DATABASE src");
	return -1;
}
