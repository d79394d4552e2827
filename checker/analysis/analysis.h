/*
 * What rules see: the program's entry points (callbacks the model knows,
 * and functions nothing in the scan calls) and every summary effect bound
 * to an entry's device. Rules read this, never ASTs or SQL.
 */
#ifndef PFVF_ANALYSIS_H
#define PFVF_ANALYSIS_H

#include "analysis/summary.h"

struct entry {
	struct func *fn;
	const struct callback *cb;	/* NULL: a root with no known caller */
	const struct reg *reg;		/* the registration, for cb entries */
	const struct reg *table;	/* roots: an ops member no model describes
					 * that registers it, or NULL */
	const struct reg *driver;	/* its struct pci_driver, or NULL */
	unsigned vf_evidence;		/* its driver's, role.h (DRV_*) */
	int self_vf;			/* its device is a VF: 1, a PF: 0, either: -1 */
};

/** An effect seen from an entry: roles bound to the callback's device. */
struct bound_effect {
	const struct entry *entry;
	const struct effect *eff;
	struct lockkey key;
	struct heldset held;		/* including what the core holds */
	int self_vf;			/* the callback's device where the effect
					 * runs: a VF 1, a PF 0, either -1 (its
					 * branch's VF guard, else the entry's) */
};

struct lockgraph;

struct analysis {
	struct program *prog;
	VEC(struct entry) entries;
	struct lockgraph *graph;	/* lock order over all entries */
};

/** Find entry points and compute the summaries they reach. */
void analysis_run(struct analysis *an, struct program *p);
void analysis_release(struct analysis *an);

typedef void (*effect_fn)(const struct bound_effect *be, void *arg);
/** Call @fn for every effect of every entry, entries in source order. */
void analysis_for_each(const struct analysis *an, effect_fn fn, void *arg);

/** True if the entry's callback may run for a VF (design guide §1). */
bool entry_may_be_vf(const struct entry *e);
/**
 * The struct pci_driver registration an entry belongs to: its own, the
 * one naming its table (.driver.pm, .err_handler), the first one in its
 * TU, else the only one of its module; NULL if none is known.
 */
const struct reg *entry_driver(const struct entry *e);
/**
 * True if the entry may run for a VF and its driver can be bound to one
 * (evidence_binds_vf()); with no driver known, the core allows it.
 */
bool entry_binds_vf(const struct entry *e);
/** True if @h holds a device lock of a PF (of any device). */
bool held_pf_device(const struct heldset *h);
/** True if @h holds the lock the callback's own device. */
bool held_self_device(const struct heldset *h);

#endif
