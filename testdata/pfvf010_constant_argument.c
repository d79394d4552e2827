// SPDX-License-Identifier: GPL-2.0
/*
 * A constant argument picks a helper's branch statically (qede_sp_task ->
 * qede_sriov_configure(pdev, 0) in 6.12 only ever disables; igb_probe
 * calls igb_disable_sriov(pdev, false), which skips 'if (reinit)'). The
 * branch the constant rules out is not on the caller's paths; the one it
 * selects is, with no lock held from a work item (PFVF010). What follows
 * the join of 'if (reset) ...;' runs for every value.
 */
#include <linux/pci.h>

struct pf_priv {
	struct pci_dev *pdev;
};

static int set_vfs(struct pci_dev *pdev, int num_vfs)
{
	if (num_vfs)
		return pci_enable_sriov(pdev, num_vfs);
	pci_disable_sriov(pdev); /* EXPECT PFVF010: 'reached from 'recovery_work'' */
	return 0;
}

static void maybe_drop_vfs(struct pci_dev *pdev, bool keep_vfs)
{
	if (!keep_vfs)
		pci_disable_sriov(pdev);
}

void hw_reset(struct pci_dev *pdev);

static void reset_then_drop(struct pci_dev *pdev, bool reset)
{
	if (reset)
		hw_reset(pdev);
	pci_disable_sriov(pdev); /* EXPECT PFVF010: 'reached from 'drop_work'' */
}

static void drop_work(struct pf_priv *pf)
{
	reset_then_drop(pf->pdev, false);
}

static void hw_reinit(struct pci_dev *pdev, bool reinit)
{
	if (reinit)
		set_vfs(pdev, 2);
}

/* a work item: set_vfs(pdev, 0) only disables, maybe_drop_vfs(.., true) nothing */
static void recovery_work(struct pf_priv *pf)
{
	set_vfs(pf->pdev, 0);
	maybe_drop_vfs(pf->pdev, true);
	hw_reinit(pf->pdev, false);
}

static int pf_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	return set_vfs(pdev, num_vfs);
}

static struct pci_driver pf_driver = {
	.name = "pf",
	.sriov_configure = pf_sriov_configure,
};

/*
 * check-name: constant arguments select a helper's branch
 */
