/*
 * Lock-order graph and its cycles. Edges come from every acquisition with
 * what is held at it (the core's locks included), from the order of the
 * core's own locks at a callback, and from SR-IOV changes: the core takes
 * each VF's device lock inside pci_enable_sriov()/pci_disable_sriov().
 */
#include <stdlib.h>
#include <string.h>
#include "analysis/lockgraph.h"

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
 * callback's own device is a VF's when its driver can bind one.
 */
const char *lock_global_name(const struct program *p, const struct entry *e,
			     const struct lockkey *k, char *buf, size_t n)
{
	const char *role;

	if (k->kind == LK_CLASS)
		return k->cls;
	if (k->kind != LK_DEVICE)
		return NULL;
	if (k->role.pf)
		role = "PF";
	else if (k->role.base == RB_OTHER)
		role = "OTHER";
	else if (k->role.base == RB_SELF && e->cb)
		role = entry_binds_vf(p, e) ? "VF" : "PF";
	else
		return NULL;	/* a device we cannot place */
	snprintf(buf, n, "%s(%s)", k->cls ? k->cls : "device_lock", role);
	return buf;
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

static void from_effect(const struct bound_effect *be, void *arg)
{
	struct builder *b = arg;
	char kb[96], hb[96];
	const char *kn, *hn;
	unsigned i;

	if (be->eff->kind == EF_ACQUIRE)
		kn = lock_global_name(b->an->prog, be->entry, &be->key, kb, sizeof(kb));
	else if (be->eff->kind == EF_SRIOV)
		kn = "device_lock(VF)";
	else
		return;
	if (!kn)
		return;
	for (i = 0; i < be->held.n; i++) {
		hn = lock_global_name(b->an->prog, be->entry, &be->held.k[i], hb, sizeof(hb));
		if (hn)
			add_edge(b->g, node_of(b->g, hn), node_of(b->g, kn), be, be->entry);
	}
}

/* The core takes a callback's context locks in the order the model lists. */
static void core_edges(struct lockgraph *g, const struct analysis *an)
{
	char ab[96], bb[96];
	size_t i;
	unsigned a, c;

	for (i = 0; i < an->entries.n; i++) {
		const struct entry *e = &an->entries.v[i];

		if (!e->cb)
			continue;
		for (a = 0; a < e->cb->held.n; a++)
			for (c = a + 1; c < e->cb->held.n; c++) {
				const char *x = lock_global_name(an->prog, e, &e->cb->held.k[a], ab, sizeof(ab));
				const char *y = lock_global_name(an->prog, e, &e->cb->held.k[c], bb, sizeof(bb));

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

/* The shortest cycle through @start inside its component (BFS). */
static void shortest_cycle(struct lockgraph *g, const int *comp, int start)
{
	size_t n = g->nodes.n, i;
	int *via = malloc(n * sizeof(int)), *queue = malloc(n * sizeof(int));
	int head = 0, tail = 0, closing = -1;
	int_vec *cyc;

	for (i = 0; i < n; i++)
		via[i] = -2;
	queue[tail++] = start;
	via[start] = -1;
	while (head < tail && closing < 0) {
		int v = queue[head++];

		for (i = 0; i < g->edges.n; i++) {
			const struct lg_edge *e = &g->edges.v[i];

			if (e->from != v || comp[e->to] != comp[start])
				continue;
			if (e->to == start) {
				closing = (int)i;
				break;
			}
			if (via[e->to] == -2) {
				via[e->to] = (int)i;
				queue[tail++] = e->to;
			}
		}
	}
	if (closing >= 0) {
		int_vec rev = { 0 };
		int v = g->edges.v[closing].from;

		*VEC_PUSH(rev) = closing;
		while (v != start) {
			*VEC_PUSH(rev) = via[v];
			v = g->edges.v[via[v]].from;
		}
		cyc = VEC_PUSH(g->cycles);
		for (i = rev.n; i-- > 0;) {
			*VEC_PUSH(*cyc) = rev.v[i];
			g->edges.v[rev.v[i]].in_cycle = true;
		}
		VEC_FREE(rev);
	}
	free(via);
	free(queue);
}

static void find_cycles(struct lockgraph *g)
{
	size_t n = g->nodes.n, i;
	struct tarjan t = { g };
	int *size, c;

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
	size = calloc((size_t)t.ncomp, sizeof(int));
	for (i = 0; i < n; i++)
		size[t.comp[i]]++;
	/* one cycle per component, through its first node */
	for (c = 0; c < t.ncomp; c++) {
		if (size[c] < 2)
			continue;
		for (i = 0; i < n; i++)
			if (t.comp[i] == c) {
				shortest_cycle(g, t.comp, (int)i);
				break;
			}
	}
	free(size);
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
	name = lock_global_name(cs->an->prog, be->entry, &be->key, buf, sizeof(buf));
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
