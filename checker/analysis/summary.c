/*
 * Summaries by forward dataflow over each function's CFG: may-held lock
 * sets (union at joins) say what is held at an effect; must-held sets
 * (intersection) say what a function returns holding, so a helper that
 * locks on one path only ('if (!locked) rtnl_lock()') does not leave its
 * callers holding the lock. A trylock holds its lock on its success edge.
 * A recording pass then turns API calls and callee effects into this
 * function's effects. Recursion is cut: a function on the current stack
 * contributes nothing to its own summary.
 */
#include <stdlib.h>
#include <string.h>
#include "analysis/summary.h"

/*
 * Bounds that keep summaries small on kernel-sized call graphs. Effects
 * are distinct by (kind, lock, held set, API call site): each site keeps
 * one witness path, so every site can still be reported.
 */
#define MAX_EFFECTS 2048
#define MAX_VARIANTS 64		/* same kind and lock, other sites or held sets */

static const struct expr *arg_expr(const struct event *e, int i)
{
	return i >= 0 && i < e->nargs ? e->args[i] : NULL;
}

/* The class of a non-device lock expression: a field's 'struct::member' or a global. */
static struct lockkey eval_class(const struct model *m, const struct expr *e)
{
	struct lockkey k = { LK_NONE };
	const struct role_rule *rr;
	const struct api *a;

	if (!e)
		return k;
	switch (e->kind) {
	case X_CALL:
		/* spin_lock_irqsave(l) passes l through spinlock_check(l) */
		rr = role_rule_of(m, e);
		if (rr && rr->effect == RE_SAME)
			return eval_class(m, role_operand(e, rr));
		break;
	case X_FIELD:
		/* a member the model names as a device's lock (device::mutex) */
		a = model_api(m, e->name);
		if (a && a->device) {
			k.kind = LK_DEVICE;
			k.cls = a->cls;
			k.role = eval_role(m, e->base);
			break;
		}
		/*
		 * A member of an unnamed struct is no class (guard wrappers);
		 * a pointer member points to some other lock ('struct mutex
		 * *state_lock; points to priv->state_lock'): its class is
		 * unknown, and naming it by the pointer would split one lock
		 * in two.
		 */
		if (!strncmp(e->name, "?::", 3) || e->ptr)
			break;
		k.kind = LK_CLASS;
		k.cls = e->name;
		break;
	case X_GLOBAL:
		k.kind = LK_CLASS;
		k.cls = e->name;
		break;
	case X_PARAM:
		k.kind = LK_CLASS;
		k.role.base = RB_PARAM;
		k.role.param = (uint8_t)e->param;
		break;
	default:
		break;
	}
	return k;
}

struct lockkey api_key(const struct model *m, const struct event *e)
{
	const struct api *a = e->api;
	struct lockkey k = { LK_NONE };

	if (a->device || a->action == A_DRVDATA) {
		k.kind = LK_DEVICE;
		k.cls = a->action == A_DRVDATA ? NULL : a->cls;
		k.role = eval_role(m, arg_expr(e, a->arg));
	} else if (a->cls) {
		k.kind = LK_CLASS;
		k.cls = a->cls;
	} else {
		k = eval_class(m, arg_expr(e, a->arg));
	}
	return k;
}

/* A key worth carrying: not a device we know nothing about. */
static bool useful(const struct lockkey *k)
{
	if (k->kind == LK_NONE)
		return false;
	if (k->kind == LK_STATE || k->kind == LK_VFS_GONE)
		return true;
	return k->kind != LK_DEVICE || k->role.base != RB_UNKNOWN || k->role.pf;
}

/*
 * A key worth holding: any lock, even of a device we cannot place ('a
 * device lock is held' still serialises, PFVF010).
 */
static bool holdable(const struct lockkey *k)
{
	return k->kind != LK_NONE;
}

/* A callee's key seen from the caller, through the call's arguments. */
static struct lockkey subst(const struct model *m, const struct lockkey *k,
			    const struct event *call)
{
	struct lockkey r = *k;
	const struct expr *arg;

	if (k->role.base != RB_PARAM)
		return r;
	arg = arg_expr(call, k->role.param);
	if (k->kind == LK_DEVICE) {
		r.role = eval_role(m, arg);
		if (k->role.pf)
			r.role.pf = 1;
	} else {
		r = eval_class(m, arg);
	}
	return r;
}

static void subst_set(const struct model *m, const struct heldset *in,
		      const struct event *call, struct heldset *out)
{
	unsigned i;

	for (i = 0; i < in->n; i++) {
		struct lockkey k = subst(m, &in->k[i], call);

		if (holdable(&k))
			heldset_add_at(out, &k, in->at[i], in->at_fn[i]);
	}
}

/*
 * What is held at a point: on some path (may) and on every path (must);
 * and what the callers' locks this function released on every path.
 */
struct lockstate {
	struct heldset may, must, rel;
};

static void state_add(struct lockstate *st, const struct lockkey *k,
		      const struct event *at, const struct func *fn)
{
	heldset_add_at(&st->may, k, at, fn);
	heldset_add_at(&st->must, k, at, fn);
}

static void state_del(struct lockstate *st, const struct lockkey *k)
{
	heldset_del(&st->may, k);
	heldset_del(&st->must, k);
}

/* Release @k; a lock this function did not take is a caller's. */
static void state_release(struct lockstate *st, const struct lockkey *k)
{
	if (!heldset_has(&st->may, k))
		heldset_add(&st->rel, k);
	state_del(st, k);
}

static void add_effect(struct summary *s, const struct effect *proto)
{
	size_t i, variants = 0;
	struct effect *e;

	/* SR-IOV changes matter whatever device they name */
	if ((proto->kind != EF_SRIOV && !useful(&proto->key)) ||
	    s->effects.n >= MAX_EFFECTS)
		return;
	for (i = 0; i < s->effects.n; i++) {
		struct effect *o = s->effects.v[i];

		if (o->kind != proto->kind || !lockkey_eq(&o->key, &proto->key))
			continue;
		/* every kept-VF use has one key: each site must stay */
		if ((o->leaf == proto->leaf && o->guard == proto->guard &&
		     o->guard_truth == proto->guard_truth && o->vf_guard == proto->vf_guard &&
		     o->vf_truth == proto->vf_truth && heldset_eq(&o->held, &proto->held)) ||
		    (proto->kind != EF_VF_USE && ++variants >= MAX_VARIANTS))
			return;
	}
	e = xmalloc(sizeof(*e));
	*e = *proto;
	*VEC_PUSH(s->effects) = e;
	if (e->kind == EF_SRIOV && e->api->action == A_ENABLE_SRIOV)
		s->enables_sriov = true;
}

struct flow {
	const struct program *p;
	struct func *f;
	struct summary *s;
	bool record;
};

/* An effect at @e runs when @e's block does: under its parameter guard. */
static void guard_at(const struct flow *fl, const struct event *e, struct effect *proto)
{
	proto->guard = fl->f->guard[e->block];
	proto->guard_truth = fl->f->guard_truth[e->block];
}

/* ... and under its block's VF test, unless the callee's says more. */
static void vf_guard_at(const struct flow *fl, const struct event *e, struct effect *proto)
{
	proto->vf_guard = fl->f->vf_guard[e->block];
	proto->vf_truth = fl->f->vf_guard_truth[e->block];
}

/*
 * A callee's effect that runs only as a VF (or a PF) for its parameter,
 * seen from the call: for the caller's parameter passed on, the same; for
 * a PF (pci_physfn(x)) or a kept VF, known: false if the effect never
 * runs for it. Anything else is not known, and the call's block says.
 */
static bool vf_guard_through(const struct flow *fl, const struct event *call,
			     const struct effect *ce, struct effect *proto)
{
	struct role r;

	proto->vf_guard = -1;
	if (ce->vf_guard >= 0) {
		r = eval_role(fl->p->model, arg_expr(call, ce->vf_guard));
		if (r.base == RB_PARAM && !r.pf) {
			proto->vf_guard = r.param;
			return true;
		}
		if ((r.pf && ce->vf_truth == 1) || (r.base == RB_VF && !r.pf && ce->vf_truth == 0))
			return false;
	}
	vf_guard_at(fl, call, proto);
	return true;
}

/* SR-IOV enabled again: no longer in the "VFs removed" state. */
static void vfs_back(struct lockstate *st)
{
	struct heldset *sets[] = { &st->may, &st->must };
	unsigned s;
	int i;

	for (s = 0; s < 2; s++)
		while ((i = heldset_find_kind(sets[s], LK_VFS_GONE)) >= 0)
			heldset_del(sets[s], &sets[s]->k[i]);
}

/*
 * After pci_disable_sriov() the VFs are gone on this path, until SR-IOV
 * is enabled again: kept VF pointers are stale in between.
 */
static void vfs_present(struct lockstate *st, const struct event *e, const struct func *f)
{
	struct lockkey k = { LK_VFS_GONE };

	if (e->api->action == A_DISABLE_SRIOV) {
		k.cls = e->api->function;
		state_add(st, &k, e, f);
		return;
	}
	vfs_back(st);
}

/*
 * The member holding a kept VF that @e is, or names the same device as
 * ('&priv->vfs[i].pdev->dev'); NULL if none.
 */
static const struct expr *kept_vf(const struct model *m, const struct expr *e)
{
	const struct role_rule *rr = role_rule_of(m, e);

	/* the VF itself, not the array of them ('kfree(priv->vfs)') */
	if (rr && rr->effect == RE_VF && e->kind == X_FIELD)
		return e->ptr ? e : NULL;
	if (!rr || rr->effect != RE_SAME)
		return NULL;
	return kept_vf(m, role_operand(e, rr));
}

/* A kept VF passed to a call (to drop the reference is no use). */
static void use_vfs(struct flow *fl, struct lockstate *st, const struct event *e)
{
	struct effect proto = { 0 };
	int i;

	if ((e->kind != EV_CALL && e->kind != EV_ICALL) ||
	    (e->api && e->api->action == A_PUT))
		return;
	for (i = 0; i < e->nargs; i++) {
		const struct expr *vf = kept_vf(fl->p->model, e->args[i]);

		if (!vf)
			continue;
		proto.kind = EF_VF_USE;
		proto.key.kind = LK_DEVICE;
		proto.key.role.base = RB_VF;
		proto.held = st->may;
		proto.released = st->rel;
		proto.fn = proto.leaf_fn = fl->f;
		proto.site = proto.leaf = e;
		proto.api = e->api;
		guard_at(fl, e, &proto);
		vf_guard_at(fl, e, &proto);
		proto.vf = vf;
		add_effect(fl->s, &proto);
		return;
	}
}

static void call_api(struct flow *fl, struct lockstate *st, const struct event *e)
{
	struct lockkey k = api_key(fl->p->model, e);
	struct effect proto = { 0 };
	int i;

	guard_at(fl, e, &proto);
	vf_guard_at(fl, e, &proto);
	proto.key = k;
	proto.held = st->may;
	proto.released = st->rel;
	proto.fn = fl->f;
	proto.site = e;
	proto.leaf = e;
	proto.leaf_fn = fl->f;
	proto.api = e->api;
	switch (e->api->action) {
	case A_ACQUIRE:
		proto.kind = EF_ACQUIRE;
		if (fl->record)
			add_effect(fl->s, &proto);
		if (holdable(&k)) {
			state_add(st, &k, e, fl->f);
			heldset_del(&st->rel, &k);
		}
		break;
	case A_RELEASE:
		if (fl->record && holdable(&k) && !heldset_has(&st->may, &k))
			heldset_add(&fl->s->exit_rel, &k);
		if (holdable(&k))
			state_release(st, &k);
		break;
	case A_TRYLOCK:
		proto.kind = EF_TRYLOCK;
		if (fl->record)
			add_effect(fl->s, &proto);
		break;
	case A_TAKES:
		proto.kind = EF_ACQUIRE;
		if (fl->record)
			add_effect(fl->s, &proto);
		break;
	case A_ENABLE_SRIOV:
	case A_DISABLE_SRIOV:
		proto.kind = EF_SRIOV;
		if (fl->record)
			add_effect(fl->s, &proto);
		vfs_present(st, e, fl->f);
		break;
	case A_DRVDATA:
		proto.kind = EF_DRVDATA;
		if (fl->record)
			add_effect(fl->s, &proto);
		break;
	case A_ASSERT:
		/*
		 * A requirement is met only by what every path holds; one
		 * behind a parameter test by what some path holds: the lock
		 * is taken under the same test ('if (g2h_len)
		 * spin_lock(&fast_lock)' ... 'if (g2h_len) assert').
		 */
		proto.kind = EF_ASSERT;
		proto.held = proto.guard >= 0 ? st->may : st->must;
		if (fl->record)
			add_effect(fl->s, &proto);
		break;
	case A_ASSERT_NOT_HELD:
		/* broken if any path holds it */
		proto.kind = EF_ASSERT_NOT_HELD;
		if (fl->record)
			add_effect(fl->s, &proto);
		break;
	case A_TEARDOWN:
		/* from here on, on this path, the state is gone */
		k.kind = LK_STATE;
		k.cls = e->api->function;
		state_add(st, &k, e, fl->f);
		break;
	case A_CHECKED:
	case A_PUT:
	case A_READ_SIDE:
	case A_UNREGISTER_DRIVER:	/* its .remove calls are linked callees */
		break;
	}
	/* locks of the same device the API takes inside: pci_cfg_access */
	for (i = 0; fl->record && i < e->api->ntakes; i++) {
		proto.kind = EF_ACQUIRE;
		proto.key = k;
		proto.key.kind = LK_DEVICE;
		proto.key.cls = e->api->takes[i];
		add_effect(fl->s, &proto);
	}
}

static void call_func(struct flow *fl, struct lockstate *st, const struct event *e,
		      const struct func *c)
{
	const struct model *m = fl->p->model;
	const struct summary *cs = c->sum;
	unsigned i;
	size_t j;

	if (!cs || cs->state != 2)
		return;		/* recursion: cut */
	if (fl->record) {
		for (j = 0; j < cs->effects.n; j++) {
			const struct effect *ce = cs->effects.v[j];
			struct effect proto = *ce;
			struct heldset rel = { 0 };
			bool conditional;
			unsigned r;

			/*
			 * An effect that runs only for some values of a
			 * parameter: a constant argument picks the path
			 * statically (igb_disable_sriov(pdev, false) skips 'if
			 * (reinit)'; qed_sriov_configure(cdev, 0) disables).
			 * Where the test or the value is not known, a
			 * requirement is silenced rather than guessed
			 * (pci_set_power_state() passing a state). A parameter
			 * passed on keeps it guarded.
			 */
			conditional = false;
			if (ce->guard >= 0) {
				const struct expr *a = arg_expr(e, ce->guard);

				proto.guard = -1;
				if (a && a->kind == X_PARAM) {
					proto.guard = a->param;
					conditional = true;
				} else if (a && a->kind == X_CONST) {
					if (a->param >= 0 && ce->guard_truth >= 0) {
						if (a->param != ce->guard_truth)
							continue;	/* never runs */
					} else if (ce->kind == EF_ASSERT) {
						continue;
					}
				}
			}
			/*
			 * One guard is kept: the call's own block's when the
			 * callee's is gone or says no value ('if (num > max)'
			 * in qed_sriov_enable() under 'if (num_vfs)')
			 */
			if (proto.guard < 0 ||
			    (proto.guard_truth < 0 && fl->f->guard_truth[e->block] >= 0))
				guard_at(fl, e, &proto);
			if (!vf_guard_through(fl, e, ce, &proto))
				continue;	/* a VF's path, reached for a PF */
			proto.key = subst(m, &ce->key, e);
			/* what we hold, less what the callee dropped first */
			subst_set(m, &ce->released, e, &rel);
			/* as in call_api(): a requirement on a parameter test */
			proto.held = ce->kind == EF_ASSERT && !conditional ? st->must : st->may;
			proto.released = st->rel;
			for (r = 0; r < rel.n; r++) {
				if (heldset_has(&st->may, &rel.k[r]))
					heldset_del(&proto.held, &rel.k[r]);
				else
					heldset_add(&proto.released, &rel.k[r]);
			}
			subst_set(m, &ce->held, e, &proto.held);
			proto.fn = fl->f;
			proto.site = e;
			proto.via = ce;
			add_effect(fl->s, &proto);
		}
	}
	/* a callee that enables SR-IOV brings the VFs back */
	if (cs->enables_sriov)
		vfs_back(st);
	for (i = 0; i < cs->exit_rel.n; i++) {
		struct lockkey k = subst(m, &cs->exit_rel.k[i], e);

		if (fl->record && holdable(&k) && !heldset_has(&st->may, &k))
			heldset_add(&fl->s->exit_rel, &k);
		if (holdable(&k))
			state_release(st, &k);
	}
	subst_set(m, &cs->exit_acq, e, &st->may);
	subst_set(m, &cs->exit_acq, e, &st->must);
}

static void transfer(struct flow *fl, struct lockstate *st, const struct event *e)
{
	int i;

	if (fl->record)
		use_vfs(fl, st, e);
	if (e->api)
		call_api(fl, st, e);
	for (i = 0; i < e->ncallees; i++)
		call_func(fl, st, e, e->callees[i]);
}

/* The lock an edge acquires: the success edge of a trylock condition. */
static bool edge_acquires(const struct program *p, const struct func *f,
			  const struct edge *g, struct lockkey *k)
{
	const struct event *c;
	int success_pol;

	if (g->cond < 0)
		return false;
	c = func_event(f, g->cond);
	if (!c || !c->api || c->api->action != A_TRYLOCK)
		return false;
	success_pol = c->api->success_zero ? 0 : 1;
	if (g->polarity != success_pol)
		return false;
	*k = api_key(p->model, c);
	return holdable(k);
}

static void run_block(struct flow *fl, int b, struct lockstate *st)
{
	int i;

	for (i = fl->f->block_first[b]; i < fl->f->block_first[b + 1]; i++)
		transfer(fl, st, &fl->f->events[i]);
}

static void dataflow(const struct program *p, struct func *f)
{
	struct lockstate *in = xcalloc((size_t)f->nblocks, sizeof(*in));
	bool *valid = xcalloc((size_t)f->nblocks, sizeof(*valid));
	int *work = xmalloc(((size_t)f->nblocks + 1) * sizeof(int));
	bool *queued = xcalloc((size_t)f->nblocks, sizeof(*queued));
	int *first = xcalloc((size_t)f->nblocks + 1, sizeof(int));
	int *order = xmalloc(((size_t)f->nedges + 1) * sizeof(int));
	struct flow fl = { p, f, f->sum, false };
	int nwork = 0, b, i;

	/* successor lists by source block (counting sort of the edges) */
	for (i = 0; i < f->nedges; i++)
		if (f->edges[i].src >= 0 && f->edges[i].src < f->nblocks)
			first[f->edges[i].src + 1]++;
	for (b = 0; b < f->nblocks; b++)
		first[b + 1] += first[b];
	{
		int *fill = xcalloc((size_t)f->nblocks + 1, sizeof(int));

		for (i = 0; i < f->nedges; i++) {
			int s = f->edges[i].src;

			if (s >= 0 && s < f->nblocks)
				order[first[s] + fill[s]++] = i;
		}
		free(fill);
	}
	valid[0] = true;
	work[nwork++] = 0;
	queued[0] = true;
	while (nwork) {
		struct lockstate st;

		b = work[--nwork];
		queued[b] = false;
		st = in[b];
		run_block(&fl, b, &st);
		for (i = first[b]; i < first[b + 1]; i++) {
			const struct edge *g = &f->edges[order[i]];
			struct lockstate out = st;
			struct lockkey k;
			bool changed;

			if (g->dst < 0 || g->dst >= f->nblocks)
				continue;
			if (edge_acquires(p, f, g, &k))
				state_add(&out, &k, func_event(f, g->cond), f);
			if (!valid[g->dst]) {
				valid[g->dst] = true;
				in[g->dst] = out;
				changed = true;
			} else {
				changed = heldset_union(&in[g->dst].may, &out.may);
				changed |= heldset_intersect(&in[g->dst].must, &out.must);
				changed |= heldset_intersect(&in[g->dst].rel, &out.rel);
			}
			if (changed && !queued[g->dst]) {
				queued[g->dst] = true;
				work[nwork++] = g->dst;
			}
		}
	}
	/* record: blocks never reached (dead code) still count, with no locks */
	fl.record = true;
	for (b = 0; b < f->nblocks; b++) {
		struct lockstate st = in[b];

		run_block(&fl, b, &st);
	}
	/* what every path returns holding: lock wrappers, guard constructors */
	if (f->nblocks > 1 && valid[1])
		f->sum->exit_acq = in[1].must;
	free(in);
	free(valid);
	free(work);
	free(queued);
	free(first);
	free(order);
}

void summary_compute(const struct program *p, struct func *f)
{
	int i, j;

	if (f->sum)
		return;		/* done, or in progress (recursion) */
	f->sum = xcalloc(1, sizeof(*f->sum));
	f->sum->state = 1;
	for (i = 0; i < f->nevents; i++)
		for (j = 0; j < f->events[i].ncallees; j++)
			summary_compute(p, f->events[i].callees[j]);
	dataflow(p, f);
	f->sum->state = 2;
}

void summary_free(struct summary *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->effects.n; i++)
		free(s->effects.v[i]);
	VEC_FREE(s->effects);
	free(s);
}
