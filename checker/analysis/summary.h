/*
 * Per-function summaries, bottom-up: what a function (and everything it
 * calls) does to locks and drvdata, with device roles relative to its own
 * parameters, each effect remembering the call chain that proves it.
 */
#ifndef PFVF_SUMMARY_H
#define PFVF_SUMMARY_H

#include "analysis/lock.h"
#include "analysis/program.h"
#include "analysis/role.h"

enum effect_kind {
	EF_ACQUIRE,
	EF_TRYLOCK,
	EF_DRVDATA,	/* key.kind == LK_DEVICE: whose drvdata is read */
	EF_SRIOV,	/* VFs of key's device are enabled or disabled (api says) */
	EF_ASSERT,	/* key must be held here; 'held' is then must-held
			 * (may-held behind a parameter test: the lock is
			 * taken under the same test) */
	EF_ASSERT_NOT_HELD,	/* key must not be held here ('held': may-held) */
	EF_VF_USE,	/* a kept VF (key.role RB_VF) is passed to a call */
};

struct effect {
	enum effect_kind kind;
	struct lockkey key;
	struct heldset held;		/* held at that point, this frame and below */
	struct heldset released;	/* locks of callers released on every path
					 * before it: not held there, whatever
					 * the caller held */
	const struct func *fn;		/* the function containing 'site' */
	const struct event *site;	/* the API call, or the call into 'via' */
	const struct effect *via;	/* the callee's effect; NULL at the API */
	const struct api *api;		/* the API at the end of the chain */
	const struct event *leaf;	/* the API call at the end of the chain */
	const struct func *leaf_fn;	/* the function making that call */
	int guard;			/* the parameter whose value decides
					 * whether it runs, or -1 */
	int guard_truth;		/* ... the value that runs it: 1 non-zero,
					 * 0 zero, -1 not known */
	int vf_guard;			/* the device parameter it runs only as a
					 * VF (vf_truth 1) or a PF (0) for, or -1 */
	int vf_truth;
	const struct expr *vf;		/* EF_VF_USE: the kept VF argument */
};

struct summary {
	VEC(struct effect *) effects;
	struct heldset exit_acq;	/* may be held on return */
	struct heldset exit_rel;	/* released without being taken here */
	bool enables_sriov;		/* some effect is an SR-IOV enable */
	int state;			/* 0 new, 1 in progress, 2 done */
};

/** Compute @f's summary and those of everything it calls. */
void summary_compute(const struct program *p, struct func *f);
void summary_free(struct summary *s);

/** The lock an API call @e (e->api set) takes, releases or names. */
struct lockkey api_key(const struct model *m, const struct event *e);
#endif
