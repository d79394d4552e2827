/* Lock keys, roles and held-lock sets. */
#include <stdio.h>
#include <string.h>
#include "analysis/lock.h"

bool role_eq(struct role a, struct role b)
{
	return a.base == b.base && a.pf == b.pf &&
	       (a.base != RB_PARAM || a.param == b.param);
}

bool lockkey_eq(const struct lockkey *a, const struct lockkey *b)
{
	return a->kind == b->kind && a->cls == b->cls && role_eq(a->role, b->role);
}

bool lockkey_is_pf_device(const struct lockkey *k)
{
	return k->kind == LK_DEVICE && !k->cls && k->role.pf;
}

int heldset_find(const struct heldset *h, const struct lockkey *k)
{
	unsigned i;

	for (i = 0; i < h->n; i++)
		if (lockkey_eq(&h->k[i], k))
			return (int)i;
	return -1;
}

int heldset_find_kind(const struct heldset *h, int kind)
{
	unsigned i;

	for (i = 0; i < h->n; i++)
		if (h->k[i].kind == kind)
			return (int)i;
	return -1;
}

bool heldset_has(const struct heldset *h, const struct lockkey *k)
{
	return heldset_find(h, k) >= 0;
}

void heldset_add_at(struct heldset *h, const struct lockkey *k,
		    const struct event *at, const struct func *fn)
{
	/* a full set drops the newest: findings stay sound for what is kept */
	if (k->kind == LK_NONE || heldset_has(h, k) || h->n == HELD_MAX)
		return;
	h->k[h->n] = *k;
	h->at[h->n] = at;
	h->at_fn[h->n] = fn;
	h->n++;
}

void heldset_add(struct heldset *h, const struct lockkey *k)
{
	heldset_add_at(h, k, NULL, NULL);
}

static void heldset_remove(struct heldset *h, unsigned i)
{
	h->n--;
	h->k[i] = h->k[h->n];
	h->at[i] = h->at[h->n];
	h->at_fn[i] = h->at_fn[h->n];
}

void heldset_del(struct heldset *h, const struct lockkey *k)
{
	int i = heldset_find(h, k);

	if (i >= 0)
		heldset_remove(h, (unsigned)i);
}

bool heldset_union(struct heldset *a, const struct heldset *b)
{
	unsigned i, before = a->n;

	for (i = 0; i < b->n; i++)
		heldset_add_at(a, &b->k[i], b->at[i], b->at_fn[i]);
	return a->n != before;
}

bool heldset_intersect(struct heldset *a, const struct heldset *b)
{
	unsigned i = 0, before = a->n;

	while (i < a->n) {
		if (heldset_has(b, &a->k[i]))
			i++;
		else
			heldset_remove(a, i);
	}
	return a->n != before;
}

bool heldset_eq(const struct heldset *a, const struct heldset *b)
{
	unsigned i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!heldset_has(b, &a->k[i]))
			return false;
	return true;
}

void role_format(struct role r, char *buf, size_t n)
{
	char base[32];

	switch (r.base) {
	case RB_SELF:
		snprintf(base, sizeof(base), "SELF");
		break;
	case RB_OTHER:
		snprintf(base, sizeof(base), "OTHER");
		break;
	case RB_VF:
		snprintf(base, sizeof(base), "VF");
		break;
	case RB_PARAM:
		snprintf(base, sizeof(base), "param %u", r.param + 1);
		break;
	default:
		snprintf(base, sizeof(base), "dev");
		break;
	}
	if (r.pf)
		snprintf(buf, n, "PF(%s)", base);
	else
		snprintf(buf, n, "%s", base);
}

void lockkey_format(const struct lockkey *k, char *buf, size_t n)
{
	char role[48];

	role_format(k->role, role, sizeof(role));
	if (k->kind == LK_STATE)
		snprintf(buf, n, "torn down by %s()", k->cls);
	else if (k->kind == LK_VFS_GONE)
		snprintf(buf, n, "VFs removed by %s()", k->cls);
	else if (k->kind == LK_DEVICE)
		snprintf(buf, n, "%s(%s)", k->cls ? k->cls : "device_lock", role);
	else if (k->cls)
		snprintf(buf, n, "%s", k->cls);
	else
		snprintf(buf, n, "lock of %s", role);
}
