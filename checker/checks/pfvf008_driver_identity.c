// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF008: the driver bound to another device compared by hand
 * ('pci_dev_driver(pf) == &my_driver', 'pf->driver != &drv',
 * 'pci_dev_driver(a) != pci_dev_driver(b)'). The check races with that
 * device's unbind and does not scale to several drivers (seed 004);
 * pci_iov_get_pf_drvdata() checks a PF's driver under the SR-IOV
 * lifetime rules, and VFIO groups devices in device sets.
 */
#include "checks/checks.h"

const struct rule_info pfvf008_info = {
	.id = "PFVF008",
	.name = "driver-identity-by-hand",
	.level = LEVEL_WARNING,
	.precision = "high",
	.short_desc = "driver identity of a foreign device compared by hand",
	.full_desc = "Code compares the driver bound to another device (its PF, or a device "
		"found on the bus) with a driver structure, by hand. Nothing holds that "
		"device's driver bound while the result is used, and the check has to be "
		"extended for every new driver. Use pci_iov_get_pf_drvdata(pdev, &pf_driver) "
		"for a PF, or VFIO device sets (vfio_assign_device_set()) for a reset group.",
};

/* @f is a core callback and @param the device it runs for. */
static bool own_device(const struct analysis *an, const struct func *f, int param)
{
	size_t i;

	for (i = 0; i < an->entries.n; i++)
		if (an->entries.v[i].fn == f && an->entries.v[i].cb &&
		    an->entries.v[i].cb->device_arg == param)
			return true;
	return false;
}

/*
 * The device whose driver @e names, unless it is the callback's own
 * device: comparing one's own driver is no foreign identity check.
 */
static const struct expr *foreign_driver(const struct analysis *an,
					 const struct func *f, const struct expr *e)
{
	const struct expr *dev = driver_of(an->prog->model, e);
	struct role r;

	if (!dev)
		return NULL;
	r = eval_role(an->prog->model, dev);
	if (r.base == RB_PARAM && !r.pf && own_device(an, f, r.param))
		return NULL;
	return dev;
}

void pfvf008_check(const struct analysis *an, struct findings *out, int index)
{
	const struct program *p = an->prog;
	const struct model *m = p->model;
	size_t i;
	int j;

	for (i = 0; i < p->funcs.n; i++) {
		const struct func *f = p->funcs.v[i];

		if (!f->in_main)
			continue;
		for (j = 0; j < f->nevents; j++) {
			const struct event *e = &f->events[j];
			const struct expr *a, *b, *dev, *drv;
			char role[48];

			if (e->kind != EV_COMPARE || e->nargs != 2)
				continue;
			a = e->args[0];
			b = e->args[1];
			drv = a;
			dev = foreign_driver(an, f, a);
			if (!dev) {
				drv = b;
				dev = foreign_driver(an, f, b);
				b = a;
			}
			/* against a driver variable, or another device's driver */
			if (!dev || !(b->kind == X_GLOBAL || driver_of(m, b)))
				continue;
			role_format(eval_role(m, dev), role, sizeof(role));
			findings_add_site(out, &pfvf008_info, index, f, e,
				xasprintf("driver of %s ('%s') compared by hand in '%s'; use 'pci_iov_get_pf_drvdata()' for a PF, or a VFIO device set",
					  role, drv->name, f->name));
		}
	}
}
