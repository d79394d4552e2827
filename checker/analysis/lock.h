/*
 * Lock identity (design guide §3): a device lock is named by the role of
 * its device relative to the device a callback runs for; any other lock by
 * its class (a global's name, or 'struct::member' of a lock field).
 */
#ifndef PFVF_LOCK_H
#define PFVF_LOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum role_base {
	RB_UNKNOWN,	/* nothing known: never a finding on its own */
	RB_PARAM,	/* the function's parameter 'param' (summaries only) */
	RB_SELF,	/* the device the callback runs for */
	RB_OTHER,	/* a device looked up by other means (pci_get_slot...) */
	RB_VF,		/* a VF the PF driver keeps in its structs */
};

struct role {
	uint8_t base;		/* enum role_base */
	uint8_t pf;		/* the PF of that device (pdev->physfn) */
	uint8_t param;
};

enum lock_kind {
	LK_NONE,
	LK_DEVICE,	/* a per-device lock of 'role': device_lock, or family 'cls' */
	LK_CLASS,	/* 'cls', or the lock passed as parameter role.param */
	LK_STATE,	/* not a lock: 'cls' was torn down (free_netdev) and
			 * stays so; carried in held sets for PFVF003 */
	LK_VFS_GONE,	/* not a lock: the VFs were removed by 'cls'
			 * (pci_disable_sriov) on this path; until SR-IOV is
			 * enabled again, kept VF pointers are stale (PFVF003) */
};

struct lockkey {
	uint8_t kind;		/* enum lock_kind */
	struct role role;
	/*
	 * LK_CLASS: the class, interned; NULL for a parameter-passed lock.
	 * LK_DEVICE: the lock family (pci_cfg_access); NULL for device_lock.
	 */
	const char *cls;
};

#define HELD_MAX 16

struct event;
struct func;

/**
 * A small set of held locks; each remembers where it was taken (NULL for
 * the core's locks), for witness notes.
 */
struct heldset {
	uint8_t n;
	struct lockkey k[HELD_MAX];
	const struct event *at[HELD_MAX];
	const struct func *at_fn[HELD_MAX];
};

bool role_eq(struct role a, struct role b);
bool lockkey_eq(const struct lockkey *a, const struct lockkey *b);
bool lockkey_is_pf_device(const struct lockkey *k);
bool heldset_has(const struct heldset *h, const struct lockkey *k);
void heldset_add(struct heldset *h, const struct lockkey *k);
/** Add @k, taken by @at in @fn (kept if @k is already there). */
void heldset_add_at(struct heldset *h, const struct lockkey *k,
		    const struct event *at, const struct func *fn);
/** Index of @k in @h, or -1. */
int heldset_find(const struct heldset *h, const struct lockkey *k);
/** Index of the first key of @kind (enum lock_kind) in @h, or -1. */
int heldset_find_kind(const struct heldset *h, int kind);
/** Keep in @a only what @b also holds; true if @a changed. */
bool heldset_intersect(struct heldset *a, const struct heldset *b);
void heldset_del(struct heldset *h, const struct lockkey *k);
/** Union @b into @a; true if @a changed. */
bool heldset_union(struct heldset *a, const struct heldset *b);
bool heldset_eq(const struct heldset *a, const struct heldset *b);

/** "SELF", "PF(SELF)", "OTHER", "PF(dev)", "param 2", "dev". */
void role_format(struct role r, char *buf, size_t n);
/** "device_lock(PF(SELF))", "pci_cfg_access(SELF)", "rtnl_mutex", "ice_pf::sriov_lock". */
void lockkey_format(const struct lockkey *k, char *buf, size_t n);

#endif
