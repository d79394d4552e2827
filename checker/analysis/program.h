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
	int src, dst, cond, polarity, param, param_truth;
	/*
	 * What taking the edge tells about a device parameter: vf_param is
	 * a VF (vf_truth 1) or a PF (0); -1: nothing ('if (!pdev->is_virtfn)',
	 * 'pci_physfn(pdev) != pdev'). Computed from the model at load.
	 */
	int vf_param, vf_truth;
};

struct func {
	int64_t id;
	const char *usr, *name, *file, *tu_file;
	const char *module;	/* KBUILD_MODNAME of its TU, or NULL */
	int line, col;
	bool is_static, in_main;
	int nparams, nblocks;
	struct event *events;
	int nevents;
	int *block_first;	/* events of block b: [block_first[b], block_first[b+1]) */
	/*
	 * The parameter whose value decides whether block b runs ('if
	 * (locked)'), or -1: b is reached whatever the arguments.
	 */
	int *guard;
	int *guard_truth;	/* the value of that parameter that runs block b:
				 * 1 non-zero, 0 zero, -1 not known */
	int *vf_guard;		/* the device parameter block b runs only as a VF */
	int *vf_guard_truth;	/* (1) or only as a PF (0) for; or -1 */
	struct edge *edges;
	int nedges;
	int ncallers;
	bool is_entry;		/* set by analysis_run: already an entry point */
	const struct reg *table;	/* an ops member registering it that no
					 * model describes (a root's witness), or NULL */
	struct summary *sum;
};

struct reg {
	const char *var, *struct_type, *field, *func_name, *func_usr;
	enum reg_target target;
	const char *tu_file;		/* statics are per TU */
	const char *module;		/* globals first within the module */
	const char *file;
	int line, col;
	struct func *fn;		/* NULL if not defined in the scan */
};

/* One entry of a 'struct pci_device_id' table. */
struct idrow {
	const char *tu_file, *var;
	int vendor, device;
	bool vf;
};

/* A module calling a function another one defines (exports). */
struct module_call {
	const char *from, *to;		/* KBUILD_MODNAMEs, interned */
};

struct program {
	struct strpool *pool;
	const struct model *model;
	VEC(struct func *) funcs;
	VEC(struct reg) regs;
	VEC(struct idrow) ids;
	VEC(int64_t) tus;		/* TU ids loaded */
	VEC(struct module_call) module_calls;
};

/**
 * Load the facts of the TUs @tu_ids (all TUs when @ntus is 0) and link
 * them. Returns 0 or -1 (reported).
 */
int program_load(struct program *p, struct factsdb *db, const struct model *m,
		 const int64_t *tu_ids, size_t ntus);
void program_release(struct program *p);

/**
 * Learn from the scan the struct members a PF driver keeps VFs in (a
 * store of a device the function checked to be a VF, or found by a VF's
 * devfn) and add them to @m as 'vf' roles (PFVF003). Call after loading.
 */
void program_learn_vf_fields(struct program *p, struct model *m);

/** Do files @a and @b lie in the same directory? */
bool same_dir(const char *a, const char *b);
/** The event of @f whose idx is @idx (an edge's cond), or NULL. */
const struct event *func_event(const struct func *f, int idx);

#endif
