/*
 * The lock model, loaded from rules/ (YAML, format in docs/rules-format.md):
 * which calls take, drop or test which lock, which calls and fields give a
 * device's role, and which callbacks the PCI core calls with which locks
 * held. Nothing of this lives in C code.
 */
#ifndef PFVF_MODEL_H
#define PFVF_MODEL_H

#include <stdbool.h>
#include "analysis/lock.h"
#include "util/mem.h"

enum api_action {
	A_ACQUIRE,
	A_RELEASE,
	A_TRYLOCK,
	A_TAKES,	/* takes and drops the lock inside (unregister_netdev) */
	A_ENABLE_SRIOV,	/* creates VFs of its device argument: VF .probe runs */
	A_DISABLE_SRIOV,	/* removes them: VF .remove runs */
	A_UNREGISTER_DRIVER,	/* the core calls the driver's .remove for each
				 * device it is bound to (module exit) */
	A_ASSERT,	/* requires the lock held (lockdep_assert_held) */
	A_TEARDOWN,	/* destroys state VF drivers may use (free_netdev) */
	A_ASSERT_NOT_HELD,	/* requires the lock not held (lockdep_assert_not_held) */
	A_PUT,		/* drops a reference to its device argument: allowed
			 * after that device is gone (pci_dev_put) */
	A_READ_SIDE,	/* enters or leaves a read-side section that waits for
			 * no one (SRCU): no lock to order or hold; its sparse
			 * annotation is not one */
	A_DRVDATA,	/* reads the drvdata of its device argument */
	A_CHECKED,	/* a checked accessor (pci_iov_get_pf_drvdata): its body
			 * is trusted, not walked */
};

struct api {
	const char *function;	/* interned */
	enum api_action action;
	bool device;		/* the argument is a device: its device_lock */
	bool instance;		/* a lock field whose instances are told apart
				 * (lockdep_register_key per object: devlink) */
	int arg;		/* which argument names the lock, -1: none */
	const char *cls;	/* fixed class (rtnl_lock -> rtnl_mutex), or
				 * the family of a per-device lock */
	const char *takes[4];	/* per-device lock families it also takes on
				 * its device argument (pci_cfg_access) */
	int ntakes;
	const char *rule;	/* assert: the rule that reports it (PFVF006 if NULL) */
	const char *alt_cls;	/* assert: this class also satisfies it ... */
	int alt_arg;		/* ... unless argument alt_arg is a constant (NULL) */
	bool success_zero;	/* trylock that returns 0 on success */
	const char *file;
	int line;
};

enum role_effect {
	RE_SAME,	/* same device as the base/argument */
	RE_PF,		/* the PF of the base/argument */
	RE_OTHER,	/* some other device */
	RE_DRIVER,	/* the driver bound to the base/argument device */
	RE_VF,		/* a VF the PF driver keeps (and uses after disabling
			 * SR-IOV at its peril, PFVF003) */
	RE_VF_KEY,	/* not a device: a value naming a VF of the argument
			 * device (pci_iov_virtfn_devfn); a lookup given it
			 * returns that VF */
	RE_IS_VF,	/* a member, non-zero when its base device is a VF
			 * (pci_dev::is_virtfn): a branch on it tells */
	RE_IS_PF,	/* ... when it is a PF (pci_dev::is_physfn) */
};

struct role_rule {
	const char *function;	/* or */
	const char *field;	/* 'rec::fld', rec may be '*' */
	int arg;
	enum role_effect effect;
};

enum runs_for {
	RUNS_ANY,	/* PF or VF: the core allows binding either */
	RUNS_PF,
	RUNS_VF,
};

struct callback {
	const char *struct_type, *field;	/* interned; NULL for a function entry */
	const char *function;	/* an entry point named directly (hypercall) */
	int device_arg;
	enum runs_for runs_for;
	struct heldset held;	/* what the core holds when it calls it */
	struct heldset maybe_held;	/* held on some of the core's paths only
					 * (the rescan lock: hot-unplug, not unbind) */
	const char *caller;	/* the core's path, for witness notes */
	const char *file;
	int line;
};

struct model {
	struct strpool *pool;
	VEC(struct api) apis;
	VEC(struct role_rule) roles;
	VEC(struct callback) callbacks;
	/* interned function name -> api index + 1, open addressing */
	const char **map_key;
	int *map_val;
	size_t map_cap;
	VEC(char *) files;	/* loaded files, for --list-rules */
};

/**
 * Load every *.yaml file of @dir (sorted) into @m. Returns 0, or -1 after
 * reporting 'file:line: problem'.
 */
int model_load_dir(struct model *m, const char *dir);
/** Load one rules file. Returns 0 or -1 (reported). */
int model_load_file(struct model *m, const char *path);
/** Build lookup tables; call once after loading. */
void model_finish(struct model *m);
void model_init(struct model *m, struct strpool *pool);
void model_release(struct model *m);

/** The API entry for an interned function name, or NULL. */
const struct api *model_api(const struct model *m, const char *fn);
/** The name of @a as the rules files spell it ('acquire', 'read_side'). */
const char *model_action_name(enum api_action a);
const struct role_rule *model_role_function(const struct model *m, const char *fn);
const struct role_rule *model_role_field(const struct model *m, const char *recfld);
const struct callback *model_callback(const struct model *m,
				      const char *struct_type, const char *field);
/**
 * Add '{ field: @recfld, role: vf }' learnt from the scan (a struct member
 * a driver fills with a VF), unless an entry already gives its role.
 */
void model_add_vf_field(struct model *m, const char *recfld);
/**
 * True if lock class @cls (interned) is a member whose every instance has
 * its own class: each device's is its own, never another's.
 */
bool model_instance_class(const struct model *m, const char *cls);
/** The entry point the model names by function, or NULL. */
const struct callback *model_entry_function(const struct model *m, const char *fn);

#endif
