/*
 * The whole program as the analysis sees it: functions with their CFGs and
 * events, read from the facts database and linked across TUs (statics by
 * USR, externs by name, calls through ops members by registrations).
 */
#ifndef PFVF_PROGRAM_H
#define PFVF_PROGRAM_H

#include <stdint.h>
#include "analysis/expr.h"
#include "analysis/model.h"
#include "facts/db.h"

struct func;
struct summary;

struct event {
	int idx, block;
	enum event_kind kind;
	const char *name, *usr;
	struct expr **args;
	int nargs;
	const char *file;
	int line, col;
	const struct api *api;		/* the model's entry for the callee */
	struct func **callees;		/* linked definitions */
	int ncallees;
};

struct edge {
	int src, dst, cond, polarity;
};

struct func {
	int64_t id;
	const char *usr, *name, *file, *tu_file;
	int line, col;
	bool is_static, in_main;
	int nparams, nblocks;
	struct event *events;
	int nevents;
	int *block_first;	/* events of block b: [block_first[b], block_first[b+1]) */
	struct edge *edges;
	int nedges;
	int ncallers;
	struct summary *sum;
};

struct reg {
	const char *var, *struct_type, *field, *func_name, *func_usr;
	const char *file;
	int line, col;
	struct func *fn;		/* NULL if not defined in the scan */
};

struct program {
	struct strpool *pool;
	const struct model *model;
	VEC(struct func *) funcs;
	VEC(struct reg) regs;
	VEC(int64_t) tus;		/* TU ids loaded */
};

/**
 * Load the facts of the TUs @tu_ids (all TUs when @ntus is 0) and link
 * them. Returns 0 or -1 (reported).
 */
int program_load(struct program *p, struct factsdb *db, const struct model *m,
		 const int64_t *tu_ids, size_t ntus);
void program_release(struct program *p);

#endif
