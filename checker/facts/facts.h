/*
 * Fact records: what the front end extracts from one TU and the analysis
 * reads back. They mirror the tables in facts/schema/. Strings point into
 * the owning tu_facts' (or program's) string pool.
 */
#ifndef PFVF_FACTS_H
#define PFVF_FACTS_H

#include <stdbool.h>
#include <stdint.h>
#include "util/mem.h"

/* Event kinds: stored in the database, never renumbered or reused. */
enum event_kind {
	EV_CALL = 1,	/* direct call: name, usr */
	EV_ICALL = 2,	/* call through a pointer: name 'struct::field' or '?' */
	EV_MACRO = 3,	/* '(void)(x)' left by a macro (lockdep_assert_held()
			 * without lockdep): name is the macro, args is x */
	EV_COMPARE = 4,	/* 'a == b' or 'a != b' of a call or member result:
			 * name is the operator, args are a and b */
	EV_ANNOT = 5,	/* a sparse annotation of the call just before
			 * (__acquires(x) on its declaration): name is the
			 * annotation, args is x in the caller's terms */
	EV_STORE = 6,	/* 'a->m = b' of a pointer member m and a call or
			 * member result b: name '=', args are a->m and b */
	EV_TEST = 7,	/* a member read a branch tests ('if (!pdev->is_virtfn)'):
			 * name 'test', args is the member; an edge's cond */
};

enum tu_status {
	TU_OK = 0,
	TU_ERRORS = 1,	/* parsed, but clang reported errors: facts may miss code */
	TU_FAILED = 2,	/* no AST at all */
};

struct fact_event {
	int idx;		/* position in the function, 0-based */
	int block;
	enum event_kind kind;
	const char *name, *usr;	/* usr may be NULL */
	const char *args;	/* ';'-separated expressions, analysis/expr.h */
	const char *file;
	int line, col;
};

struct fact_edge {
	int src, dst;
	int cond;		/* event index deciding the branch, or -1 */
	int polarity;		/* 1: taken when that call returned non-zero */
	int param;		/* the parameter the branch tests, or -1 */
	int param_truth;	/* 1: taken when it is non-zero, 0: zero, -1 */
};

struct fact_func {
	int64_t id;		/* database row id (0 until stored) */
	int64_t tu;
	const char *usr, *name;
	bool is_static, in_main;
	const char *file;
	int line, col;
	int nparams, nblocks;
	VEC(struct fact_event) events;
	VEC(struct fact_edge) edges;
};

enum reg_target {
	REG_FUNC = 1,
	REG_VAR = 2,
};

struct fact_reg {
	const char *var, *struct_type, *field, *func_name, *func_usr;
	enum reg_target target;
	const char *file;
	int line, col;
};

struct fact_id {
	const char *var;
	int vendor, device;
	bool vf;		/* the entry's source names a VF */
};

struct fact_dep {
	const char *path;
	int64_t mtime, size;
	char hash[33];
};

/** Everything extracted from one translation unit. */
struct tu_facts {
	const char *file, *directory, *flags;
	const char *module;	/* KBUILD_MODNAME, or NULL */
	char hash[33];
	enum tu_status status;
	const char *diag;	/* first error diagnostics, or NULL */
	VEC(struct fact_func) funcs;
	VEC(struct fact_reg) regs;
	VEC(struct fact_id) ids;
	VEC(struct fact_dep) deps;
	struct strpool strings;
};

void tu_facts_init(struct tu_facts *tf);
void tu_facts_release(struct tu_facts *tf);

#endif
