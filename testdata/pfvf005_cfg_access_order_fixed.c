// SPDX-License-Identifier: GPL-2.0
/*
 * a91ee0e9fca9 fixed: pci_dev_lock() takes the device lock first, the
 * order sriov_numvfs_store() -> pci_enable_sriov() uses. No cycle.
 */
#include <linux/pci.h>

static int pf_sriov_configure(struct pci_dev *pdev, int nr_virtfn)
{
	return pci_enable_sriov(pdev, nr_virtfn);
}

static struct pci_driver cfg_pf_driver = {
	.name = "cfg_pf",
	.sriov_configure = pf_sriov_configure,
};

static void fixed_pci_dev_lock(struct pci_dev *dev)
{
	device_lock(&dev->dev);
	pci_cfg_access_lock(dev);
}

static void fixed_pci_dev_unlock(struct pci_dev *dev)
{
	pci_cfg_access_unlock(dev);
	device_unlock(&dev->dev);
}

int old_reset_store(struct pci_dev *dev)
{
	fixed_pci_dev_lock(dev);
	fixed_pci_dev_unlock(dev);
	return 0;
}

/*
 * check-name: pci_dev_lock in the fixed order
 * check-command: --rules $TESTDATA/rules_old_core
 */
