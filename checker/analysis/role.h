/*
 * Device roles and VF context, in one place. A role says what a device
 * expression is relative to the function's parameters (the same device,
 * its PF, another, a kept VF) by the rules' roles entries. VF context from
 * the code: which devices a driver and each branch of its
 * callbacks run for. A probe that returns at once for a PF ('if
 * (!pdev->is_virtfn) return -ENODEV') makes the driver a VF driver; a
 * branch on the device's VF-ness (is_vf/is_pf members, pci_physfn(pdev) !=
 * pdev) makes the code under it a VF's or a PF's (the edges' labels and
 * the blocks' VF guards, program.c; the effects' VF guards, summary.c).
 * Id-table names are one more signal, never the only one.
 */
#ifndef PFVF_ROLE_H
#define PFVF_ROLE_H

#include "analysis/program.h"

/** The roles entry that explains @e (a member read or a call), or NULL. */
const struct role_rule *role_rule_of(const struct model *m, const struct expr *e);
/** What @rr's result is relative to: @e's base (a member) or argument. */
const struct expr *role_operand(const struct expr *e, const struct role_rule *rr);
/** The role of a device expression, relative to the function's parameters. */
struct role eval_role(const struct model *m, const struct expr *e);
/**
 * If @e names the driver bound to a device ('pci_dev_driver(d)',
 * 'd->driver'), that device's expression; else NULL.
 */
const struct expr *driver_of(const struct model *m, const struct expr *e);

/**
 * What branch condition @c (an edge's cond event) says about a device
 * parameter: that parameter, with *@truth 1 if the condition is non-zero
 * exactly when it is a VF, 0 when it is a PF; -1 if it says nothing.
 */
int vf_test(const struct model *m, const struct event *c, int *truth);

/* What a driver's code says about the devices it is bound to. */
enum {
	DRV_REFUSES_PF = 1,	/* its probe returns at once for a PF */
	DRV_REFUSES_VF = 2,	/* ... for a VF */
	DRV_TESTS_VF = 4,	/* a callback branches on its device's VF-ness */
	DRV_VF_IDS = 8,		/* its id table names VF devices (FOO_VF) */
	DRV_ANY_ID = 16,	/* PCI_ANY_ID: bound by driver_override */
	DRV_NO_TABLE = 32,	/* no id table in the scan */
	DRV_PF = 64,		/* it enables or disables SR-IOV: a PF's driver */
};

/**
 * Evidence bits of the struct pci_driver variable @drv of TU @tu (after
 * the summaries of its callbacks are computed).
 */
unsigned driver_evidence(const struct program *p, const char *tu, const char *drv);
/** The device the driver is bound to may be a VF (the core allows it). */
bool evidence_binds_vf(unsigned ev);
/** 1 if its devices are all VFs, 0 all PFs, -1 either: from @ev alone. */
int evidence_self_vf(unsigned ev);
/** A phrase saying why, for witness notes ("its probe refuses PFs"). */
const char *evidence_why(unsigned ev);
/** Its driver can be bound to a VF (evidence_binds_vf of its evidence). */
bool driver_binds_vf(const struct program *p, const char *tu, const char *drv);

/* Why a driver is taken to bind another's VFs. */
enum {
	PAIR_SAME = 1,		/* the PF's own driver binds VFs */
	PAIR_VENDOR = 2,	/* the id tables share a vendor (required) */
	PAIR_ADJACENT = 4,	/* a device id next to one of the PF's */
	PAIR_DIR = 8,		/* the same source directory */
	PAIR_MODULE = 16,	/* the same kbuild module */
	PAIR_CALLS_PF = 32,	/* it calls what the PF's module defines */
	PAIR_BINDS_VF = 64,	/* its code (or id table names) says it binds VFs */
};

/**
 * How likely the pci_driver @b (TU @tb) binds the VFs of @a's PF: 0 if
 * nothing says so, highest for the PF's own driver. A candidate binds VFs
 * and shares a vendor; it is ranked by evidence (@why: PAIR_* bits), the
 * common prefix of the names only breaking ties among equals.
 */
size_t pair_score(const struct program *p, const char *ta, const char *a,
		  const char *tb, const char *b, unsigned *why);
/** @why as a phrase ("the same source directory, adjacent device ids"). */
const char *pair_why(unsigned why, char *buf, size_t n);

#endif
