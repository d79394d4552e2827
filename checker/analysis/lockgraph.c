/*
 * Lock-order graph and its cycles. Edges come from every acquisition with
 * what is held at it (the core's locks included), from the order of the
 * core's own locks at a callback, and from SR-IOV changes: the core takes
 * each VF's device lock inside pci_enable_sriov()/pci_disable_sriov().
 */
#include <stdlib.h>
#include <string.h>
#include "analysis/lockgraph.h"
#include "analysis/role.h"

static int node_of(struct lockgraph *g, const char *name)
{
	const char *n = strpool_intern(g->pool, name);
	size_t i;

	for (i = 0; i < g->nodes.n; i++)
		if (g->nodes.v[i] == n)
			return (int)i;
	*VEC_PUSH(g->nodes) = n;
	return (int)g->nodes.n - 1;
}

/*
 * The system-wide name of a lock seen from @e, or NULL if it has none: a
 * callback's own device is a VF's when its driver can bind one, and VF
 * locks are told apart by that driver ('device_lock(VF of igbvf_driver)'),
 * so that a PF's SR-IOV change only orders the VFs its VF drivers bind.
 * A class whose instances lockdep tells apart (devlink's) is named by the
 * callback's device like its device lock, in brackets as lockdep sees it
 * ('devlink::lock[PF]'): the VF's devlink lock is not the PF's.
 */
static const char *global_name(const struct program *p, const struct entry *e,
			       const struct lockkey *k, int self_vf, char *buf, size_t n)
{
	struct lockkey self;
	const char *role;
	bool instance = false;
	char vf[128];

	/*
	 * Named like the callback's own device lock; with no callback there
	 * is no device to name it by and it is not placed below (its class
	 * would join every device's instance into one lock).
	 */
	if (k->kind == LK_CLASS && k->cls && model_instance_class(p->model, k->cls)) {
		instance = true;
		self = *k;
		self.kind = LK_DEVICE;
		self.role.base = RB_SELF;
		self.role.pf = 0;
		k = &self;
	} else if (k->kind == LK_CLASS) {
		return k->cls;
	}
	if (k->kind != LK_DEVICE)
		return NULL;
	if (k->role.pf)
		role = "PF";
	else if (k->role.base == RB_OTHER || k->role.base == RB_VF)
		role = "OTHER";	/* a VF found or kept by a PF: not one of its callbacks' */
	else if (k->role.base == RB_SELF && e->cb &&
		 (self_vf == 1 || (self_vf < 0 && entry_binds_vf(e)))) {
		const struct reg *d = entry_driver(e);

		snprintf(vf, sizeof(vf), "VF of %s", d ? d->var : "any driver");
		role = vf;
	} else if (k->role.base == RB_SELF && e->cb && instance) {
		/*
		 * A lock lockdep keys per instance is the PF's own: another
		 * driver's PF has another ('devlink::lock[PF of ice_driver]'
		 * is not bnxt's)
		 */
		const struct reg *d = entry_driver(e);

		snprintf(vf, sizeof(vf), "PF of %s", d ? d->var : "any driver");
		role = vf;
	} else if (k->role.base == RB_SELF && e->cb)
		role = "PF";
	else
		return NULL;	/* a device we cannot place */
	snprintf(buf, n, instance ? "%s[%s]" : "%s(%s)", k->cls ? k->cls : "device_lock", role);
	return buf;
}

const char *lock_global_name(const struct program *p, const struct entry *e,
			     const struct lockkey *k, int self_vf, char *buf, size_t n)
{
	return global_name(p, e, k, self_vf, buf, n);
}

static void add_edge(struct lockgraph *g, int from, int to,
		     const struct bound_effect *w, const struct entry *e)
{
	struct lg_edge *ed;
	size_t i;

	if (from == to)
		return;		/* two instances of one class (VF1, VF2): not an order */
	for (i = 0; i < g->edges.n; i++)
		if (g->edges.v[i].from == from && g->edges.v[i].to == to)
			return;	/* one witness per edge */
	ed = VEC_PUSH(g->edges);
	ed->from = from;
	ed->to = to;
	if (w)
		ed->witness = *w;
	ed->entry = e;
}

struct builder {
	struct lockgraph *g;
	const struct analysis *an;
};

/*
 * Edges from what @be holds to @kn. At an SR-IOV change (@self_pf) the
 * callback's own device is a PF, whatever devices its driver binds.
 * Taking a lock whose class is already held orders nothing: it is a
 * self-deadlock (rtnl_lock() under an ethtool op) or a path the code
 * cannot take (a rule's 'takes' for a kernel version that does not); as
 * edges it would put the locks taken after the first one before it.
 */
static void edges_to(struct builder *b, const struct bound_effect *be, const char *kn,
		     bool self_pf)
{
	char hb[HELD_MAX][160];
	const char *hn[HELD_MAX];
	unsigned i;

	for (i = 0; i < be->held.n; i++) {
		hn[i] = global_name(b->an->prog, be->entry, &be->held.k[i],
				    self_pf ? 0 : be->self_vf, hb[i], sizeof(hb[i]));
		if (hn[i] && !strcmp(hn[i], kn))
			return;
	}
	for (i = 0; i < be->held.n; i++)
		if (hn[i])
			add_edge(b->g, node_of(b->g, hn[i]), node_of(b->g, kn), be, be->entry);
}

/* Each struct pci_driver variable once (it has one registration per member). */
static bool first_reg_of_driver(const struct program *p, size_t i)
{
	const struct reg *r = &p->regs.v[i];
	size_t j;

	if (strcmp(r->struct_type, "pci_driver"))
		return false;
	for (j = 0; j < i; j++)
		if (p->regs.v[j].var == r->var && p->regs.v[j].tu_file == r->tu_file &&
		    !strcmp(p->regs.v[j].struct_type, "pci_driver"))
			return false;
	return true;
}

/*
 * An SR-IOV change takes the device lock of each VF: of the driver(s)
 * likeliest to bind this PF driver's VFs (pair_score(): the same driver,
 * else the VF drivers of its vendor with the most evidence).
 */
static void sriov_edges(struct builder *b, const struct bound_effect *be)
{
	const struct program *p = b->an->prog;
	const struct reg *pf = entry_driver(be->entry);
	size_t i, best = 0;
	unsigned why;
	char kb[160];

	if (!pf)
		return;
	for (i = 0; i < p->regs.n; i++) {
		size_t s;

		if (!first_reg_of_driver(p, i))
			continue;
		s = pair_score(p, pf->tu_file, pf->var, p->regs.v[i].tu_file, p->regs.v[i].var, &why);
		if (s > best)
			best = s;
	}
	for (i = 0; best && i < p->regs.n; i++) {
		const struct reg *r = &p->regs.v[i];

		if (!first_reg_of_driver(p, i) ||
		    pair_score(p, pf->tu_file, pf->var, r->tu_file, r->var, &why) != best)
			continue;
		snprintf(kb, sizeof(kb), "device_lock(VF of %s)", r->var);
		edges_to(b, be, kb, true);
	}
}

static void from_effect(const struct bound_effect *be, void *arg)
{
	struct builder *b = arg;
	char kb[160];
	const char *kn;

	if (be->eff->kind == EF_SRIOV) {
		sriov_edges(b, be);
		return;
	}
	if (be->eff->kind != EF_ACQUIRE)
		return;
	kn = lock_global_name(b->an->prog, be->entry, &be->key, be->self_vf, kb, sizeof(kb));
	if (kn)
		edges_to(b, be, kn, false);
}

/* The core takes a callback's context locks in the order the model lists. */
static void core_edges(struct lockgraph *g, const struct analysis *an)
{
	char ab[160], bb[160];
	size_t i;
	unsigned a, c;

	for (i = 0; i < an->entries.n; i++) {
		const struct entry *e = &an->entries.v[i];

		if (!e->cb)
			continue;
		for (a = 0; a < e->cb->held.n; a++)
			for (c = a + 1; c < e->cb->held.n; c++) {
				const char *x = lock_global_name(an->prog, e, &e->cb->held.k[a], e->self_vf, ab, sizeof(ab));
				const char *y = lock_global_name(an->prog, e, &e->cb->held.k[c], e->self_vf, bb, sizeof(bb));

				if (x && y)
					add_edge(g, node_of(g, x), node_of(g, y), NULL, e);
			}
	}
}

/* Tarjan's strongly connected components, iteratively deep enough here. */
struct tarjan {
	const struct lockgraph *g;
	int *index, *low, *comp, *stack;
	bool *on;
	int next, sp, ncomp;
};

static void strongconnect(struct tarjan *t, int v)
{
	size_t i;

	t->index[v] = t->low[v] = t->next++;
	t->stack[t->sp++] = v;
	t->on[v] = true;
	for (i = 0; i < t->g->edges.n; i++) {
		int w;

		if (t->g->edges.v[i].from != v)
			continue;
		w = t->g->edges.v[i].to;
		if (t->index[w] < 0) {
			strongconnect(t, w);
			if (t->low[w] < t->low[v])
				t->low[v] = t->low[w];
		} else if (t->on[w] && t->index[w] < t->low[v]) {
			t->low[v] = t->index[w];
		}
	}
	if (t->low[v] == t->index[v]) {
		int w;

		do {
			w = t->stack[--t->sp];
			t->on[w] = false;
			t->comp[w] = t->ncomp;
		} while (w != v);
		t->ncomp++;
	}
}

bool is_vf_lock(const char *node)
{
	return !strncmp(node, "device_lock(VF", 14);
}

/*
 * A VF taking its PF's device lock is PFVF001's finding; cycles are
 * looked for without those edges, so they do not hide other cycles.
 */
static bool vf_to_pf(const struct lockgraph *g, const struct lg_edge *e)
{
	return is_vf_lock(g->nodes.v[e->from]) &&
	       !strcmp(g->nodes.v[e->to], "device_lock(PF)");
}

/*
 * The shortest cycle through edge @first (BFS from its head back to its
 * tail inside the component), appended to g->cycles; its edges are
 * marked. Returns false if there is none.
 */
static bool cycle_through(struct lockgraph *g, const int *comp, int first)
{
	size_t n = g->nodes.n, i;
	int *via = malloc(n * sizeof(int)), *queue = malloc(n * sizeof(int));
	const struct lg_edge *fe = &g->edges.v[first];
	int head = 0, tail = 0, start = fe->to, goal = fe->from;
	bool found = start == goal;
	int_vec *cyc;

	for (i = 0; i < n; i++)
		via[i] = -2;
	queue[tail++] = start;
	via[start] = -1;
	while (head < tail && !found) {
		int v = queue[head++];

		for (i = 0; i < g->edges.n; i++) {
			const struct lg_edge *e = &g->edges.v[i];

			if (e->from != v || comp[e->to] != comp[goal] ||
			    via[e->to] != -2 || vf_to_pf(g, e))
				continue;
			via[e->to] = (int)i;
			queue[tail++] = e->to;
			if (e->to == goal) {
				found = true;
				break;
			}
		}
	}
	if (found) {
		int_vec rev = { 0 };
		int v = goal;

		while (v != start) {
			*VEC_PUSH(rev) = via[v];
			v = g->edges.v[via[v]].from;
		}
		cyc = VEC_PUSH(g->cycles);
		*VEC_PUSH(*cyc) = first;
		g->edges.v[first].in_cycle = true;
		for (i = rev.n; i-- > 0;) {
			*VEC_PUSH(*cyc) = rev.v[i];
			g->edges.v[rev.v[i]].in_cycle = true;
		}
		VEC_FREE(rev);
	}
	free(via);
	free(queue);
	return found;
}

/* Report at most this many cycles: each one names its own fix. */
#define MAX_CYCLES 64

static void find_cycles(struct lockgraph *g)
{
	size_t n = g->nodes.n, i;
	struct tarjan t = { g };

	if (!n)
		return;
	t.index = malloc(n * sizeof(int));
	t.low = malloc(n * sizeof(int));
	t.comp = malloc(n * sizeof(int));
	t.stack = malloc(n * sizeof(int));
	t.on = calloc(n, sizeof(bool));
	for (i = 0; i < n; i++)
		t.index[i] = -1;
	for (i = 0; i < n; i++)
		if (t.index[i] < 0)
			strongconnect(&t, (int)i);
	/*
	 * One cycle through every edge inside a component that no cycle
	 * found so far covers: a component with several cycles reports
	 * each, not just one.
	 */
	for (i = 0; i < g->edges.n && g->cycles.n < MAX_CYCLES; i++) {
		const struct lg_edge *e = &g->edges.v[i];

		if (e->in_cycle || t.comp[e->from] != t.comp[e->to] || vf_to_pf(g, e))
			continue;
		cycle_through(g, t.comp, (int)i);
	}
	free(t.index);
	free(t.low);
	free(t.comp);
	free(t.stack);
	free(t.on);
}

void lockgraph_build(struct lockgraph *g, const struct analysis *an)
{
	struct builder b = { g, an };

	memset(&g->nodes, 0, sizeof(g->nodes));
	memset(&g->edges, 0, sizeof(g->edges));
	memset(&g->cycles, 0, sizeof(g->cycles));
	g->pool = an->prog->pool;
	core_edges(g, an);
	analysis_for_each(an, from_effect, &b);
	find_cycles(g);
}

void lockgraph_release(struct lockgraph *g)
{
	size_t i;

	for (i = 0; i < g->cycles.n; i++)
		VEC_FREE(g->cycles.v[i]);
	VEC_FREE(g->cycles);
	VEC_FREE(g->nodes);
	VEC_FREE(g->edges);
}

int lockgraph_write_dot(const struct lockgraph *g, FILE *out)
{
	size_t i;

	fprintf(out, "digraph lock_order {\n\trankdir=LR;\n\tnode [shape=box, fontname=\"monospace\"];\n");
	for (i = 0; i < g->nodes.n; i++)
		fprintf(out, "\tn%zu [label=\"%s\"];\n", i, g->nodes.v[i]);
	for (i = 0; i < g->edges.n; i++) {
		const struct lg_edge *e = &g->edges.v[i];
		const char *via = e->witness.eff ? e->witness.eff->leaf_fn->name : "PCI core";

		fprintf(out, "\tn%d -> n%d [label=\"%s\"%s];\n", e->from, e->to, via,
			e->in_cycle ? ", color=red, penwidth=2" : "");
	}
	fprintf(out, "}\n");
	return ferror(out) ? -1 : 0;
}

struct class_sites {
	const struct analysis *an;
	struct strpool *pool;
	VEC(const char *) names;
	VEC(const struct event *) sites;	/* distinct acquisition sites */
	VEC(int) owner;				/* class index of each site */
	VEC(const struct func *) fns;
};

static void count_site(const struct bound_effect *be, void *arg)
{
	struct class_sites *cs = arg;
	const char *name;
	char buf[96];
	size_t i;
	int c = -1;

	if (be->eff->kind != EF_ACQUIRE)
		return;
	name = lock_global_name(cs->an->prog, be->entry, &be->key, be->self_vf, buf, sizeof(buf));
	if (!name)
		return;
	name = strpool_intern(cs->pool, name);
	for (i = 0; i < cs->names.n; i++)
		if (cs->names.v[i] == name)
			c = (int)i;
	if (c < 0) {
		*VEC_PUSH(cs->names) = name;
		c = (int)cs->names.n - 1;
	}
	for (i = 0; i < cs->sites.n; i++)
		if (cs->sites.v[i] == be->eff->leaf && cs->owner.v[i] == c)
			return;
	*VEC_PUSH(cs->sites) = be->eff->leaf;
	*VEC_PUSH(cs->owner) = c;
	*VEC_PUSH(cs->fns) = be->eff->leaf_fn;
}

void lockgraph_write_classes(const struct analysis *an, FILE *out)
{
	struct class_sites cs = { an, an->prog->pool };
	size_t c, i;

	analysis_for_each(an, count_site, &cs);
	for (c = 0; c < cs.names.n; c++) {
		size_t n = 0, first = 0;

		for (i = 0; i < cs.sites.n; i++)
			if (cs.owner.v[i] == (int)c && !n++)
				first = i;
		fprintf(out, "%-48s %4zu site%s, e.g. %s:%d in '%s'\n", cs.names.v[c], n,
			n == 1 ? " " : "s", cs.sites.v[first]->file,
			cs.sites.v[first]->line, cs.fns.v[first]->name);
	}
	VEC_FREE(cs.names);
	VEC_FREE(cs.sites);
	VEC_FREE(cs.owner);
	VEC_FREE(cs.fns);
}
