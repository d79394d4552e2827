/*
 * The facts database (SQLite, one file). All SQL of the project goes through
 * facts_exec() and facts_prepare()/facts_step(); a failing statement is
 * reported once, with the SQL text.
 */
#ifndef PFVF_DB_H
#define PFVF_DB_H

#include <sqlite3.h>
#include "facts/facts.h"

/* Bump when the schema or the meaning of stored facts changes. */
#define FACTS_SCHEMA_VERSION 9

struct factsdb {
	sqlite3 *db;
	char *path;
};

/**
 * Open (or create) the database at @path. A database of an older schema
 * version is rebuilt, with a message; a newer one is refused. Returns 0
 * or -1 (error reported).
 */
int factsdb_open(struct factsdb *fdb, const char *path);
void factsdb_close(struct factsdb *fdb);

/** Run @sql (no results). Returns 0 or -1 (error reported). */
int facts_exec(struct factsdb *fdb, const char *sql);
/** Prepare @sql; NULL on error (reported). */
sqlite3_stmt *facts_prepare(struct factsdb *fdb, const char *sql);
/**
 * Step @st: returns SQLITE_ROW or SQLITE_DONE, or -1 on error (reported
 * with the statement's SQL).
 */
int facts_step(struct factsdb *fdb, sqlite3_stmt *st);

/**
 * Look up a TU's row. Returns 1 if @file has one (id, hash, status and a
 * malloc'd @diag or NULL filled in; when @deps, a VEC(struct fact_dep), is
 * given, its deps are appended, strings interned in @pool), 0 if not, -1
 * on error.
 */
int factsdb_tu_lookup(struct factsdb *fdb, const char *file, int64_t *id,
		      char *hash, void *deps, struct strpool *pool, int *status,
		      char **diag);

/** Replace the TU's facts with @tf, in one transaction. Returns 0 or -1. */
int factsdb_store_tu(struct factsdb *fdb, struct tu_facts *tf);

/**
 * libclang's verdict on a compiler option (frontend/probe.c): @clang is
 * clang_getClangVersion(), @target the command's --target or "". Returns 1
 * if there is one (*@dropped, and *@reason interned in @pool or NULL), 0 if
 * not, -1 on error.
 */
int factsdb_flag_lookup(struct factsdb *fdb, const char *clang, const char *target,
			const char *option, int *dropped, const char **reason,
			struct strpool *pool);
/** Store a verdict (replacing one). Returns 0 or -1. */
int factsdb_flag_store(struct factsdb *fdb, const char *clang, const char *target,
		       const char *option, int dropped, const char *reason);

/** Merge all TUs of the database file @src into @fdb. Returns 0 or -1. */
int factsdb_merge(struct factsdb *fdb, const char *src);

#endif
