/*
 * The lock-order graph over every entry point: an edge A -> B when B is
 * taken while A is held, each remembering one witness (the bound effect
 * that takes B; NULL for an order the core itself imposes). Device locks
 * are named by role as seen from the whole system: device_lock(PF),
 * device_lock(VF) (the device of a callback that may run for a VF),
 * device_lock(OTHER); other locks by class.
 */
#ifndef PFVF_LOCKGRAPH_H
#define PFVF_LOCKGRAPH_H

#include <stdio.h>
#include "analysis/analysis.h"

typedef VEC(int) int_vec;

struct lg_edge {
	int from, to;
	struct bound_effect witness;	/* witness.eff NULL: the core's order */
	const struct entry *entry;	/* where the order is seen */
	bool in_cycle;
};

struct lockgraph {
	struct strpool *pool;
	VEC(const char *) nodes;	/* interned names */
	VEC(struct lg_edge) edges;
	VEC(int_vec) cycles;		/* edge indices, one cycle per SCC */
};

/**
 * The system-wide name of a lock key seen from entry @e ("device_lock(VF)",
 * "rtnl_mutex"), written to @buf; NULL if the lock has none. @self_vf:
 * the entry's device where the lock is taken (bound_effect.self_vf).
 */
const char *lock_global_name(const struct program *p, const struct entry *e,
			     const struct lockkey *k, int self_vf, char *buf, size_t n);
/** True for a VF's device lock node ('device_lock(VF of drv)'). */
bool is_vf_lock(const char *node);
/** Write each lock class with its number of acquisition sites and one of them. */
void lockgraph_write_classes(const struct analysis *an, FILE *out);
/** Build the graph of @an and find its cycles (Tarjan's SCCs). */
void lockgraph_build(struct lockgraph *g, const struct analysis *an);
void lockgraph_release(struct lockgraph *g);
/** Write the graph in Graphviz DOT, cycle edges in red. Returns 0 or -1. */
int lockgraph_write_dot(const struct lockgraph *g, FILE *out);

#endif
